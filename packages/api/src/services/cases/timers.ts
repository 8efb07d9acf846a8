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
