/** Name of the cookie the server sets for the double-submit CSRF check (see docs/team-contract.md). */
export const csrfCookieName = 'xlgl_csrf';
/** Header every request carries; the server refuses mutations whose header differs from the cookie. */
export const csrfHeaderName = 'x-csrf-token';

/** Reads one cookie's value from a `document.cookie` string; `undefined` when absent. */
export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** Headers for a tRPC request: the CSRF token when the cookie exists, nothing otherwise. */
export function csrfHeaders(cookieString: string): Record<string, string> {
  const token = readCookie(cookieString, csrfCookieName);
  return token ? { [csrfHeaderName]: token } : {};
}
