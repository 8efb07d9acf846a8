import { fileURLToPath } from 'node:url';
import { isAbsolute, resolve } from 'node:path';

/** The repository root (apps/server/src → ../../..). */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export type ServerConfig = {
  port: number;
  host: string;
  /** PostgreSQL URL; empty means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Connections the server keeps to PostgreSQL (DATABASE_POOL_SIZE); undefined: the default for this machine (`defaultPoolSize`). */
  databasePoolSize: number | undefined;
  dataDir: string;
  metadataDir: string;
  webDist: string;
  /** Trust X-Forwarded-For / X-Forwarded-Proto (behind a reverse proxy). */
  trustProxy: boolean;
  /** Force `Secure` cookies (HTTPS terminated elsewhere). */
  secureCookies: boolean;
  /** Start the pg-boss queue. */
  queue: boolean;
};

function fromRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(repositoryRoot, path);
}

/** Reads the configuration from the environment; paths are relative to the repository root. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 不是有效的端口号：${env.PORT}`);
  const poolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined;
  if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200)) {
    throw new Error(`DATABASE_POOL_SIZE 应为1到200之间的整数：${env.DATABASE_POOL_SIZE}`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: poolSize,
    dataDir: fromRoot(env.DATA_DIR || 'data'),
    metadataDir: fromRoot(env.METADATA_DIR || 'metadata'),
    webDist: fromRoot(env.WEB_DIST || 'apps/web/dist'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    secureCookies: env.COOKIE_SECURE === '1' || env.COOKIE_SECURE === 'true',
    queue: env.QUEUE !== '0' && env.QUEUE !== 'false',
  };
}
