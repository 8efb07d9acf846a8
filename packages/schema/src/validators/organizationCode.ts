/**
 * Organisation code (组织机构代码), GB 11714: 8 characters (0–9, A–Z) + check character.
 * Accepts the printed form with a hyphen before the check character (`12345678-9`).
 */
const weights = [3, 7, 9, 10, 5, 8, 4, 2];

export type OrganizationCodeResult = { ok: true; value: string } | { ok: false; message: string };

function characterValue(character: string): number {
  return /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 55; // A = 10 … Z = 35
}

/** The GB 11714 check character (`0`–`9` or `X`) for the first 8 characters. */
export function organizationCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let index = 0; index < 8; index += 1) sum += characterValue(first8[index]) * weights[index];
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/** Checks an organisation code; returns it without the hyphen. */
export function checkOrganizationCode(input: string): OrganizationCodeResult {
  const value = input.trim().toUpperCase().replace(/^([0-9A-Z]{8})-/, '$1');
  if (value.length !== 9) return { ok: false, message: '组织机构代码应为9位（8位本体代码加1位校验码）' };
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(value)) return { ok: false, message: '组织机构代码本体应为数字或大写字母，校验码应为数字或X' };
  if (organizationCodeCheckCharacter(value) !== value[8]) return { ok: false, message: '组织机构代码校验码不正确' };
  return { ok: true, value };
}

/** True when `input` is a valid organisation code. */
export function isOrganizationCode(input: string): boolean {
  return checkOrganizationCode(input).ok;
}
