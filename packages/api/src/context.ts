import type { DatabaseKind, Db } from '@xlgl/db';
import type { CurrentUser } from './auth/current-user.js';
import { loadCurrentUser } from './auth/current-user.js';
import { csrfCookieName, newCsrfToken, serializeCookie, sessionCookieName, type CookieOptions } from './auth/cookies.js';
import { loadSession, type SessionInfo } from './auth/sessions.js';

/** What the HTTP layer tells the API about the request. */
export type RequestInfo = {
  /** Client address (the socket's, or X-Forwarded-For's first hop when the proxy is trusted). */
  ip: string;
  userAgent: string;
  cookies: Record<string, string>;
  /** The `x-csrf-token` header. */
  csrfHeader: string | null;
  /** HTTPS as seen by the client: cookies get `Secure`. */
  secure: boolean;
};

export type Context = {
  db: Db;
  databaseKind: DatabaseKind;
  user: CurrentUser | null;
  session: SessionInfo | null;
  request: RequestInfo;
  /** Sets a cookie on the response. */
  setCookie: (name: string, value: string, options: CookieOptions) => void;
  now: () => Date;
};

export type CreateContextOptions = {
  db: Db;
  databaseKind: DatabaseKind;
  request: RequestInfo;
  /** Receives complete `Set-Cookie` header values. */
  appendSetCookie: (header: string) => void;
  now?: () => Date;
};

/**
 * Builds the tRPC context of one request: resolves the session cookie to a session and the current
 * user (expired or orphaned sessions count as signed out and their cookie is cleared), and hands out
 * a CSRF cookie to clients that have none yet.
 */
export async function createContext(options: CreateContextOptions): Promise<Context> {
  const now = options.now ?? (() => new Date());
  const setCookie = (name: string, value: string, cookieOptions: CookieOptions) =>
    options.appendSetCookie(serializeCookie(name, value, { secure: options.request.secure, ...cookieOptions }));
  let session: SessionInfo | null = null;
  let user: CurrentUser | null = null;
  const token = options.request.cookies[sessionCookieName];
  if (token) {
    session = await loadSession(options.db, token, now());
    if (session) user = await loadCurrentUser(options.db, session.userId);
    if (!session || !user) {
      session = null;
      setCookie(sessionCookieName, '', { httpOnly: true, maxAge: 0 });
    }
  }
  if (!options.request.cookies[csrfCookieName]) {
    setCookie(csrfCookieName, session?.csrfToken ?? newCsrfToken(), { httpOnly: false });
  }
  return { db: options.db, databaseKind: options.databaseKind, user, session, request: options.request, setCookie, now };
}
