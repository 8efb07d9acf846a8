/** A calendar date in China (UTC+8), `YYYY-MM-DD`. */
export type LocalDate = string;

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Normalises an instant to an ISO string; accepts Date or ISO text. */
export function toInstant(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`无效的时间：${String(value)}`);
  return date.toISOString();
}

/** The China-local calendar date of an instant. */
export function localDateOf(value: Date | string): LocalDate {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` strictly. */
export function assertLocalDate(value: string): LocalDate {
  const match = datePattern.exec(value);
  if (!match) throw new Error(`日期格式应为YYYY-MM-DD：${value}`);
  const utc = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== value) throw new Error(`不存在的日期：${value}`);
  return value;
}

/** Adds calendar days to a local date. */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight (China time) at the start of a local date, as an ISO instant. */
export function startOfLocalDate(date: LocalDate): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - CHINA_OFFSET_MS).toISOString();
}

/** Day of week of a local date, 0 = Sunday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
