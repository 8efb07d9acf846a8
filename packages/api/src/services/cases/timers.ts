import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { caseTimers, databaseKey, executeText, queueExecutor, queueSchemaOf, rowsOf, type Db, type PgBoss } from '@xlgl/db';

/** pg-boss queue the case timers go to; the supervision feature works it (yellow/red cards). */
export const caseTimerQueue = 'case-timer';

/** What a timer job carries. */
export type CaseTimerJob = { timerRowId: string; caseId: string; timerId: string; kind: 'yellow' | 'red'; taskId: string | null; date: string };

/** Keyed by `databaseKey`, so a transaction finds the queue of its database. */
const queues = new WeakMap<object, PgBoss>();

/**
 * Connects the case runtime of a database to its pg-boss instance (the server calls this at boot).
 * With a queue attached, a transition inserts its timer jobs in its own transaction (see
 * `enqueueTimerJobs`). Without one (tests, CLI) timers stay in `case_timers` with no job and are sent
 * by `reconcileCaseTimers` when a queue is attached.
 */
export async function attachCaseTimerQueue(db: Db, boss: PgBoss): Promise<void> {
  await boss.createQueue(caseTimerQueue);
  queues.set(databaseKey(db), boss);
  await reconcileCaseTimers(db);
}

export function caseTimerQueueOf(db: Db): PgBoss | undefined {
  return queues.get(databaseKey(db));
}

type TimerRow = Pick<typeof caseTimers.$inferSelect, 'id' | 'caseId' | 'timerId' | 'kind' | 'taskId' | 'fireDate' | 'fireAt'>;

/** The pg-boss job of a timer row (the id is chosen here so the row can name its job in the same write). */
function jobOf(row: TimerRow, id: string) {
  const data: CaseTimerJob = { timerRowId: row.id, caseId: row.caseId, timerId: row.timerId, kind: row.kind as 'yellow' | 'red', taskId: row.taskId, date: row.fireDate };
  return { id, name: caseTimerQueue, data, startAfter: row.fireAt.toISOString(), singletonKey: row.id, retryLimit: 5 };
}

/**
 * Inside a transition's transaction: gives each new timer row a job id and inserts the jobs through
 * the same transaction, so a committed timer always has its job (a crash can no longer fall between
 * the commit and a send). Returns the job ids by row id; empty when no queue is attached.
 */
export function enqueueTimerJobs(tx: Db, boss: PgBoss | undefined, rows: TimerRow[]): { jobIds: Map<string, string>; inserted?: Promise<unknown> } {
  const jobIds = new Map<string, string>();
  if (!boss || rows.length === 0) return { jobIds };
  const jobs = rows.map((row) => {
    const id = randomUUID();
    jobIds.set(row.id, id);
    return jobOf(row, id);
  });
  return { jobIds, inserted: boss.insert(jobs, { db: queueExecutor(tx) } as never) };
}

/**
 * Inside a transition's transaction, in one statement: marks the case's scheduled timers `timerIds`
 * cancelled and, with a queue attached, cancels their pg-boss jobs with the same state change as
 * `boss.cancel` (so no further round trip follows the transition's writes; a stray job would only be
 * ignored by the timer handler's token check). Resolves to the cancelled rows.
 */
export async function cancelTimers(tx: Db, boss: PgBoss | undefined, options: { caseId: string; timerIds: string[] }): Promise<Array<{ id: string; jobId: string | null }>> {
  const text = cancelText(boss ? queueSchemaOf(boss) : undefined, options.timerIds.length);
  return rowsOf<{ id: string; jobId: string | null }>(await executeText(tx, text, [options.caseId, ...options.timerIds]));
}

/** Statement texts of `cancelTimers` by queue schema and number of timers (a transition cancels one or two). */
const cancelTexts = new Map<string, string>();

function cancelText(queueSchema: string | undefined, count: number): string {
  const key = `${queueSchema ?? ''}#${count}`;
  let text = cancelTexts.get(key);
  if (text) return text;
  const ids = Array.from({ length: count }, (_, index) => `$${index + 2}`).join(', ');
  const cancel = `update case_timers set status = 'cancelled' where case_id = $1 and timer_id in (${ids}) and status = 'scheduled' returning id, job_id`;
  text = queueSchema
    ? `with cancelled as (${cancel}),
        jobs as (update "${queueSchema.replace(/"/g, '""')}".job set completed_on = now(), state = 'cancelled'
          where name = '${caseTimerQueue}' and id in (select job_id::uuid from cancelled where job_id is not null) and state < 'completed')
        select id, job_id as "jobId" from cancelled`
    : `with cancelled as (${cancel}) select id, job_id as "jobId" from cancelled`;
  cancelTexts.set(key, text);
  return text;
}

/**
 * Sends every scheduled timer that has no job yet (written while no queue was attached), in batches:
 * one insert of jobs and one update of the rows per batch. A crash between the two only leaves a
 * duplicate wake-up job, which the timer handler's token check ignores.
 */
export async function reconcileCaseTimers(db: Db): Promise<number> {
  const boss = caseTimerQueueOf(db);
  if (!boss) return 0;
  let sent = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .select()
      .from(caseTimers)
      .where(and(eq(caseTimers.status, 'scheduled'), isNull(caseTimers.jobId), gt(caseTimers.id, after)))
      .orderBy(asc(caseTimers.id))
      .limit(500);
    if (rows.length === 0) return sent;
    const jobs = rows.map((row) => jobOf(row, randomUUID()));
    await boss.insert(jobs);
    const pairs = jobs.map((job) => sql`(${job.data.timerRowId}, ${job.id})`);
    await db.execute(sql`update case_timers t set job_id = v.job_id from (values ${sql.join(pairs, sql`, `)}) as v(id, job_id)
      where t.id = v.id and t.job_id is null`);
    sent += rows.length;
    after = rows.at(-1)!.id;
  }
}
