import { TRPCError } from '@trpc/server';
import { and, eq, gte, sql } from 'drizzle-orm';
import { accounts, appendAudit, signInAttempts, type Db } from '@xlgl/db';
import { loadCurrentUser, type CurrentUser } from './current-user.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

/** Sign-in limits. */
export const signInPolicy = {
  /** Consecutive wrong passwords before an account is locked. */
  maxFailuresPerAccount: 5,
  lockMinutes: 15,
  /** Failed attempts from one client address within `ipWindowMinutes` before it is refused. */
  maxFailuresPerIp: 30,
  ipWindowMinutes: 15,
} as const;

function clock(date: Date): string {
  return date.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
}

export type SignInResult = { user: CurrentUser; token: string; csrfToken: string };

/**
 * Verifies account and password (scrypt, constant time, the same cost for unknown accounts),
 * enforcing the per-account lock and the per-address limit, and opens a session.
 */
export async function signIn(
  db: Db,
  input: { account: string; password: string; ip: string; userAgent: string; now: Date },
): Promise<SignInResult> {
  const account = input.account.trim().toLowerCase();
  const now = input.now;
  const windowStart = new Date(now.getTime() - signInPolicy.ipWindowMinutes * 60_000);
  const [ipFailures] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, input.ip), eq(signInAttempts.success, false), gte(signInAttempts.at, windowStart)));
  if (Number(ipFailures?.count ?? 0) >= signInPolicy.maxFailuresPerIp) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `此地址登录失败次数过多，请${signInPolicy.ipWindowMinutes}分钟后再试`,
    });
  }

  const [row] = await db.select().from(accounts).where(eq(accounts.account, account));
  if (row?.lockedUntil && row.lockedUntil.getTime() > now.getTime()) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `账号“${account}”因连续${signInPolicy.maxFailuresPerAccount}次密码错误已被锁定，请于${clock(row.lockedUntil)}后再试，或联系系统管理员重置密码`,
    });
  }

  const passwordOk = await verifyPassword(input.password, row?.passwordHash);
  if (!row || !passwordOk) {
    await db.transaction(async (tx) => {
      await tx.insert(signInAttempts).values({ at: now, account: account.slice(0, 64), ip: input.ip, success: false });
      if (!row) return;
      const failures = row.failedCount + 1;
      if (failures >= signInPolicy.maxFailuresPerAccount) {
        const lockedUntil = new Date(now.getTime() + signInPolicy.lockMinutes * 60_000);
        await tx.update(accounts).set({ failedCount: 0, lockedUntil }).where(eq(accounts.userId, row.userId));
        await appendAudit(tx, { actor: row.userId, action: 'auth.lock', target: `user/${row.userId}`, detail: { until: lockedUntil.toISOString(), ip: input.ip } }, now);
      } else {
        await tx.update(accounts).set({ failedCount: failures }).where(eq(accounts.userId, row.userId));
      }
    });
    const lockedNow = row && row.failedCount + 1 >= signInPolicy.maxFailuresPerAccount;
    throw new TRPCError({
      code: lockedNow ? 'TOO_MANY_REQUESTS' : 'UNAUTHORIZED',
      message: lockedNow
        ? `账号或密码错误；已连续${signInPolicy.maxFailuresPerAccount}次错误，账号锁定${signInPolicy.lockMinutes}分钟`
        : '账号或密码错误',
    });
  }

  const user = await loadCurrentUser(db, row.userId);
  if (!user) throw new TRPCError({ code: 'FORBIDDEN', message: '账号已停用，请联系系统管理员' });

  return db.transaction(async (tx) => {
    await tx.update(accounts).set({ failedCount: 0, lockedUntil: null }).where(eq(accounts.userId, row.userId));
    await tx.insert(signInAttempts).values({ at: now, account, ip: input.ip, success: true });
    const { token, session } = await createSession(tx, { userId: row.userId, ip: input.ip, userAgent: input.userAgent, now });
    await appendAudit(tx, { actor: row.userId, action: 'auth.signIn', target: `user/${row.userId}`, detail: { ip: input.ip } }, now);
    return { user, token, csrfToken: session.csrfToken };
  });
}
