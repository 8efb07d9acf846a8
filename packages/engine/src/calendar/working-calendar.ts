import chineseDays from 'chinese-days';
import { addCalendarDays, assertLocalDate, dayOfWeek, type LocalDate } from '../time.js';

/** An administrator's correction of the official calendar for one date. */
export type CalendarOverride = { date: LocalDate; kind: 'workday' | 'holiday'; note?: string };

/**
 * A clock stop (补正, 特别程序): working days `d` with `from < d <= to` do not count (the day the
 * clock stops still counts, the day it restarts does not). An open interval (`to` absent) stops
 * the clock from `from` on.
 */
export type PauseInterval = { from: LocalDate; to?: LocalDate };

export type CalendarOptions = {
  overrides?: CalendarOverride[];
  /**
   * Years whose holiday arrangement administrators have entered in full through `overrides`
   * (e.g. after the State Council publishes next year's arrangement before `chinese-days` ships it).
   */
  publishedYears?: number[];
};

export type WorkingDayOptions = { pauses?: PauseInterval[] };

/** A year the calendar has no official data for. */
export class CalendarDataMissingError extends Error {
  constructor(readonly year: number) {
    super(`缺少${year}年的节假日安排数据，无法计算工作日。请系统管理员在“工作日历”中录入${year}年的节假日和调休安排后再试。`);
    this.name = 'CalendarDataMissingError';
  }
}

/** Working-day arithmetic on the official calendar (with 调休) plus administrators' overrides. */
export interface WorkingCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** The date `days` working days after `start` (not counting `start`); `days = 0` gives `start`. */
  addWorkingDays(start: LocalDate, days: number, options?: WorkingDayOptions): LocalDate;
  /** Working days `d` with `from < d <= to`, paused days excluded; negative when `to < from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate, options?: WorkingDayOptions): number;
  /** Years covered by official data or declared complete by administrators. */
  hasYear(year: number): boolean;
}

const officialYears = new Map<number, boolean>();

function officialDataCovers(year: number): boolean {
  let known = officialYears.get(year);
  if (known === undefined) {
    // Every published arrangement contains at least New Year's Day as a holiday.
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    officialYears.set(year, known);
  }
  return known;
}

function isPaused(date: LocalDate, pauses: PauseInterval[] | undefined): boolean {
  if (!pauses) return false;
  return pauses.some((pause) => date > pause.from && (pause.to === undefined || date <= pause.to));
}

const MAX_SCAN_DAYS = 366 * 30;

/**
 * Entries each calendar remembers (working days by date, `addWorkingDays` answers); past this a
 * memo starts afresh. A calendar only ever sees dates near today, so it is far from this in practice.
 */
const MEMO_LIMIT = 4096;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * Creates a working-day calendar. A calendar never changes once created (its overrides are copied
 * in), so it remembers what it worked out: whether a date is a working day, and the answers of
 * `addWorkingDays` — every transition that opens a step computes its deadlines (three scans of the
 * step's limit, each day parsed and looked up in the official data), almost always from today with
 * the same limit. A changed calendar is a new calendar (the case runtime builds one when
 * administrators edit the overrides).
 */
export function createWorkingCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const overrides = new Map<LocalDate, CalendarOverride['kind']>();
  for (const override of options.overrides ?? []) overrides.set(assertLocalDate(override.date), override.kind);
  const published = new Set(options.publishedYears ?? []);
  /** Valid dates only (a date is remembered after it passed `assertLocalDate`). */
  const workingDays = new Map<LocalDate, boolean>();
  /** `addWorkingDays` answers by start, days and closed pauses. */
  const added = new Map<string, LocalDate>();

  const hasYear = (year: number) => published.has(year) || officialDataCovers(year);

  const lookUp = (date: LocalDate): boolean => {
    assertLocalDate(date);
    const override = overrides.get(date);
    if (override) return override === 'workday';
    const year = Number(date.slice(0, 4));
    if (!hasYear(year)) throw new CalendarDataMissingError(year);
    if (published.has(year) && !officialDataCovers(year)) {
      // A year entered only by administrators: overrides carry the holidays and 调休 days.
      const day = dayOfWeek(date);
      return day !== 0 && day !== 6;
    }
    return chineseDays.isWorkday(date);
  };

  const isWorkingDay = (date: LocalDate): boolean => {
    const known = workingDays.get(date);
    return known ?? remember(workingDays, date, lookUp(date));
  };

  const scanWorkingDays = (start: LocalDate, days: number, opts: WorkingDayOptions): LocalDate => {
    assertLocalDate(start);
    if (!Number.isInteger(days) || days < 0) throw new Error(`工作日天数应为非负整数：${days}`);
    if (opts.pauses?.some((pause) => pause.to === undefined)) throw new Error('办件处于暂停计时状态（补正或特别程序），暂不能计算到期日');
    let date = start;
    let remaining = days;
    for (let scanned = 0; remaining > 0; scanned += 1) {
      if (scanned > MAX_SCAN_DAYS) throw new Error(`无法在${MAX_SCAN_DAYS}天内找到${days}个工作日`);
      date = addCalendarDays(date, 1);
      if (!isPaused(date, opts.pauses) && isWorkingDay(date)) remaining -= 1;
    }
    return date;
  };

  const addWorkingDays = (start: LocalDate, days: number, opts: WorkingDayOptions = {}): LocalDate => {
    // Only answers are remembered: a refused call (a bad date or count, an open pause) goes to the
    // scan every time and is refused there again.
    if (opts.pauses?.some((pause) => pause.to === undefined)) return scanWorkingDays(start, days, opts);
    const key = opts.pauses?.length ? JSON.stringify([start, days, opts.pauses.map((pause) => [pause.from, pause.to])]) : `${start}+${days}`;
    const known = added.get(key);
    return known ?? remember(added, key, scanWorkingDays(start, days, opts));
  };

  const workingDaysBetween = (from: LocalDate, to: LocalDate, opts: WorkingDayOptions = {}): number => {
    assertLocalDate(from);
    assertLocalDate(to);
    if (to < from) return -workingDaysBetween(to, from, opts);
    let count = 0;
    let date = from;
    for (let scanned = 0; date < to; scanned += 1) {
      if (scanned > MAX_SCAN_DAYS) throw new Error(`日期区间超过${MAX_SCAN_DAYS}天`);
      date = addCalendarDays(date, 1);
      if (!isPaused(date, opts.pauses) && isWorkingDay(date)) count += 1;
    }
    return count;
  };

  return { isWorkingDay, addWorkingDays, workingDaysBetween, hasYear };
}
