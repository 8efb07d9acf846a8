import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail, keep } from '../convert.js';
import { chinaDate, isoDateTime } from '../dates.js';

/** 日期时间: an instant (ISO 8601 with offset), stored as `timestamp with time zone`. */
export const datetimeField = defineFieldType({
  type: 'datetime',
  label: '日期时间',
  group: 'basic',
  settings: z.object({
    /** Minute precision is usual at the window; seconds on request. */
    withSeconds: z.boolean().default(false),
  }),
  value: (field) => isoDateTime(field.label),
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'timestamptz' }],
  convertTo: {
    date: (value) => (typeof value === 'string' ? { ok: true, value: chinaDate(value) } : fail('值不是日期时间')),
    text: keep,
    textarea: keep,
  },
  example: () => '2026-03-02T09:30:00+08:00',
});
