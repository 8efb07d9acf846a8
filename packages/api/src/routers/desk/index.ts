import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { caseNotices, cases, caseWatches, readAllDocuments, readDocument } from '@xlgl/db';
import { handlingAreas, type ItemDocument, type RegionDocument } from '@xlgl/schema';
import type { Context } from '../../context.js';
import { requires, router } from '../../trpc.js';
import {
  acceptCase,
  acceptInput,
  act,
  actionInput,
  caseDetail,
  decideWaiver,
  deliverInput,
  deliverResult,
  deskEventsFor,
  dictionaries as dictionaryEntries,
  feeExportCsv,
  feeReport,
  inbox,
  loadActor,
  lookupApplicant,
  materialsOnFile,
  pinyinInitials,
  reassignCase,
  recordPayment,
  renderNotice,
  requestWaiver,
} from '../../services/cases/index.js';
import { deskMaterialsRouter } from './materials.js';
import { acceptanceScope } from '../../services/cases/acceptance-scope.js';

async function actorOf(ctx: Context) {
  return loadActor(ctx.db, ctx.user!.id);
}

const caseId = z.string().uuid({ message: '办件标识不正确' });

/** 窗口工作台: acceptance, inbox, case screen, actions, fees, notices, live events. */
export const deskRouter = router({
  /** 共享材料库: reuse offers and the case's material files. */
  materials: deskMaterialsRouter,

  /**
   * Items the user's window may accept, searchable by name, code and pinyin initials (SPJYXK): its own
   * centre's items and higher-level items whose 通办范围 covers its region (handled at the owning centre).
   */
  items: requires('desk.accept')
    .input(z.object({ search: z.string().max(100).optional() }))
    .query(async ({ ctx, input }) => {
      const actor = await actorOf(ctx);
      const items = (await readAllDocuments(ctx.db, ['item']))
        .map((row) => row.body as unknown as ItemDocument)
        .flatMap((item) => {
          const scope = item.flowId ? acceptanceScope(item, actor.regionCode) : null;
          return scope ? [{ item, scope }] : [];
        });
      const regionNames = new Map<string, string>();
      for (const code of new Set(items.flatMap(({ scope }) => (scope.kind === 'general' ? [scope.owningRegionCode] : [])))) {
        regionNames.set(code, ((await readDocument(ctx.db, 'region', code))?.body as { name?: string } | undefined)?.name ?? code);
      }
      const search = input.search?.trim().toUpperCase();
      return items
        .map(({ item, scope }) => ({
          id: item.id,
          name: item.name,
          code: item.codes?.implementation ?? item.codes?.basic ?? '',
          initials: pinyinInitials(item.name),
          caseType: item.caseType,
          departmentId: item.departmentId,
          promisedDays: item.timeLimit.promised,
          charges: item.charges,
          generalHandling: scope.kind === 'general' ? { area: handlingAreas[scope.area], owningRegionCode: scope.owningRegionCode, owningRegionName: regionNames.get(scope.owningRegionCode)! } : null,
        }))
        .filter((item) => !search || item.name.includes(input.search!.trim()) || item.code.includes(search) || item.initials.includes(search) || item.id.toUpperCase().includes(search))
        .sort((a, b) => Number(Boolean(a.generalHandling)) - Number(Boolean(b.generalHandling)));
    }),

  /** The acceptance screen's metadata: item (materials, fees), form document. */
  acceptance: requires('desk.accept')
    .input(z.object({ itemId: z.string().max(100) }))
    .query(async ({ ctx, input }) => {
      const { readCurrent } = await import('../../services/cases/runtime.js');
      // the item and the actor at the same time (the answer is waited for by the click on the item)
      const [item, actor] = await Promise.all([readCurrent<ItemDocument>(ctx.db, { kind: 'item', id: input.itemId, what: '事项' }), actorOf(ctx)]);
      const form = item.body.formId ? await readCurrent<Record<string, unknown>>(ctx.db, { kind: 'form', id: item.body.formId, what: '表单' }) : null;
      const scope = acceptanceScope(item.body, actor.regionCode);
      if (!scope) throw new TRPCError({ code: 'FORBIDDEN', message: `事项“${item.body.name}”不在本中心的受理范围内（通办范围：${handlingAreas[item.body.handlingArea ?? 'local']}）` });
      const generalHandling =
        scope.kind === 'general'
          ? { area: handlingAreas[scope.area], owningRegionCode: scope.owningRegionCode, owningRegionName: ((await readDocument(ctx.db, 'region', scope.owningRegionCode))?.body as { name?: string } | undefined)?.name ?? scope.owningRegionCode }
          : null;
      return { item: item.body, itemVersion: item.version, form: form?.body ?? null, entryMode: actor.centre?.entryMode ?? 'front-desk', generalHandling };
    }),

  /** Applicant lookup in the person / enterprise libraries, with materials already on file. */
  lookupApplicant: requires('desk.accept')
    .input(z.object({ kind: z.enum(['person', 'enterprise']), key: z.string().min(1).max(30) }))
    .query(async ({ ctx, input }) => {
      const found = await lookupApplicant(ctx.db, input);
      return { applicant: found, materialsOnFile: found ? await materialsOnFile(ctx.db, input.key.toUpperCase()) : [] };
    }),

  /** 受理 / 不予受理 / 补正告知 — the only procedure that creates a case. */
  accept: requires('desk.accept')
    .input(acceptInput)
    .mutation(async ({ ctx, input }) => acceptCase(ctx.db, { actor: await actorOf(ctx), now: ctx.now(), input })),

  inbox: requires('desk.access')
    .input(z.object({ box: z.enum(['todo', 'supplements', 'done', 'watched', 'all']).default('todo'), search: z.string().max(100).optional(), itemId: z.string().max(100).optional(), status: z.enum(['green', 'yellow', 'red']).optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .query(async ({ ctx, input }) => inbox(ctx.db, { actor: await actorOf(ctx), capabilities: ctx.user!.capabilities, now: ctx.now(), input })),

  case: requires('desk.access')
    .input(z.object({ caseId }))
    .query(async ({ ctx, input }) => caseDetail(ctx.db, { actor: await actorOf(ctx), capabilities: ctx.user!.capabilities, now: ctx.now(), caseId: input.caseId })),

  /** One action on a case (approve, reject, return, transfer, withdraw, supplement, suspend, resume, escalate, record-print). */
  act: requires('desk.handle')
    .input(actionInput)
    .mutation(async ({ ctx, input }) => act(ctx.db, { actor: await actorOf(ctx), now: ctx.now(), input })),

  /** 送达: a window of the accepting centre hands over a result returned from the centre that handled the case. */
  deliver: requires('desk.accept')
    .input(deliverInput)
    .mutation(async ({ ctx, input }) => deliverResult(ctx.db, { actor: await actorOf(ctx), now: ctx.now(), input })),

  reassign: requires('desk.reassign')
    .input(z.object({ caseId, expectedVersion: z.number().int().min(1), toUserId: z.string().max(100), reason: z.string().max(2000) }))
    .mutation(async ({ ctx, input }) => reassignCase(ctx.db, { actor: await actorOf(ctx), now: ctx.now(), input })),

  recordPayment: requires('desk.accept')
    .input(z.object({ caseId, expectedVersion: z.number().int().min(1), method: z.enum(['cash', 'transfer', 'provider']), amountFen: z.number().int().min(0), receiptNo: z.string().max(100) }))
    .mutation(async ({ ctx, input }) => recordPayment(ctx.db, { actor: await actorOf(ctx), now: ctx.now(), input })),

  requestWaiver: requires('desk.accept')
    .input(z.object({ caseId, reason: z.string().max(2000) }))
    .mutation(async ({ ctx, input }) => requestWaiver(ctx.db, { actor: await actorOf(ctx), now: ctx.now(), input })),

  decideWaiver: requires('desk.lead')
    .input(z.object({ caseId, expectedVersion: z.number().int().min(1), approve: z.boolean(), note: z.string().max(500).optional() }))
    .mutation(async ({ ctx, input }) => decideWaiver(ctx.db, { actor: await actorOf(ctx), now: ctx.now(), input })),

  /** 收费统计 of the user's centre for a period (China dates, inclusive). */
  feeReport: requires('report.view')
    .input(z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为YYYY-MM-DD' }), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为YYYY-MM-DD' }) }))
    .query(async ({ ctx, input }) => feeReport(ctx.db, await actorOf(ctx), input)),

  /** CSV for the finance non-tax revenue system. */
  feeExport: requires('report.view')
    .input(z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为YYYY-MM-DD' }), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为YYYY-MM-DD' }) }))
    .query(async ({ ctx, input }) => ({ fileName: `非税收入-${input.from}-${input.to}.csv`, csv: await feeExportCsv(ctx.db, await actorOf(ctx), input) })),

  /** 关注 on/off. */
  watch: requires('desk.access')
    .input(z.object({ caseId, watched: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await caseDetail(ctx.db, { actor: await actorOf(ctx), capabilities: ctx.user!.capabilities, now: ctx.now(), caseId: input.caseId });
      if (input.watched) await ctx.db.insert(caseWatches).values({ userId: ctx.user!.id, caseId: input.caseId }).onConflictDoNothing();
      else await ctx.db.delete(caseWatches).where(and(eq(caseWatches.userId, ctx.user!.id), eq(caseWatches.caseId, input.caseId)));
      return { ok: true as const };
    }),

  /** A notice as PDF (base64), rendered from its template on first request. */
  notice: requires('desk.access')
    .input(z.object({ noticeId: z.string().uuid(), queryPassword: z.string().regex(/^\d{6}$/, { message: '查询密码应为6位数字' }).optional() }))
    .query(async ({ ctx, input }) => {
      const [notice] = await ctx.db.select({ caseId: caseNotices.caseId }).from(caseNotices).where(eq(caseNotices.id, input.noticeId));
      if (!notice) throw new TRPCError({ code: 'NOT_FOUND', message: '文书不存在' });
      await caseDetail(ctx.db, { actor: await actorOf(ctx), capabilities: ctx.user!.capabilities, now: ctx.now(), caseId: notice.caseId });
      return renderNotice(ctx.db, input.noticeId, { queryPassword: input.queryPassword });
    }),

  /** Live events (new tasks, transfers, notices) over SSE. */
  events: requires('desk.access').subscription(async function* ({ ctx, signal }) {
    const actor = await actorOf(ctx);
    yield* deskEventsFor({ userId: actor.userId, regionCode: actor.regionCode, roleIds: actor.roleIds, postIds: actor.postIds ?? [], organizationIds: actor.organizationIds }, signal);
  }),

  /** What the form renderer needs: dictionaries (by id) and the region tree. */
  rendererServices: requires('desk.access').query(async ({ ctx }) => {
    const dictionaries = await dictionaryEntries(ctx.db);
    type Node = { code: string; name: string; level: string; children: Node[] };
    const regions = (await readAllDocuments(ctx.db, ['region'])).map((row) => row.body as unknown as RegionDocument).sort((a, b) => a.code.localeCompare(b.code));
    const nodes = new Map<string, Node>(regions.map((region) => [region.code, { code: region.code, name: region.name, level: region.level, children: [] }]));
    const roots: Node[] = [];
    for (const region of regions) {
      const parent = region.parentCode ? nodes.get(region.parentCode) : undefined;
      if (parent) parent.children.push(nodes.get(region.code)!);
      else roots.push(nodes.get(region.code)!);
    }
    return { dictionaries, regionTree: roots };
  }),

  /** Counts for the landing page: the to-do box, and how much of it is near its limit (黄牌) or past it (红牌). */
  summary: requires('desk.access').query(async ({ ctx }) => {
    const actor = await actorOf(ctx);
    const now = ctx.now();
    const todo = (status?: 'yellow' | 'red') =>
      inbox(ctx.db, { actor, capabilities: ctx.user!.capabilities, now, input: { box: 'todo', status, page: 1, pageSize: 1 } }).then((box) => box.total);
    const [all, yellow, red, [accepted]] = await Promise.all([todo(), todo('yellow'), todo('red'), ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.acceptedBy, actor.userId)).limit(1)]);
    return { todo: all, todoYellow: yellow, todoRed: red, hasAccepted: Boolean(accepted) };
  }),
});
