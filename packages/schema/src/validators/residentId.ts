/**
 * Resident identity number (居民身份证号码), GB 11643-1999:
 * 6-digit area + 8-digit birth date + 3-digit sequence (odd = male) + check character.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

export type ResidentIdInfo = {
  /** The number with an upper-case `X`. */
  value: string;
  areaCode: string;
  /** ISO date `YYYY-MM-DD`. */
  birthDate: string;
  sex: 'male' | 'female';
  /** 男 / 女 */
  sexLabel: '男' | '女';
};

export type ResidentIdResult = { ok: true; info: ResidentIdInfo } | { ok: false; message: string };

/** The GB 11643 check character for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(first17[index]) * weights[index];
  return checkCharacters[sum % 11];
}

function isValidDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks a resident ID number (length, characters, birth date, check digit) and parses sex and
 * birth date. `today` bounds the birth date (defaults to now).
 */
export function parseResidentId(input: string, today: Date = new Date()): ResidentIdResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, message: '身份证号码应为18位' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '身份证号码前17位应为数字，最后一位为数字或X' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1800 || !isValidDate(year, month, day)) return { ok: false, message: '身份证号码中的出生日期无效' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const todayIso = today.toISOString().slice(0, 10);
  if (birthDate > todayIso) return { ok: false, message: '身份证号码中的出生日期晚于今天' };
  if (residentIdCheckCharacter(value) !== value[17]) return { ok: false, message: '身份证号码校验位不正确' };
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return {
    ok: true,
    info: { value, areaCode: value.slice(0, 6), birthDate, sex, sexLabel: sex === 'male' ? '男' : '女' },
  };
}

/** True when `input` is a valid resident ID number. */
export function isResidentId(input: string): boolean {
  return parseResidentId(input).ok;
}
