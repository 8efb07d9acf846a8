import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail } from '../convert.js';

/** Formats integer fen as yuan text, e.g. 123456 → `1234.56`. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 金额: money in integer fen (分), stored as `bigint`; shown and entered in yuan. */
export const moneyField = defineFieldType({
  type: 'money',
  label: '金额',
  group: 'basic',
  settings: z.object({
    /** Lower bound in fen; money is non-negative unless configured. */
    minFen: z.number().int().default(0),
    maxFen: z.number().int().max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  value: (field) => {
    const { minFen, maxFen } = field.settings;
    let schema = z
      .number({ message: `“${field.label}”必须是金额（以分计的整数）` })
      .int({ message: `“${field.label}”必须精确到分` })
      .min(minFen, { message: `“${field.label}”不能小于${formatFen(minFen)}元` });
    if (maxFen !== undefined) schema = schema.max(maxFen, { message: `“${field.label}”不能大于${formatFen(maxFen)}元` });
    return schema;
  },
  emptyVerb: '填写',
  columns: [{ key: '', sqlType: 'bigint' }],
  convertTo: {
    number: (value) => (typeof value === 'number' ? { ok: true, value: value / 100 } : fail('值不是金额')),
    text: (value) => (typeof value === 'number' ? { ok: true, value: formatFen(value) } : fail('值不是金额')),
    textarea: (value) => (typeof value === 'number' ? { ok: true, value: formatFen(value) } : fail('值不是金额')),
  },
  example: () => 12_345,
});
