import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const parameters = { N: 16384, r: 8, p: 1 } as const;
const keyLength = 64;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions & { length: number }): Promise<Buffer> {
  const { length, ...scryptOptions } = options;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, scryptOptions, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` with a random 16-byte salt (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, { ...parameters, length: keyLength });
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64'), key.toString('base64')].join('$');
}

// A valid hash of a random secret, verified against when an account has no password, so that
// unknown accounts cost the same time as known ones.
let dummyHash: Promise<string> | null = null;

/** Verifies a password in constant time; a missing or malformed hash verifies (slowly) as false. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const hash = stored ?? (await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))));
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, keyText] = parts;
  const expected = Buffer.from(keyText!, 'base64');
  const actual = await scryptAsync(password, Buffer.from(saltText!, 'base64'), {
    length: expected.length,
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * Number(n) * Number(r),
  });
  return timingSafeEqual(actual, expected) && stored != null;
}

/** The password policy; returns the problem in Chinese, or null when the password is acceptable. */
export function passwordPolicyProblem(password: string): string | null {
  if (password.length < 8) return '密码至少8位';
  if (password.length > 128) return '密码不能超过128位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码必须同时包含字母和数字';
  return null;
}
