import { TRPCError } from '@trpc/server';
import { and, desc, eq, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import { containsPattern, readAllDocuments, smsOutbox, supervisionCards, supervisionUrges } from '@xlgl/db';
import type { Context } from '../../context.js';
import { requires, router, signedInProcedure } from '../../trpc.js';
import { loadActor } from '../../services/cases/runtime.js';
import {
  boardCaseDetail,
  boardCases,
  boardStatuses,
  boardSummary,
  irregularityRules,
  keyBundles,
  keyCaseProjects,
  markKeyBundle,
  markKeyProject,
  removeKeyBundle,
  myUrges,
  sweepDueTimers,
  regionPrefix,
  respondUrge,
  scanNewActivity,
  scopeOf,
  sendUrge,
  timeLimitRules,
} from '../../services/supervision/index.js';

async function scopeFor(ctx: Context) {
  const actor = await loadActor(ctx.db, ctx.user!.id);
  return { actor, scope: scopeOf(actor.regionCode) };
}

const caseId = z.string().uuid({ message: '办件标识不正确' });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为YYYY-MM-DD' });
const milestonesInput = z
  .array(z.object({ name: z.string().trim().min(1, { message: '请填写节点名称' }).max(50), match: z.string().trim().min(1, { message: '请填写节点对应的阶段或环节' }).max(50), plannedDate: localDate }))
  .min(1, { message: '重点项目至少要有一个计划节点' })
  .max(20, { message: '计划节点不能超过20个' });

/** Refuses test-only procedures outside NODE_ENV=test. */
export function assertTestEnvironment(): void {
  if (process.env.NODE_ENV !== 'test') throw new TRPCError({ code: 'FORBIDDEN', message: '测试时钟仅在测试环境（NODE_ENV=test）可用，生产环境已禁用' });
}

/** 电子监察: board, case detail, cards, urges (催办/督办), key projects, SMS outbox. */
export const supervisionRouter = router({
  summary: requires('supervision.access').query(async ({ ctx }) => {
    const { scope } = await scopeFor(ctx);
    return boardSummary(ctx.db, { scope, now: ctx.now() });
  }),

  /** Choices for the board's filters, within the scope. */
  filterOptions: requires('supervision.access').query(async ({ ctx }) => {
    const { scope } = await scopeFor(ctx);
    const documents = await readAllDocuments(ctx.db, ['region', 'organization', 'item']);
    const bodies = (kind: string) => documents.filter((row) => row.kind === kind).map((row) => row.body as Record<string, unknown>);
    return {
      regions: bodies('region').filter((region) => String(region.code).startsWith(scope.prefix)).map((region) => ({ code: String(region.code), name: String(region.name), level: String(region.level) })),
      departments: bodies('organization').filter((org) => org.type === 'department' && String(org.regionCode).startsWith(scope.prefix)).map((org) => ({ id: String(org.id), name: String(org.name) })),
      items: bodies('item').filter((item) => String(item.regionCode).startsWith(scope.prefix)).map((item) => ({ id: String(item.id), name: String(item.name) })),
    };
  }),

  board: requires('supervision.access')
    .input(
      z.object({
        regionCode: z.string().regex(/^\d{6,12}$/).optional(),
        regionLevel: z.enum(['league', 'banner', 'township', 'village']).optional(),
        departmentId: z.string().max(100).optional(),
        itemId: z.string().max(100).optional(),
        status: z.enum(Object.keys(boardStatuses) as [keyof typeof boardStatuses]).optional(),
        card: z.enum(['none', 'yellow', 'red']).optional(),
        keyProject: z.boolean().optional(),
        search: z.string().max(100).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { scope } = await scopeFor(ctx);
      return boardCases(ctx.db, { scope, now: ctx.now(), filter: input });
    }),

  case: requires('supervision.access')
    .input(z.object({ caseId }))
    .query(async ({ ctx, input }) => {
      const { scope } = await scopeFor(ctx);
      return boardCaseDetail(ctx.db, { scope, now: ctx.now(), caseId: input.caseId });
    }),

  /** Cards in scope, newest first. */
  cards: requires('supervision.access')
    .input(z.object({ color: z.enum(['yellow', 'red']).optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(async ({ ctx, input }) => {
      const { scope } = await scopeFor(ctx);
      const rows = await ctx.db
        .select()
        .from(supervisionCards)
        .where(and(like(supervisionCards.regionCode, `${regionPrefix(scope.regionCode)}%`), input.color ? eq(supervisionCards.color, input.color) : undefined))
        .orderBy(desc(supervisionCards.createdAt))
        .limit(input.limit);
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
    }),

  /** The declared rules (time limits and irregularities). */
  rules: requires('supervision.access').query(() => [
    ...Object.entries(timeLimitRules).map(([id, rule]) => ({ id, name: rule.label, color: rule.color, description: rule.scope === 'case' ? '办件总时限（工作日，补正和特别程序期间停止计时）' : '环节时限（工作日，暂停计时期间不计）' })),
    ...irregularityRules.map((rule) => ({ id: rule.id, name: rule.name, color: rule.color, description: rule.description })),
  ]),

  urge: requires('supervision.urge')
    .input(z.object({ caseId, kind: z.enum(['urge', 'supervise']), message: z.string().min(1, { message: '请填写催办内容' }).max(500), replyBy: localDate.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { actor } = await scopeFor(ctx);
      return sendUrge(ctx.db, { actor, now: ctx.now(), input });
    }),

  /** The signed-in handler's urges (popup list on the desk). */
  myUrges: signedInProcedure.query(async ({ ctx }) => myUrges(ctx.db, ctx.user!.id)),

  respondUrge: signedInProcedure
    .input(z.object({ urgeId: z.string().uuid(), response: z.string().max(1000).optional(), readOnly: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => respondUrge(ctx.db, { userId: ctx.user!.id, now: ctx.now(), input })),

  markKeyProject: requires('supervision.urge')
    .input(z.object({ caseId, name: z.string().min(1).max(100), milestones: z.array(z.object({ name: z.string().min(1).max(50), match: z.string().min(1).max(50), plannedDate: localDate })).min(1).max(20) }))
    .mutation(async ({ ctx, input }) => {
      const { actor } = await scopeFor(ctx);
      return markKeyProject(ctx.db, { actor, now: ctx.now(), input });
    }),

  /** 联办重点项目: a bundle of cases followed as one key project (create, or re-plan with `bundleId`). */
  markKeyBundle: requires('supervision.urge')
    .input(
      z.object({
        bundleId: z.string().uuid().optional(),
        name: z.string().trim().min(1, { message: '请填写项目名称' }).max(100),
        caseIds: z.array(caseId).min(2, { message: '联办重点项目至少要包含两个办件' }).max(50, { message: '联办重点项目最多包含50个办件' }),
        milestones: milestonesInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { actor } = await scopeFor(ctx);
      return markKeyBundle(ctx.db, { actor, now: ctx.now(), input });
    }),

  removeKeyBundle: requires('supervision.urge')
    .input(z.object({ bundleId: z.string().uuid() }))
    .mutation(async ({ ctx, input }) => {
      const { actor } = await scopeFor(ctx);
      return removeKeyBundle(ctx.db, { actor, now: ctx.now(), bundleId: input.bundleId });
    }),

  /** The key-project screen: single-case projects and bundles in scope, with milestone deviations. */
  keyProjects: requires('supervision.access')
    .input(z.object({ search: z.string().max(100).optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const { scope } = await scopeFor(ctx);
      const now = ctx.now();
      return { cases: await keyCaseProjects(ctx.db, { scope, now, search: input.search }), bundles: await keyBundles(ctx.db, { scope, now, search: input.search }) };
    }),

  /** SMS outbox (texts for cards and urges) in the viewer's scope: newest first, paged, searchable. */
  outbox: requires('supervision.access')
    .input(
      z.object({
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(200).default(20),
        search: z.string().trim().max(100).optional(),
        status: z.enum(['pending', 'sent', 'recorded', 'failed']).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { scope } = await scopeFor(ctx);
      const prefix = `${regionPrefix(scope.regionCode)}%`;
      // Texts about cards and urges of cases in the viewer's scope.
      const conditions = [
        sql`(${smsOutbox.ref} in (select 'card/' || ${supervisionCards.id} from ${supervisionCards} where ${supervisionCards.regionCode} like ${prefix}) or ${smsOutbox.ref} in (select 'urge/' || ${supervisionUrges.id} from ${supervisionUrges} where ${supervisionUrges.regionCode} like ${prefix}))`,
      ];
      if (input.search) conditions.push(sql`${smsOutbox.body} like ${containsPattern(input.search)}`);
      if (input.status) conditions.push(sql`${smsOutbox.status} = ${input.status}`);
      const where = and(...conditions);
      const [rows, [{ total }]] = await Promise.all([
        ctx.db.select().from(smsOutbox).where(where).orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id)).limit(input.pageSize).offset((input.page - 1) * input.pageSize),
        ctx.db.select({ total: sql<number>`count(*)::int` }).from(smsOutbox).where(where),
      ]);
      return {
        total,
        rows: rows.map((row) => ({ ...row, mobile: `${row.mobile.slice(0, 3)}****${row.mobile.slice(-4)}`, createdAt: row.createdAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null })),
      };
    }),

  /**
   * Test clock (NODE_ENV=test only): handles every timer due at `at` as if the clock showed `at`,
   * then runs the irregularity scan. Refused in production.
   */
  fireDueTimers: requires('supervision.access')
    .input(z.object({ at: z.string().datetime({ offset: true }) }))
    .mutation(async ({ ctx, input }) => {
      assertTestEnvironment();
      const now = new Date(input.at);
      const timers = await sweepDueTimers(ctx.db, { now });
      const scan = await scanNewActivity(ctx.db, { now });
      return { ...timers, scan };
    }),
});
