import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep } from '../convert.js';
import { checkCreditCode } from '../../validators/creditCode.js';

/** 统一社会信用代码: GB 32100 (alphabet and check character), stored upper-case as `text`. */
export const creditCodeField = defineFieldType({
  type: 'credit-code',
  label: '统一社会信用代码',
  group: 'identity',
  settings: z.object({}),
  value: (field) =>
    z.string({ message: `“${field.label}”必须是文字` }).transform((value, ctx) => {
      const result = checkCreditCode(value);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.value;
    }),
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: { text: keep, textarea: keep },
  example: () => '91350100M000100Y43',
});
