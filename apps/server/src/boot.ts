import { existsSync } from 'node:fs';
import { attachBackups, attachDeskEventRelay, caseRollupQueue, ensureImportedItems, housekeeping, importMetadata, isSeeded, refreshCaseRollups, type ImportSummary } from '@xlgl/api';
import { chainPendingAudit, migrateDatabase, openDatabase, startQueue, withStartupLock, type DatabaseHandle, type PgBoss } from '@xlgl/db';
import type { ServerConfig } from './config.js';
import { backupDirectory } from './backup-directory.js';
import { startSupervisionWorkers } from './workers/supervision.js';

export type Booted = { handle: DatabaseHandle; queue: PgBoss | null; seeded: ImportSummary | null };

/** Opens the database (PostgreSQL or PGlite), migrates it, imports metadata on first start, starts the queue. */
export async function boot(config: ServerConfig, opened?: DatabaseHandle): Promise<Booted> {
  const handle = opened ?? (config.databaseUrl ? await openDatabase({ url: config.databaseUrl, maxConnections: config.databasePoolSize }) : await openDatabase({ dataDir: config.dataDir }));
  try {
    // Several servers may start at once on one PostgreSQL database: they migrate, import and set up their
    // queues one at a time.
    return await withStartupLock(handle, () => prepare(handle, config));
  } catch (error) {
    if (!opened) await handle.close();
    throw error;
  }
}

async function prepare(handle: DatabaseHandle, config: ServerConfig): Promise<Booted> {
  await migrateDatabase(handle);
  // Audit entries committed just before a crash or stop enter the hash chain now.
  await chainPendingAudit(handle.db);
  let seeded: ImportSummary | null = null;
  if (!(await isSeeded(handle.db))) {
    if (!existsSync(config.metadataDir)) throw new Error(`元数据目录不存在：${config.metadataDir}`);
    seeded = await importMetadata(handle.db, config.metadataDir, { actor: 'system' });
  }
  // Shipped (imported) items get their lifecycle record and codes by the coding rule.
  await ensureImportedItems(handle.db, { actor: 'system' });
  // On PostgreSQL, live desk events (new tasks, urges, cards) reach the browsers connected to any server
  // process of this database (several servers behind a load balancer): LISTEN/NOTIFY.
  await attachDeskEventRelay(handle);
  const queue = config.queue ? await startQueue(handle) : null;
  if (queue) {
    // Hourly: expired sessions and old sign-in attempts. Later issues add their timers the same way.
    await queue.createQueue('housekeeping');
    await queue.schedule('housekeeping', '7 * * * *');
    await queue.work('housekeeping', async () => {
      await housekeeping(handle.db);
    });
    await startSupervisionWorkers(handle.db, queue);
    // Audit entries of case transitions are chained right after their commit; this minute job is the
    // safety net for any left pending (e.g. a failed chaining run).
    await queue.createQueue('audit-chain');
    await queue.schedule('audit-chain', '* * * * *');
    await queue.work('audit-chain', async () => {
      await chainPendingAudit(handle.db);
    });
    // Report roll-ups (issue 9): readers refresh them too; the minute job keeps that work small.
    await queue.createQueue(caseRollupQueue);
    await queue.schedule(caseRollupQueue, '* * * * *');
    await queue.work(caseRollupQueue, async () => {
      await refreshCaseRollups(handle.db, { now: new Date() });
    });
  }
  // Backups to ./data/backups (BACKUP_DIR); scheduled through pg-boss when the queue runs.
  await attachBackups(handle.db, { directory: backupDirectory(config), kind: handle.kind, boss: queue });
  return { handle, queue, seeded };
}
