import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail } from '../convert.js';
import { checkCreditCode } from '../../validators/creditCode.js';

export type EnterpriseReference = { enterpriseId?: string; name: string; creditCode: string };

/**
 * 法人查询: picks an enterprise from the legal-person library by credit code (or adds a new one when
 * allowed); stores `{ enterpriseId?, name, creditCode }` as `jsonb`.
 */
export const enterpriseLookupField = defineFieldType({
  type: 'enterprise-lookup',
  label: '法人查询',
  group: 'identity',
  settings: z.object({
    allowCreate: z.boolean().default(true),
  }),
  value: (field) =>
    z.object(
      {
        enterpriseId: z.string().max(64).optional(),
        name: z
          .string({ message: `“${field.label}”的名称必须是文字` })
          .trim()
          .min(1, { message: `“${field.label}”的名称不能为空` })
          .max(200, { message: `“${field.label}”的名称不能超过200个字符` }),
        creditCode: z.string({ message: `“${field.label}”的统一社会信用代码必须是文字` }).transform((value, ctx) => {
          const result = checkCreditCode(value);
          if (!result.ok) {
            ctx.addIssue({ code: 'custom', message: `“${field.label}”的${result.message}` });
            return z.NEVER;
          }
          return result.value;
        }),
      },
      { message: `“${field.label}”必须包含名称和统一社会信用代码` },
    ),
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'jsonb' }],
  convertTo: {
    text: (value) =>
      (value as EnterpriseReference | null)?.name ? { ok: true, value: (value as EnterpriseReference).name } : fail('值不是法人'),
    'credit-code': (value) =>
      (value as EnterpriseReference | null)?.creditCode ? { ok: true, value: (value as EnterpriseReference).creditCode } : fail('值不是法人'),
  },
  example: () => ({ name: '锡林浩特市草原羊肉有限公司', creditCode: '91330102MA28NBU477' }),
});
