import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail } from '../convert.js';
import { isoDate } from '../dates.js';

export type DateRange = { start: string; end: string };

function rangeText(value: unknown) {
  const range = value as Partial<DateRange> | null;
  if (!range || typeof range !== 'object' || !range.start || !range.end) return fail('值不是日期区间');
  return { ok: true as const, value: `${range.start}至${range.end}` };
}

/** 日期区间: `{ start, end }`, stored as two `date` columns (`__start`, `__end`). */
export const dateRangeField = defineFieldType({
  type: 'date-range',
  label: '日期区间',
  group: 'basic',
  settings: z.object({
    /** Longest allowed range in days (inclusive), e.g. a licence valid at most 5 years. */
    maxDays: z.number().int().min(1).optional(),
  }),
  value: (field) =>
    z
      .object(
        { start: isoDate(`${field.label}开始日期`), end: isoDate(`${field.label}结束日期`) },
        { message: `“${field.label}”必须包含开始日期和结束日期` },
      )
      .refine((range) => range.start <= range.end, { message: `“${field.label}”的开始日期不能晚于结束日期`, path: ['end'] })
      .refine(
        (range) =>
          field.settings.maxDays === undefined ||
          (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000 + 1 <= field.settings.maxDays,
        { message: `“${field.label}”不能超过${field.settings.maxDays}天`, path: ['end'] },
      ),
  isEmpty: (value) => {
    if (value === undefined || value === null) return true;
    const range = value as Partial<DateRange>;
    return !range.start && !range.end;
  },
  emptyVerb: '选择',
  columns: [
    { key: 'start', sqlType: 'date' },
    { key: 'end', sqlType: 'date' },
  ],
  toColumns: (value) => {
    const range = (value ?? {}) as Partial<DateRange>;
    return { start: range.start ?? null, end: range.end ?? null };
  },
  fromColumns: (columns) =>
    columns.start == null && columns.end == null ? null : { start: columns.start ?? undefined, end: columns.end ?? undefined },
  convertTo: { text: rangeText, textarea: rangeText },
  example: () => ({ start: '2026-03-01', end: '2031-02-28' }),
});
