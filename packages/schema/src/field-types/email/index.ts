import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep } from '../convert.js';
import { isEmail } from '../../validators/contact.js';

/** 电子邮箱, stored as `text`. */
export const emailField = defineFieldType({
  type: 'email',
  label: '电子邮箱',
  group: 'identity',
  settings: z.object({}),
  value: (field) =>
    z
      .string({ message: `“${field.label}”必须是文字` })
      .trim()
      .refine(isEmail, { message: `“${field.label}”不是有效的电子邮箱地址` }),
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: { text: keep, textarea: keep },
  example: () => 'zhangsan@xlgl.gov.cn',
});
