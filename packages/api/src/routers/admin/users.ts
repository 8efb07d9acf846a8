import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { documentId } from '@xlgl/schema';
import { accounts, appendAudit, readDocument } from '@xlgl/db';
import { hashPassword, passwordPolicyProblem } from '../../auth/passwords.js';
import { deleteUserSessions } from '../../auth/sessions.js';
import { requires, router } from '../../trpc.js';

export const usersRouter = router({
  /** Sets a user's password (policy: at least 8 characters with letters and digits), unlocks the account and ends the user's other sessions. */
  resetPassword: requires('admin.user.edit')
    .input(z.object({ userId: documentId, password: z.string().max(128, { message: '密码不能超过128位' }) }))
    .mutation(async ({ ctx, input }) => {
      const problem = passwordPolicyProblem(input.password);
      if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
      const user = await readDocument(ctx.db, 'user', input.userId);
      if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: `用户“${input.userId}”不存在` });
      const passwordHash = await hashPassword(input.password);
      await ctx.db.transaction(async (tx) => {
        await tx
          .insert(accounts)
          .values({ userId: input.userId, account: String(user.body.account), passwordHash, passwordChangedAt: ctx.now() })
          .onConflictDoUpdate({
            target: accounts.userId,
            set: { passwordHash, passwordChangedAt: ctx.now(), failedCount: 0, lockedUntil: null },
          });
        await deleteUserSessions(tx, input.userId, ctx.session?.tokenHash);
        await appendAudit(tx, { actor: ctx.user!.id, action: 'user.resetPassword', target: `user/${input.userId}` }, ctx.now());
      });
      return { ok: true as const };
    }),

  /** Unlocks an account locked by failed sign-ins. */
  unlock: requires('admin.user.edit')
    .input(z.object({ userId: documentId }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.transaction(async (tx) => {
        const updated = await tx
          .update(accounts)
          .set({ failedCount: 0, lockedUntil: null })
          .where(eq(accounts.userId, input.userId))
          .returning({ userId: accounts.userId });
        if (updated.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `用户“${input.userId}”没有登录账号` });
        await appendAudit(tx, { actor: ctx.user!.id, action: 'user.unlock', target: `user/${input.userId}` }, ctx.now());
      });
      return { ok: true as const };
    }),
});
