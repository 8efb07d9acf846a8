import { addCalendarDays, type LocalDate } from '../time.js';
import type { PauseInterval, WorkingCalendar } from './working-calendar.js';

/**
 * When a running case or step turns yellow (warning) and red (overdue). Defaults from domain.md:
 * yellow when 90 % of the time is used or one working day before the deadline (whichever first),
 * red once the deadline has passed. Both yellow triggers can be switched off (null / 0).
 */
export type WarningThresholds = { yellowRatio: number | null; yellowDaysBefore: number };

export const defaultWarningThresholds: WarningThresholds = { yellowRatio: 0.9, yellowDaysBefore: 1 };

export type Deadlines = {
  /** Last working day of the limit. */
  dueDate: LocalDate;
  /** First day the case/step shows yellow. */
  yellowDate: LocalDate;
  /** First day the case/step is overdue (red). */
  redDate: LocalDate;
};

/** Computes due, yellow and red dates for a limit of `limitDays` working days from `start`. */
export function computeDeadlines(
  calendar: WorkingCalendar,
  options: { start: LocalDate; limitDays: number; pauses?: PauseInterval[]; thresholds?: WarningThresholds },
): Deadlines {
  const { start, limitDays, pauses } = options;
  const thresholds = options.thresholds ?? defaultWarningThresholds;
  if (thresholds.yellowRatio !== null && !(thresholds.yellowRatio > 0 && thresholds.yellowRatio <= 1)) {
    throw new Error(`黄牌比例应在0到1之间：${thresholds.yellowRatio}`);
  }
  const dueDate = calendar.addWorkingDays(start, limitDays, { pauses });
  const candidates: LocalDate[] = [];
  if (thresholds.yellowRatio !== null) {
    candidates.push(calendar.addWorkingDays(start, Math.ceil(limitDays * thresholds.yellowRatio - 1e-9), { pauses }));
  }
  if (thresholds.yellowDaysBefore > 0) {
    candidates.push(calendar.addWorkingDays(start, Math.max(0, limitDays - thresholds.yellowDaysBefore), { pauses }));
  }
  const yellowDate = candidates.length > 0 ? candidates.reduce((a, b) => (a < b ? a : b)) : dueDate;
  return { dueDate, yellowDate, redDate: addCalendarDays(dueDate, 1) };
}

export type TimeStatus = 'green' | 'yellow' | 'red';

/** The colour of a deadline on a given day. */
export function timeStatusOn(deadlines: Deadlines, today: LocalDate): TimeStatus {
  if (today >= deadlines.redDate) return 'red';
  if (today >= deadlines.yellowDate) return 'yellow';
  return 'green';
}
