/** Query parameter carrying the page to return to after sign-in. */
export const redirectParam = 'redirect';

/**
 * The page to open after sign-in: the `redirect` parameter when it is a path inside this app,
 * otherwise `/`. Rejects absolute and protocol-relative URLs (`//evil.example`) so the sign-in page
 * cannot be used as an open redirect.
 */
export function safeRedirect(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return '/';
  return value;
}

/** The sign-in URL that returns to `path` (path + search + hash of the page the user wanted). */
export function loginPathFor(path: string): string {
  const target = safeRedirect(path);
  return target === '/' ? '/login' : `/login?${redirectParam}=${encodeURIComponent(target)}`;
}
