import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep } from '../convert.js';
import { placeholder } from '../shared.js';

/** 多行文本: long text with line breaks, stored as `text`. */
export const textareaField = defineFieldType({
  type: 'textarea',
  label: '多行文本',
  group: 'basic',
  settings: z.object({
    maxLength: z.number().int().min(1).max(20000, { message: '多行文本最长20000个字符' }).default(2000),
    rows: z.number().int().min(2).max(20).default(4),
    placeholder,
  }),
  value: (field) =>
    z
      .string({ message: `“${field.label}”必须是文字` })
      .max(field.settings.maxLength, { message: `“${field.label}”不能超过${field.settings.maxLength}个字符` }),
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: {
    // a value that does not fit a single line is reported by the target's value schema
    text: keep,
    address: (value) => ({ ok: true, value: { detail: value } }),
  },
  example: () => '申请在锡林浩特市开办个体餐饮店。\n经营面积60平方米。',
});
