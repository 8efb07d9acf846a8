import { randomBytes } from 'node:crypto';

export const sessionCookieName = 'xlgl_session';
export const csrfCookieName = 'xlgl_csrf';
export const csrfHeaderName = 'x-csrf-token';

export type CookieOptions = { httpOnly: boolean; maxAge?: number; secure?: boolean };

/** A `Set-Cookie` value: always `Path=/` and `SameSite=Lax`. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join('; ');
}

/** Parses a `Cookie` request header. */
export function parseCookies(header: string | undefined | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    if (name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}
