import { z } from 'zod';

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** A calendar date `YYYY-MM-DD` with a Chinese message naming the field. */
export function isoDate(label: string) {
  return z.string({ message: `“${label}”必须是日期` }).refine(isIsoDate, { message: `“${label}”不是有效日期（格式为YYYY-MM-DD）` });
}

/** ISO date-time with offset, e.g. `2026-03-01T09:30:00+08:00`. */
export function isoDateTime(label: string) {
  return z
    .string({ message: `“${label}”必须是日期时间` })
    .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)), {
      message: `“${label}”不是有效的日期时间`,
    });
}

/** The date part of an instant in China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A date limit in settings: a calendar date `YYYY-MM-DD`, or `today` (evaluated when the value is checked). */
export const dateLimit = z
  .string()
  .refine((value) => value === 'today' || isIsoDate(value), { message: '日期限制应为YYYY-MM-DD格式的日期或today（今天）' })
  .optional();
