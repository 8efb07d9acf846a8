import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep } from '../convert.js';
import { isMobile } from '../../validators/contact.js';

/** 手机号码: `^1[3-9]\d{9}$`, stored as `text`. */
export const mobileField = defineFieldType({
  type: 'mobile',
  label: '手机号码',
  group: 'identity',
  settings: z.object({}),
  value: (field) =>
    z
      .string({ message: `“${field.label}”必须是文字` })
      .trim()
      .refine(isMobile, { message: `“${field.label}”应为以1开头、第二位为3至9的11位手机号码` }),
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: { text: keep, textarea: keep },
  example: () => '13904790000',
});
