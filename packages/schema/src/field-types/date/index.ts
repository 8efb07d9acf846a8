import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail, keep } from '../convert.js';
import { dateSetting, isoDate } from '../dates.js';

/** 日期: a calendar date `YYYY-MM-DD`, stored as `date`. */
export const dateField = defineFieldType({
  type: 'date',
  label: '日期',
  group: 'basic',
  settings: z.object({
    min: dateSetting,
    max: dateSetting,
    /** Refuse dates after today (birth dates, past events). */
    notAfterToday: z.boolean().default(false),
  }),
  value: (field, context) => {
    const { min, max, notAfterToday } = field.settings;
    let schema = isoDate(field.label);
    if (min) schema = schema.refine((value) => value >= min, { message: `“${field.label}”不能早于${min}` });
    if (max) schema = schema.refine((value) => value <= max, { message: `“${field.label}”不能晚于${max}` });
    if (notAfterToday) {
      schema = schema.refine((value) => value <= (context.today ?? new Date().toISOString().slice(0, 10)), {
        message: `“${field.label}”不能晚于今天`,
      });
    }
    return schema;
  },
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'date' }],
  convertTo: {
    text: keep,
    textarea: keep,
    // midnight in China Standard Time
    datetime: (value) => (typeof value === 'string' ? { ok: true, value: `${value}T00:00:00+08:00` } : fail('值不是日期')),
  },
  example: () => '2026-03-02',
});
