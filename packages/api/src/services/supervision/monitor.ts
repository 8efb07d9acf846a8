import { and, asc, eq, gt, lte, or } from 'drizzle-orm';
import { cases, caseTimers, type Db } from '@xlgl/db';
import { localDateOf, type CaseState } from '@xlgl/engine';
import type { DueTimer } from '../cases/timers.js';
import { announceCard, recordCard, type CardColor } from './cards.js';
import { handlersOf, supervisorsOf, type Recipient } from './recipients.js';
import { announceUrges, createUrges } from './urges.js';

/** Declared time-limit rules (R7.1): which timer raises which card, and the near-due urge (R3.5). */
export const timeLimitRules = {
  'time.case.yellow': { color: 'yellow', scope: 'case', label: '办件临近承诺时限' },
  'time.case.red': { color: 'red', scope: 'case', label: '办件超过承诺时限' },
  'time.step.yellow': { color: 'yellow', scope: 'step', label: '环节临近办理时限' },
  'time.step.red': { color: 'red', scope: 'step', label: '环节超过办理时限' },
} as const satisfies Record<string, { color: CardColor; scope: 'case' | 'step'; label: string }>;
export type TimeLimitRuleId = keyof typeof timeLimitRules;

/** Why a due timer did (not) raise a card. */
export type TimerOutcome = 'carded' | 'duplicate' | 'stale' | 'closed' | 'paused' | 'early';

/**
 * Handles one yellow/red timer the sweep found due. The case is re-read and the timer is ignored unless
 * its row is still scheduled for the same date (the token — a suspend, return or transfer cancels or
 * re-dates the row), the case or step is open and its clock is running, and the date has come. Safe to
 * run twice for the same timer (two sweeps overlapping): only one marks the row fired and raises the card.
 */
export async function handleCaseTimer(db: Db, job: DueTimer, options: { now: Date }): Promise<TimerOutcome> {
  const { now } = options;
  const [timer] = await db.select().from(caseTimers).where(eq(caseTimers.id, job.timerRowId));
  if (!timer || timer.status !== 'scheduled' || timer.fireDate !== job.date || timer.kind !== job.kind) return 'stale';
  const [row] = await db.select().from(cases).where(eq(cases.id, job.caseId));
  if (!row || row.status !== 'running') return 'closed';
  const state = row.state as unknown as CaseState;
  const task = job.taskId ? state.tasks.find((entry) => entry.id === job.taskId) : undefined;
  if (job.taskId) {
    if (!task) return 'stale';
    if (task.pausedBy || row.paused) return 'paused';
    if ((job.kind === 'yellow' ? task.yellowDate : task.redDate) !== job.date) return 'stale';
  } else {
    if (row.paused) return 'paused';
    if ((job.kind === 'yellow' ? row.yellowDate : row.redDate) !== job.date) return 'stale';
  }
  if (job.date > localDateOf(now)) return 'early';
  const ruleId: TimeLimitRuleId = `time.${job.taskId ? 'step' : 'case'}.${job.kind}`;
  const rule = timeLimitRules[ruleId];
  const due = task ? task.dueDate : row.dueDate;
  const reason = task
    ? `环节“${task.label}”${job.kind === 'red' ? `已超过办理时限（应于${due}前办结）` : `临近办理时限（应于${due}前办结）`}`
    : `${job.kind === 'red' ? `已超过承诺办结时限（${row.timeLimitDays}个工作日，应于${due}前办结）` : `临近承诺办结时限（${row.timeLimitDays}个工作日，应于${due}前办结）`}`;
  const handlers = await handlersOf(db, { handlers: row.handlers, acceptedBy: row.acceptedBy, state }, job.taskId);
  const supervisors = await supervisorsOf(db, row.regionCode);
  const recipients = uniqueRecipients([...handlers, ...supervisors]);
  const result = await db.transaction(async (tx) => {
    const fired = await tx.update(caseTimers).set({ status: 'fired' }).where(and(eq(caseTimers.id, timer.id), eq(caseTimers.status, 'scheduled'), eq(caseTimers.fireDate, job.date))).returning({ id: caseTimers.id });
    if (fired.length === 0) return null;
    const card = await recordCard(
      tx,
      { caseId: row.id, caseNumber: row.number, itemId: row.itemId, itemName: row.itemName, regionCode: row.regionCode, departmentId: row.departmentId, color: rule.color, ruleId, reason, taskId: job.taskId, stepLabel: task?.label ?? null, dedupeKey: `timer:${timer.id}:${job.date}` },
      { now, recipients },
    );
    // 临期催办 (R3.5): a yellow threshold also urges the handlers by rule.
    const urges =
      job.kind === 'yellow'
        ? await createUrges(tx, { row, kind: 'urge', origin: 'urge.near-due', from: null, recipients: handlers, message: `${reason}，请抓紧办理`, dedupeKey: `near-due:${timer.id}:${job.date}`, now })
        : [];
    return { card, urges };
  });
  if (!result) return 'stale';
  announceCard(db, { outcome: result.card, row, now });
  announceUrges(db, { created: result.urges, row, now });
  return result.card ? 'carded' : 'duplicate';
}

function uniqueRecipients(list: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const recipient of list) if (!seen.has(recipient.userId)) seen.set(recipient.userId, recipient);
  return [...seen.values()];
}

/** Due timers read per batch by `sweepDueTimers` (default). */
const sweepBatch = 500;

/**
 * The timer sweep (pg-boss cron queue `case-timer-sweep`, every minute, and once at start-up): every
 * scheduled timer whose moment has come by `now` is handled, oldest first, in batches. A timer that can
 * never fire (its case closed, its task gone or re-dated) is cancelled, so it is not found again.
 */
export async function sweepDueTimers(db: Db, options: { now: Date; batch?: number }): Promise<{ handled: Record<TimerOutcome, number> }> {
  const batch = options.batch ?? sweepBatch;
  const handled: Record<TimerOutcome, number> = { carded: 0, duplicate: 0, stale: 0, closed: 0, paused: 0, early: 0 };
  let after: { fireAt: Date; id: string } | undefined;
  for (;;) {
    const due = await db
      .select()
      .from(caseTimers)
      .where(
        and(
          eq(caseTimers.status, 'scheduled'),
          lte(caseTimers.fireAt, options.now),
          after ? or(gt(caseTimers.fireAt, after.fireAt), and(eq(caseTimers.fireAt, after.fireAt), gt(caseTimers.id, after.id))) : undefined,
        ),
      )
      .orderBy(asc(caseTimers.fireAt), asc(caseTimers.id))
      .limit(batch);
    for (const timer of due) {
      const outcome = await handleCaseTimer(db, { timerRowId: timer.id, caseId: timer.caseId, timerId: timer.timerId, kind: timer.kind as 'yellow' | 'red', taskId: timer.taskId, date: timer.fireDate }, { now: options.now });
      handled[outcome] += 1;
      if (outcome === 'closed' || outcome === 'stale') await db.update(caseTimers).set({ status: 'cancelled' }).where(and(eq(caseTimers.id, timer.id), eq(caseTimers.status, 'scheduled'), eq(caseTimers.fireDate, timer.fireDate)));
    }
    if (due.length < batch) return { handled };
    // Timers left scheduled (paused, early, a card already raised) are passed over, not read again.
    const last = due.at(-1)!;
    after = { fireAt: last.fireAt, id: last.id };
  }
}
