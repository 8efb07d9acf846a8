import {
  appendAudit,
  backupFileName,
  listBackupFiles,
  pruneBackupFiles,
  writeBackup,
  type BackupSidecar,
  type DatabaseKind,
  type Db,
  type PgBoss,
} from '@xlgl/db';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { readBackupSettings, type BackupSettings } from './settings.js';

/** The pg-boss queue of scheduled backups. */
export const backupQueue = 'backup';
/** Scheduled times are Beijing time. */
export const backupTimeZone = 'Asia/Shanghai';

export type BackupRuntime = { directory: string; kind: DatabaseKind; boss: PgBoss | null };

const runtimes = new WeakMap<Db, BackupRuntime>();

/** The backup directory and queue of a database, or undefined when the server did not configure them. */
export function backupRuntimeOf(db: Db): BackupRuntime | undefined {
  return runtimes.get(db);
}

/**
 * Enables backups for a database: where files go and (with a queue) the schedule from the settings.
 * The server calls it at start; tests call it with a temporary directory.
 */
export async function attachBackups(db: Db, options: { directory: string; kind: DatabaseKind; boss?: PgBoss | null }): Promise<void> {
  const runtime: BackupRuntime = { directory: options.directory, kind: options.kind, boss: options.boss ?? null };
  runtimes.set(db, runtime);
  if (!runtime.boss) return;
  await runtime.boss.createQueue(backupQueue);
  await runtime.boss.work(backupQueue, async () => {
    await runBackup(db, { actor: 'system' });
  });
  await applyBackupSchedule(db, await readBackupSettings(db));
}

/** Puts the settings' schedule into pg-boss (or removes it when disabled). */
export async function applyBackupSchedule(db: Db, settings: BackupSettings): Promise<void> {
  const boss = runtimes.get(db)?.boss;
  if (!boss) return;
  if (settings.enabled) await boss.schedule(backupQueue, settings.cron, {}, { tz: backupTimeZone });
  else await boss.unschedule(backupQueue);
}

/** Takes a backup now, keeps the newest N (settings) and records it in the audit log. */
export async function runBackup(db: Db, options: { actor: string; now?: Date }): Promise<BackupSidecar & { pruned: string[] }> {
  const runtime = runtimes.get(db);
  if (!runtime) throw new Error('服务器未配置备份目录，无法备份');
  const now = options.now ?? new Date();
  let name = backupFileName(now);
  for (let suffix = 2; existsSync(join(runtime.directory, name)); suffix += 1) name = backupFileName(now, suffix);
  const sidecar = await writeBackup({ db, kind: runtime.kind, file: join(runtime.directory, name), now });
  const settings = await readBackupSettings(db);
  const pruned = await pruneBackupFiles(runtime.directory, settings.keep);
  await appendAudit(db, {
    actor: options.actor,
    action: 'backup.create',
    target: `backup/${name}`,
    detail: { bytes: sidecar.bytes, rows: sidecar.manifest.totalRows, sha256: sidecar.sha256, pruned },
  });
  return { ...sidecar, pruned };
}

export { listBackupFiles };
