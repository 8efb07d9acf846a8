import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail } from '../convert.js';
import { parseResidentId } from '../../validators/residentId.js';

export type PersonReference = { personId?: string; name: string; idNumber: string };

/**
 * 自然人查询: picks a natural person from the library by ID number (or adds a new one when
 * allowed); stores `{ personId?, name, idNumber }` as `jsonb`.
 */
export const personLookupField = defineFieldType({
  type: 'person-lookup',
  label: '自然人查询',
  group: 'identity',
  settings: z.object({
    /** Allow adding a person not yet in the natural-person library. */
    allowCreate: z.boolean().default(true),
  }),
  value: (field) =>
    z.object(
      {
        personId: z.string().max(64).optional(),
        name: z
          .string({ message: `“${field.label}”的姓名必须是文字` })
          .trim()
          .min(1, { message: `“${field.label}”的姓名不能为空` })
          .max(50, { message: `“${field.label}”的姓名不能超过50个字符` }),
        idNumber: z.string({ message: `“${field.label}”的身份证号码必须是文字` }).transform((value, ctx) => {
          const result = parseResidentId(value);
          if (!result.ok) {
            ctx.addIssue({ code: 'custom', message: `“${field.label}”的${result.message}` });
            return z.NEVER;
          }
          return result.info.value;
        }),
      },
      { message: `“${field.label}”必须包含姓名和身份证号码` },
    ),
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'jsonb' }],
  convertTo: {
    text: (value) => ((value as PersonReference | null)?.name ? { ok: true, value: (value as PersonReference).name } : fail('值不是自然人')),
    'id-number': (value) =>
      (value as PersonReference | null)?.idNumber ? { ok: true, value: (value as PersonReference).idNumber } : fail('值不是自然人'),
  },
  example: () => ({ name: '张三', idNumber: '11010519491231002X' }),
});
