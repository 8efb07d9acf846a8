import { executeText, rowsOf, type Db } from '@xlgl/db';

/**
 * pg-boss queue of the timer sweep: a cron job every minute hands every scheduled `case_timers` row
 * whose moment has come to the supervision handler (yellow/red cards, near-due urges). The rows are
 * the only bookkeeping: a transition writes and cancels them in its own transaction, and nothing is
 * sent to the queue per timer (thresholds are working days, so a card at most a minute late is on time).
 */
export const caseTimerSweepQueue = 'case-timer-sweep';

/**
 * The queue of the earlier design (one pg-boss job per timer). Its jobs are superseded by the sweep;
 * the supervision workers delete the queue at start-up.
 */
export const legacyCaseTimerQueue = 'case-timer';

/** A timer row due for handling (what the sweep passes to the supervision handler). */
export type DueTimer = { timerRowId: string; caseId: string; timerId: string; kind: 'yellow' | 'red'; taskId: string | null; date: string };

/**
 * Inside a transition's transaction, in one statement: deletes the case's scheduled timers `timerIds`
 * (a cancelled timer is not kept: deleting a row writes no index entries, marking it would write a
 * new row version into every index). Resolves to the deleted rows' ids.
 */
export async function cancelTimers(tx: Db, options: { caseId: string; timerIds: string[] }): Promise<string[]> {
  const text = cancelText(options.timerIds.length);
  return rowsOf<{ id: string }>(
    await executeText(
      tx,
      text,
      options.timerIds.map((timerId) => `${options.caseId}:${timerId}`),
    ),
  ).map((row) => row.id);
}

/** Statement texts of `cancelTimers` by number of timers (a transition cancels one or two). */
const cancelTexts = new Map<number, string>();

function cancelText(count: number): string {
  let text = cancelTexts.get(count);
  if (text) return text;
  const ids = Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');
  text = `delete from case_timers where id in (${ids}) and status = 'scheduled' returning id`;
  cancelTexts.set(count, text);
  return text;
}
