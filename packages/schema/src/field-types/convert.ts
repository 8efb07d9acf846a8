import type { ConversionResult, ValueConverter } from './definition.js';

/** Conversion helpers shared by the field-type declarations. */
export const keep: ValueConverter = (value) => ({ ok: true, value });

export function fail(reason: string): ConversionResult {
  return { ok: false, reason };
}

/** Any scalar to its text form. */
export const toText: ValueConverter = (value) => {
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
  return fail('值不是文字');
};

/** Text to number: digits with optional sign, decimals and thousands separators. */
export const textToNumber: ValueConverter = (value) => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/[,，]/g, '') : '';
  if (!/^[-+]?\d+(\.\d+)?$/.test(text)) return fail(`“${String(value)}”不是数字`);
  return { ok: true, value: Number(text) };
};

/** Yuan (number or text) to integer fen; refuses fractions of a fen. */
export const yuanToFen: ValueConverter = (value, target) => {
  const number = textToNumber(value, target);
  if (!number.ok) return number;
  const fen = Math.round((number.value as number) * 100);
  if (Math.abs(fen - (number.value as number) * 100) > 1e-6) return fail(`“${String(value)}”元不是整数分`);
  return { ok: true, value: fen };
};

/** Text to a single-element array. */
export const toList: ValueConverter = (value) => ({ ok: true, value: [value] });

/** Upper-cases text codes (ID numbers, credit codes). */
export const toUpperText: ValueConverter = (value) =>
  typeof value === 'string' ? { ok: true, value: value.trim().toUpperCase() } : fail('值不是文字');

/** Text `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY年M月D日`) to an ISO date. */
export const textToDate: ValueConverter = (value) => {
  if (typeof value !== 'string') return fail('值不是文字');
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!match) return fail(`“${value}”不是日期`);
  return { ok: true, value: `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` };
};

/** Text `是/否/true/false/1/0` to a boolean. */
export const textToBoolean: ValueConverter = (value) => {
  const text = String(value).trim().toLowerCase();
  if (['是', 'true', '1', 'y', 'yes', '有'].includes(text)) return { ok: true, value: true };
  if (['否', 'false', '0', 'n', 'no', '无'].includes(text)) return { ok: true, value: false };
  return fail(`“${String(value)}”无法识别为是或否`);
};
