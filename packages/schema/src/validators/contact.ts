/** Mainland mobile number: `^1[3-9]\d{9}$` (no whitelist of segments, see domain.md). */
export const mobilePattern = /^1[3-9]\d{9}$/;

/** A pragmatic e-mail shape: local part, `@`, a dotted domain; no spaces. */
export const emailPattern = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** True when `input` is a mainland mobile number. */
export function isMobile(input: string): boolean {
  return mobilePattern.test(input);
}

/** True when `input` looks like an e-mail address (at most 254 characters). */
export function isEmail(input: string): boolean {
  return input.length <= 254 && emailPattern.test(input);
}
