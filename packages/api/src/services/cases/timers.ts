import { and, eq, inArray, isNull } from 'drizzle-orm';
import { caseTimers, type Db, type PgBoss } from '@xlgl/db';

/** pg-boss queue the case timers go to; the supervision feature works it (yellow/red cards). */
export const caseTimerQueue = 'case-timer';

/** What a timer job carries. */
export type CaseTimerJob = { timerRowId: string; caseId: string; timerId: string; kind: 'yellow' | 'red'; taskId: string | null; date: string };

const queues = new WeakMap<Db, PgBoss>();

/**
 * Connects the case runtime of a database to its pg-boss instance (the server calls this at boot).
 * Without a queue (tests, CLI) timers stay in `case_timers` and are sent by `reconcileCaseTimers` later.
 */
export async function attachCaseTimerQueue(db: Db, boss: PgBoss): Promise<void> {
  await boss.createQueue(caseTimerQueue);
  queues.set(db, boss);
  await reconcileCaseTimers(db);
}

export function caseTimerQueueOf(db: Db): PgBoss | undefined {
  return queues.get(db);
}

type TimerRow = typeof caseTimers.$inferSelect;

async function sendJob(db: Db, boss: PgBoss, row: TimerRow): Promise<void> {
  const data: CaseTimerJob = { timerRowId: row.id, caseId: row.caseId, timerId: row.timerId, kind: row.kind as 'yellow' | 'red', taskId: row.taskId, date: row.fireDate };
  // singletonKey = the row id: a re-send after a crash between send and the id update makes no duplicate.
  const jobId = await boss.send(caseTimerQueue, data, { startAfter: row.fireAt, singletonKey: row.id, retryLimit: 5 });
  if (jobId) await db.update(caseTimers).set({ jobId }).where(and(eq(caseTimers.id, row.id), isNull(caseTimers.jobId)));
}

/** After a transition commits: sends new timers to pg-boss and cancels the jobs of cancelled ones. */
export async function flushCaseTimers(db: Db, changes: { scheduled: string[]; cancelledJobIds: string[] }): Promise<void> {
  const boss = queues.get(db);
  if (!boss) return;
  try {
    if (changes.scheduled.length > 0) {
      const rows = await db.select().from(caseTimers).where(and(inArray(caseTimers.id, changes.scheduled), eq(caseTimers.status, 'scheduled')));
      for (const row of rows) await sendJob(db, boss, row);
    }
    if (changes.cancelledJobIds.length > 0) await boss.cancel(caseTimerQueue, changes.cancelledJobIds);
  } catch (error) {
    // The rows are durable; reconcileCaseTimers re-sends them at the next start.
    console.error(JSON.stringify({ level: 'error', msg: 'case timer flush failed', error: String(error) }));
  }
}

/** Sends every scheduled timer that has no job yet (after a crash or while no queue was attached). */
export async function reconcileCaseTimers(db: Db): Promise<number> {
  const boss = queues.get(db);
  if (!boss) return 0;
  const rows = await db.select().from(caseTimers).where(and(eq(caseTimers.status, 'scheduled'), isNull(caseTimers.jobId)));
  for (const row of rows) await sendJob(db, boss, row);
  return rows.length;
}
