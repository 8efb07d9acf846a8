import { timingSafeEqual } from 'node:crypto';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { capabilityLabels, type Capability } from '@xlgl/schema';
import type { Context } from './context.js';
import { csrfCookieName } from './auth/cookies.js';
import { DocumentValidationError } from './services/errors.js';

// Input validation messages in Chinese for schemas that do not set their own.
z.config(z.locales.zhCN());

/**
 * Who may call a procedure: `public` (anyone), `signed-in` (any signed-in user) or a capability a
 * role grants. A procedure without this declaration is refused (default deny).
 */
export type Access = 'public' | 'signed-in' | Capability;
export type ProcedureMeta = { access?: Access };

/** A refusal's problem: the machine path (tooling, placing it on a form field), the message, and `where` — the path in words. */
export type IssueShape = { path: (string | number)[]; message: string; where?: string };

/** Chinese names of the input keys most procedures share, so a refusal reads 「页码：…」 rather than 「page：…」. */
const inputKeyLabels: Record<string, string> = {
  account: '账号',
  password: '密码',
  search: '搜索关键词',
  page: '页码',
  pageSize: '每页条数',
  caseId: '办件',
  expectedVersion: '办件版本',
  comment: '办理意见',
  reason: '原因',
  status: '状态',
  itemId: '事项',
  id: '标识',
};

/** `materials.2.fileId` → 「materials 第3项 fileId」; shared keys in Chinese. */
function inputLabel(path: (string | number)[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `第${segment + 1}项` : (inputKeyLabels[segment] ?? segment))).join(' ');
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      let issues: IssueShape[] | undefined;
      let message = shape.message;
      if (error.cause instanceof DocumentValidationError) {
        issues = error.cause.issues;
      } else if (error.code === 'BAD_REQUEST' && error.cause instanceof z.ZodError) {
        issues = error.cause.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message }));
        message = `输入不合法：${issues.map((issue) => (issue.path.length ? `${inputLabel(issue.path)}：${issue.message}` : issue.message)).join('；')}`;
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        // Do not leak internals (SQL, stack) to the client; the server log has them.
        message = '服务器内部错误，请稍后重试或联系系统管理员';
      }
      return { ...shape, message, data: { ...shape.data, stack: undefined, issues } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Refuses a mutation unless `x-csrf-token` equals the `xlgl_csrf` cookie (and the session's token). */
export function assertCsrf(ctx: Context): void {
  const header = ctx.request.csrfHeader;
  const cookie = ctx.request.cookies[csrfCookieName];
  const valid = !!header && !!cookie && sameSecret(header, cookie) && (!ctx.session || sameSecret(header, ctx.session.csrfToken));
  if (!valid) {
    throw new TRPCError({ code: 'FORBIDDEN', message: '安全校验失败：请求缺少有效的CSRF令牌，请刷新页面后重试' });
  }
}

/** Throws unless the signed-in user holds `capability`. */
export function assertCapability(ctx: Context, capability: Capability): void {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  if (!ctx.user.capabilities.includes(capability)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `没有权限：此操作需要“${capabilityLabels[capability]}”权限` });
  }
}

const guard = t.middleware(({ ctx, meta, type, path, next }) => {
  const access = meta?.access;
  if (!access) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `接口“${path}”未声明访问权限，已拒绝` });
  }
  if (access === 'signed-in') {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  } else if (access !== 'public') {
    assertCapability(ctx, access);
  }
  if (type === 'mutation') assertCsrf(ctx);
  return next();
});

/**
 * The only procedure builder routers may use. It refuses every call unless the procedure declares its
 * access through `requires(…)`, `publicProcedure` or `signedInProcedure` (or `.meta({ access })`).
 */
export const procedure = t.procedure.use(guard);

/** A procedure callable by anyone (still CSRF-checked when it is a mutation). */
export const publicProcedure = procedure.meta({ access: 'public' });
/** A procedure for any signed-in user. */
export const signedInProcedure = procedure.meta({ access: 'signed-in' });
/** A procedure for users holding `capability`. */
export function requires(capability: Capability) {
  return procedure.meta({ access: capability });
}
