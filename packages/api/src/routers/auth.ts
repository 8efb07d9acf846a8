import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, appendAudit } from '@xlgl/db';
import { csrfCookieName, newCsrfToken, sessionCookieName } from '../auth/cookies.js';
import { hashPassword, passwordPolicyProblem, verifyPassword } from '../auth/passwords.js';
import { deleteSession, deleteUserSessions } from '../auth/sessions.js';
import { signIn } from '../auth/sign-in.js';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';

export const authRouter = router({
  signIn: publicProcedure
    .input(
      z.object({
        account: z.string().trim().min(1, { message: '请输入账号' }).max(64, { message: '账号不能超过64个字符' }),
        password: z.string().min(1, { message: '请输入密码' }).max(128, { message: '密码不能超过128位' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await signIn(ctx.db, {
        account: input.account,
        password: input.password,
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
        now: ctx.now(),
      });
      if (ctx.session) await deleteSession(ctx.db, ctx.session.tokenHash);
      ctx.setCookie(sessionCookieName, result.token, { httpOnly: true });
      // Bind the CSRF token to the new session (rotated at every sign-in).
      ctx.setCookie(csrfCookieName, result.csrfToken, { httpOnly: false });
      return { user: result.user };
    }),

  signOut: signedInProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await deleteSession(ctx.db, ctx.session.tokenHash);
    ctx.setCookie(sessionCookieName, '', { httpOnly: true, maxAge: 0 });
    ctx.setCookie(csrfCookieName, newCsrfToken(), { httpOnly: false });
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.user),

  changePassword: signedInProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, { message: '请输入当前密码' }).max(128),
        newPassword: z.string().max(128, { message: '密码不能超过128位' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const user = ctx.user!;
      const [row] = await ctx.db.select().from(accounts).where(eq(accounts.userId, user.id));
      if (!(await verifyPassword(input.currentPassword, row?.passwordHash))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: '当前密码不正确' });
      }
      const problem = passwordPolicyProblem(input.newPassword);
      if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
      const passwordHash = await hashPassword(input.newPassword);
      await ctx.db.transaction(async (tx) => {
        await tx.update(accounts).set({ passwordHash, passwordChangedAt: ctx.now() }).where(eq(accounts.userId, user.id));
        await deleteUserSessions(tx, user.id, ctx.session?.tokenHash);
        await appendAudit(tx, { actor: user.id, action: 'auth.changePassword', target: `user/${user.id}` }, ctx.now());
      });
      return { ok: true as const };
    }),
});
