import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep } from '../convert.js';
import { fieldReference } from '../shared.js';
import { parseResidentId } from '../../validators/residentId.js';

/**
 * 身份证号码: GB 11643 resident ID (check digit and birth date), stored upper-case as `text`.
 * When configured, the renderer fills sex (`男`/`女`, or the select's codes `1`/`2`) and birth date
 * into other fields of the form.
 */
export const idNumberField = defineFieldType({
  type: 'id-number',
  label: '身份证号码',
  group: 'identity',
  settings: z.object({
    /** Field receiving the sex parsed from the number. */
    sexField: fieldReference,
    /** Field receiving the birth date (`YYYY-MM-DD`). */
    birthDateField: fieldReference,
  }),
  value: (field) =>
    z.string({ message: `“${field.label}”必须是文字` }).transform((value, ctx) => {
      const result = parseResidentId(value);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.info.value;
    }),
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'text' }],
  convertTo: { text: keep, textarea: keep },
  example: () => '11010519491231002X',
});
