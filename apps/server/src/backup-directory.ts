import { isAbsolute, join, resolve } from 'node:path';
import { repositoryRoot, type ServerConfig } from './config.js';

/** Where backups go: BACKUP_DIR (relative to the repository root), else `<data dir>/backups`. */
export function backupDirectory(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.BACKUP_DIR;
  if (configured) return isAbsolute(configured) ? configured : resolve(repositoryRoot, configured);
  return join(config.dataDir, 'backups');
}
