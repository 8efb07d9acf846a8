import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, ne } from 'drizzle-orm';
import { selectRows, sessions, type Db } from '@xlgl/db';
import { newCsrfToken } from './cookies.js';

/** Idle timeout: a session unused for this long expires. */
export const sessionIdleMs = 8 * 60 * 60 * 1000;
/** `last_seen` is written at most this often. */
const touchEveryMs = 60 * 1000;

export type SessionInfo = { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  db: Db,
  options: { userId: string; ip: string; userAgent: string; now: Date },
): Promise<{ token: string; session: SessionInfo }> {
  const token = randomBytes(32).toString('base64url');
  const session: SessionInfo = {
    tokenHash: hashToken(token),
    userId: options.userId,
    csrfToken: newCsrfToken(),
    expiresAt: new Date(options.now.getTime() + sessionIdleMs),
  };
  await db.insert(sessions).values({
    ...session,
    createdAt: options.now,
    lastSeen: options.now,
    ip: options.ip,
    userAgent: options.userAgent.slice(0, 500),
  });
  return { token, session };
}

const sessionColumns = ['userId', 'csrfToken', 'expiresAt', 'lastSeen'] as const;

/** Resolves a session token; expired sessions are deleted and yield null; live ones slide their expiry. */
export async function loadSession(db: Db, token: string, now: Date): Promise<SessionInfo | null> {
  const tokenHash = hashToken(token);
  // Read on every request: a statement text built once (see selectRows), not a query tree per call.
  const [row] = await selectRows(db, sessions, { columns: sessionColumns, where: { tokenHash } });
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeen.getTime() >= touchEveryMs) {
    expiresAt = new Date(now.getTime() + sessionIdleMs);
    await db.update(sessions).set({ lastSeen: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { tokenHash, userId: row.userId, csrfToken: row.csrfToken, expiresAt };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Signs a user out everywhere (optionally keeping one session, e.g. the caller's own). */
export async function deleteUserSessions(db: Db, userId: string, keepTokenHash?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId));
}

/** Deletes expired sessions (housekeeping). */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
