import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep, textToBoolean, textToDate, textToNumber, toList, toUpperText, yuanToFen } from '../convert.js';
import { placeholder } from '../shared.js';

/** 单行文本: a short text, stored as `text`. */
export const textField = defineFieldType({
  type: 'text',
  label: '单行文本',
  group: 'basic',
  settings: z.object({
    maxLength: z.number().int().min(1).max(2000, { message: '单行文本最长2000个字符' }).default(200),
    minLength: z.number().int().min(0).default(0),
    placeholder,
  }),
  value: (field) =>
    z
      .string({ message: `“${field.label}”必须是文字` })
      .trim()
      .min(field.settings.minLength, { message: `“${field.label}”至少${field.settings.minLength}个字符` })
      .max(field.settings.maxLength, { message: `“${field.label}”不能超过${field.settings.maxLength}个字符` })
      .refine((value) => !/[\r\n]/.test(value), { message: `“${field.label}”不能换行，请使用多行文本` }),
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: {
    textarea: keep,
    number: textToNumber,
    money: yuanToFen,
    date: textToDate,
    select: keep,
    'multi-select': toList,
    switch: textToBoolean,
    'id-number': toUpperText,
    'credit-code': toUpperText,
    mobile: keep,
    email: keep,
    region: keep,
    address: (value) => ({ ok: true, value: { detail: value } }),
    signature: keep,
  },
  example: () => '锡林浩特市',
});
