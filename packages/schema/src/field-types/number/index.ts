import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail, toText, yuanToFen } from '../convert.js';

/** 数字: a number with a fixed count of decimals, stored as `double precision`. */
export const numberField = defineFieldType({
  type: 'number',
  label: '数字',
  group: 'basic',
  settings: z.object({
    decimals: z.number().int().min(0).max(6, { message: '小数位数不能超过6位' }).default(0),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: z.string().max(10, { message: '单位不能超过10个字符' }).optional(),
  }),
  value: (field) => {
    const { decimals, min, max } = field.settings;
    let schema = z
      .number({ message: `“${field.label}”必须是数字` })
      .finite({ message: `“${field.label}”必须是有限的数字` })
      .refine((value) => Math.abs(value * 10 ** decimals - Math.round(value * 10 ** decimals)) < 1e-6, {
        message: decimals === 0 ? `“${field.label}”必须是整数` : `“${field.label}”最多${decimals}位小数`,
      });
    if (min !== undefined) schema = schema.refine((value) => value >= min, { message: `“${field.label}”不能小于${min}` });
    if (max !== undefined) schema = schema.refine((value) => value <= max, { message: `“${field.label}”不能大于${max}` });
    return schema;
  },
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'double' }],
  checkField: (field) =>
    field.settings.min !== undefined && field.settings.max !== undefined && field.settings.min > field.settings.max
      ? [{ path: ['settings', 'min'], message: `“${field.label}”的最小值大于最大值` }]
      : [],
  convertTo: {
    text: toText,
    textarea: toText,
    // a number is read as yuan when it becomes money
    money: yuanToFen,
    switch: (value) => (value === 0 || value === 1 ? { ok: true, value: value === 1 } : fail(`${String(value)}不是0或1`)),
  },
  example: (field) => field.settings.min ?? 3,
});
