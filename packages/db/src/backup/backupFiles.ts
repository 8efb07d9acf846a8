import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupError, type BackupSidecar } from './format.js';
import { sidecarPath } from './writeBackup.js';

/** Backup file names: `xlgl-backup-20260302-101500.jsonl.gz` (UTC) plus an optional `-n` suffix. */
const backupNamePattern = /^xlgl-backup-\d{8}-\d{6}(?:-\d{1,3})?\.jsonl\.gz$/;

export function isBackupFileName(name: string): boolean {
  return backupNamePattern.test(name);
}

/** The file name of a backup taken at `now`. */
export function backupFileName(now: Date, suffix?: number): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replaceAll('-', '')
    .replaceAll(':', '')
    .replace('T', '-');
  return `xlgl-backup-${stamp}${suffix ? `-${suffix}` : ''}.jsonl.gz`;
}

/** The path of a backup in `directory`, refusing any name that is not a backup file name (no traversal). */
export function backupFilePath(directory: string, name: string): string {
  if (!isBackupFileName(name)) throw new BackupError(`备份文件名不合法：“${name.slice(0, 80)}”`);
  return join(directory, name);
}

export type BackupListing = {
  name: string;
  bytes: number;
  createdAt: string;
  /** From the sidecar manifest; null when the sidecar is missing or unreadable. */
  tables: number | null;
  rows: number | null;
  sha256: string | null;
};

/** The backups in `directory`, newest first (a missing directory has none). */
export async function listBackupFiles(directory: string): Promise<BackupListing[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const listings: BackupListing[] = [];
  for (const name of names.filter(isBackupFileName)) {
    const file = join(directory, name);
    const info = await stat(file);
    let sidecar: BackupSidecar | null = null;
    try {
      sidecar = JSON.parse(await readFile(sidecarPath(file), 'utf8')) as BackupSidecar;
    } catch {
      sidecar = null;
    }
    listings.push({
      name,
      bytes: info.size,
      createdAt: sidecar?.createdAt ?? info.mtime.toISOString(),
      tables: sidecar?.manifest.tables.length ?? null,
      rows: sidecar?.manifest.totalRows ?? null,
      sha256: sidecar?.sha256 ?? null,
    });
  }
  return listings.sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
}

/** Deletes all but the newest `keep` backups (and their sidecars); returns the deleted names. */
export async function pruneBackupFiles(directory: string, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError('保留份数至少为1');
  const listings = await listBackupFiles(directory);
  const deleted: string[] = [];
  for (const listing of listings.slice(keep)) {
    const file = join(directory, listing.name);
    await rm(file, { force: true });
    await rm(sidecarPath(file), { force: true });
    deleted.push(listing.name);
  }
  return deleted;
}
