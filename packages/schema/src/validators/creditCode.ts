/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: registering authority (1) +
 * kind (1) + 6-digit area + 9-character organisation code + check character.
 */
export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeResult = { ok: true; value: string } | { ok: false; message: string };

/** The GB 32100 check character for the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += creditCodeAlphabet.indexOf(first17[index]) * weights[index];
  return creditCodeAlphabet[(31 - (sum % 31)) % 31];
}

/** Checks a unified social credit code: length, alphabet (no I, O, S, V, Z), area digits and check character. */
export function checkCreditCode(input: string): CreditCodeResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, message: '统一社会信用代码应为18位' };
  for (const character of value) {
    if (!creditCodeAlphabet.includes(character)) {
      return { ok: false, message: `统一社会信用代码含有非法字符“${character}”（不使用I、O、S、V、Z）` };
    }
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) return { ok: false, message: '统一社会信用代码第3至8位应为行政区划代码' };
  if (creditCodeCheckCharacter(value) !== value[17]) return { ok: false, message: '统一社会信用代码校验位不正确' };
  return { ok: true, value };
}

/** True when `input` is a valid unified social credit code. */
export function isCreditCode(input: string): boolean {
  return checkCreditCode(input).ok;
}
