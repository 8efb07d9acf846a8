import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep } from '../convert.js';
import { regionCodePattern } from '../shared.js';

const levelDigits = { county: 6, township: 9, village: 12 } as const;
const levelNames = { county: '旗县（市、区）', township: '苏木乡镇（街道）', village: '嘎查村（社区）' } as const;

/** The digits a region code's descendants share: `152500` → `1525`, `152502100` → `152502100`. */
export function regionPrefix(code: string): string {
  if (code.length === 6) return code.replace(/(00)+$/, '') || code;
  if (code.length === 9) return code.endsWith('000') ? code.slice(0, 6) : code;
  return code;
}

/** 行政区划: a region code (6/9/12 digits) under a configured root, chosen by cascader; `text`. */
export const regionField = defineFieldType({
  type: 'region',
  label: '行政区划',
  group: 'place',
  settings: z.object({
    /** Only regions under this code can be chosen (default 锡林郭勒盟). */
    rootCode: z.string().regex(regionCodePattern, { message: '行政区划代码应为6位、9位或12位数字' }).default('152500'),
    /** Deepest level that can be chosen. */
    maxLevel: z.enum(['county', 'township', 'village'], { message: '最深层级应为旗县、苏木乡镇或嘎查村' }).default('township'),
  }),
  value: (field) => {
    const prefix = regionPrefix(field.settings.rootCode);
    const maxDigits = levelDigits[field.settings.maxLevel];
    return z
      .string({ message: `“${field.label}”必须是行政区划代码` })
      .regex(regionCodePattern, { message: `“${field.label}”应为6位、9位或12位行政区划代码` })
      .refine((code) => code.startsWith(prefix), { message: `“${field.label}”不在${field.settings.rootCode}辖区内` })
      .refine((code) => code.length <= maxDigits, { message: `“${field.label}”最多选到${levelNames[field.settings.maxLevel]}` });
  },
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: { text: keep, address: (value) => ({ ok: true, value: { regionCode: value, detail: '' } }) },
  example: () => '152502',
});
