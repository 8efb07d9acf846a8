import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { documentId, itemStatuses, type OrganizationDocument } from '@xlgl/schema';
import { appendAudit, itemEditGrants, itemRevisions, readDocument, rowsOf, writeSetting } from '@xlgl/db';
import type { Context } from '../../context.js';
import { requires, router } from '../../trpc.js';
import {
  announcementPlaceholders,
  listAnnouncements,
  readAnnouncementTemplates,
  unknownPlaceholders,
  writeAnnouncementTemplate,
} from '../../services/items/announcements.js';
import { readCodingSettings } from '../../services/items/coding.js';
import { ensureImportedItems } from '../../services/items/imported.js';
import {
  actOnItemReview,
  approveItem,
  createItemDraft,
  discardItemDraft,
  requestItemAbolition,
  requestItemChange,
  returnItem,
  saveItemDraft,
  submitItem,
  withdrawItem,
  type Actor,
  type ReviewActResult,
} from '../../services/items/lifecycle.js';
import {
  configuredReviewFlowId,
  ensureReviewsStarted,
  itemReviewFlowSetting,
  loadItemReviewFlow,
  reviewerColleagues,
  reviewView,
  runningReview,
} from '../../services/items/review.js';
import { assertCanGrant } from '../../services/items/permissions.js';
import {
  diffItemVersions,
  getItem,
  listCatalogue,
  listItems,
  listItemVersions,
  readItemVersion,
  reviewInbox,
} from '../../services/items/queries.js';
import { itemStatistics } from '../../services/items/statistics.js';

function actorOf(ctx: Context): Actor {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  return { user: ctx.user, now: ctx.now() };
}

const itemId = documentId;

/** What the reviewer's screen needs after an action: the item status and, when published, codes and announcement. */
function reviewResult(id: string, result: ReviewActResult) {
  if (!result.concluded) return { id, status: result.revision.status, concluded: false as const, nextSteps: result.steps, version: null, codes: null, announcement: null };
  if (result.outcome === 'rejected') return { id, status: result.revision.status, concluded: true as const, nextSteps: [], version: null, codes: null, announcement: null };
  const approval = result.approval;
  return {
    id,
    status: approval.revision.status,
    concluded: true as const,
    nextSteps: [],
    version: approval.version,
    codes: approval.codes ?? null,
    announcement: approval.announcement,
  };
}
const versionRef = z.union([z.number().int().min(0).max(2_147_483_647, { message: '版本号过大' }), z.literal('draft')]);
const page = { page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(20) };
const announcementType = z.enum(['added', 'changed', 'abolished']);
const statusKeys = Object.keys(itemStatuses) as [string, ...string[]];

/** 事项管理 (R1): drafting, review, coding, publication, change, abolition, versions, statistics. */
export const studioItemsRouter = router({
  list: requires('studio.access')
    .input(
      z.object({
        search: z.string().trim().max(100).optional(),
        departmentId: z.string().max(64).optional(),
        category: z.string().max(2).optional(),
        status: z.enum(statusKeys).optional(),
        level: z.string().max(20).optional(),
        mine: z.boolean().optional(),
        ...page,
      }),
    )
    .query(async ({ ctx, input }) => {
      await ensureImportedItems(ctx.db);
      return listItems(ctx.db, ctx.user!, input);
    }),

  get: requires('studio.access')
    .input(z.object({ id: itemId }))
    .query(({ ctx, input }) => getItem(ctx.db, ctx.user!, input.id)),

  create: requires('studio.item.edit')
    .input(z.object({ document: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const row = await createItemDraft(ctx.db, actorOf(ctx), input.document);
      return { id: row.itemId, revision: row.revision, status: row.status };
    }),

  save: requires('studio.item.edit')
    .input(z.object({ document: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const row = await saveItemDraft(ctx.db, actorOf(ctx), input.document);
      return { id: row.itemId, revision: row.revision, status: row.status };
    }),

  submit: requires('studio.item.edit')
    .input(z.object({ id: itemId }))
    .mutation(async ({ ctx, input }) => {
      const row = await submitItem(ctx.db, actorOf(ctx), input.id);
      return { id: row.itemId, revision: row.revision, status: row.status };
    }),

  withdraw: requires('studio.item.edit')
    .input(z.object({ id: itemId }))
    .mutation(async ({ ctx, input }) => {
      const row = await withdrawItem(ctx.db, actorOf(ctx), input.id);
      return { id: row.itemId, revision: row.revision, status: row.status };
    }),

  discard: requires('studio.item.edit')
    .input(z.object({ id: itemId }))
    .mutation(async ({ ctx, input }) => {
      await discardItemDraft(ctx.db, actorOf(ctx), input.id);
      return { ok: true as const };
    }),

  requestChange: requires('studio.item.edit')
    .input(z.object({ id: itemId }))
    .mutation(async ({ ctx, input }) => {
      const row = await requestItemChange(ctx.db, actorOf(ctx), input.id);
      return { id: row.itemId, revision: row.revision, status: row.status };
    }),

  requestAbolish: requires('studio.item.edit')
    .input(
      z.object({
        id: itemId,
        reason: z.string().trim().min(2, { message: '请填写废止原因' }).max(500, { message: '废止原因不能超过500个字符' }),
        effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '请选择废止日期' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const row = await requestItemAbolition(ctx.db, actorOf(ctx), {
        itemId: input.id,
        reason: input.reason,
        effectiveDate: input.effectiveDate,
      });
      return { id: row.itemId, revision: row.revision, status: row.status };
    }),

  versions: requires('studio.access')
    .input(z.object({ id: itemId }))
    .query(({ ctx, input }) => listItemVersions(ctx.db, input.id)),

  version: requires('studio.access')
    .input(z.object({ id: itemId, version: z.number().int().min(1).max(2_147_483_647, { message: '版本号过大' }) }))
    .query(({ ctx, input }) => readItemVersion(ctx.db, input.id, input.version)),

  diff: requires('studio.access')
    .input(z.object({ id: itemId, from: versionRef, to: versionRef }))
    .query(({ ctx, input }) => diffItemVersions(ctx.db, { itemId: input.id, from: input.from, to: input.to })),

  /** Editor choices: departments the user may draft for, and published forms, flows and templates. */
  options: requires('studio.access').query(async ({ ctx }) => {
    const user = ctx.user!;
    const published = (kind: string) => readPublished(ctx, kind);
    const organizations = await readPublished(ctx, 'organization');
    const atCentre = user.centreId !== null && user.centreId === user.organizationId;
    const departments = organizations
      .map((row) => row.body as unknown as OrganizationDocument)
      .filter((org) => org.type === 'department' && (org.id === user.organizationId || (atCentre && org.parentId === user.centreId)))
      .map((org) => ({ id: org.id, name: org.name, regionCode: org.regionCode }));
    const simple = async (kind: string) => (await published(kind)).map((row) => ({ id: row.id, name: String(row.body.name ?? row.id) }));
    return {
      departments,
      allDepartments: organizations
        .map((row) => row.body as unknown as OrganizationDocument)
        .filter((org) => org.type === 'department')
        .map((org) => ({ id: org.id, name: org.name })),
      forms: await simple('form'),
      flows: await simple('flow'),
      documentTemplates: await simple('document-template'),
      certificateTemplates: await simple('certificate-template'),
      items: await simple('item'),
      regions: (await published('region')).map((row) => ({
        code: String(row.body.code),
        name: String(row.body.name),
        level: String(row.body.level),
      })),
    };
  }),

  review: router({
    inbox: requires('studio.item.review').query(({ ctx }) => reviewInbox(ctx.db, ctx.user!)),
    /** The running review: its flow, current steps and exactly the actions the engine offers the viewer. */
    detail: requires('studio.access')
      .input(z.object({ id: itemId }))
      .query(async ({ ctx, input }) => {
        const submitted = await ctx.db
          .select()
          .from(itemRevisions)
          .where(and(eq(itemRevisions.itemId, input.id), eq(itemRevisions.status, 'submitted')));
        await ensureReviewsStarted(ctx.db, submitted);
        const review = await runningReview(ctx.db, input.id);
        if (!review) return null;
        const view = await reviewView(ctx.db, review, ctx.user!.id);
        const transferTo = view.actions.some((action) => action.type === 'transfer')
          ? await reviewerColleagues(ctx.db, { regionCode: review.regionCode, excludeUserId: ctx.user!.id })
          : [];
        return { ...view, transferTo };
      }),
    act: requires('studio.item.review')
      .input(
        z.object({
          id: itemId,
          expectedVersion: z.number().int().min(1).max(2_147_483_647).optional(),
          action: z.object({
            type: z.enum(['approve', 'reject', 'return', 'transfer', 'withdraw'], { message: '未知的审核动作' }),
            taskId: z.string().max(64).optional(),
            nodeId: z.string().max(64).optional(),
            targetNodeId: z.string().max(64).optional(),
            toUserId: z.string().max(64).optional(),
            comment: z.string().trim().max(1000, { message: '意见不能超过1000个字符' }).optional(),
          }),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        if ((input.action.type === 'reject' || input.action.type === 'return') && (input.action.comment ?? '').length < 2) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: '请填写退回原因' });
        }
        return reviewResult(input.id, await actOnItemReview(ctx.db, actorOf(ctx), { itemId: input.id, expectedVersion: input.expectedVersion, action: input.action }));
      }),
    approve: requires('studio.item.review')
      .input(z.object({ id: itemId, comment: z.string().trim().max(1000).optional() }))
      .mutation(async ({ ctx, input }) => reviewResult(input.id, await approveItem(ctx.db, actorOf(ctx), { itemId: input.id, comment: input.comment }))),
    return: requires('studio.item.review')
      .input(
        z.object({
          id: itemId,
          comment: z.string().trim().min(2, { message: '请填写退回原因' }).max(1000, { message: '退回原因不能超过1000个字符' }),
        }),
      )
      .mutation(async ({ ctx, input }) => reviewResult(input.id, await returnItem(ctx.db, actorOf(ctx), { itemId: input.id, comment: input.comment }))),
  }),

  /** Which flow reviews items (R1.8): a published flow, validated for item review. */
  reviewFlow: router({
    get: requires('studio.access').query(async ({ ctx }) => {
      const flowId = await configuredReviewFlowId(ctx.db);
      const candidates = await readPublished(ctx, 'flow');
      let problems: string[] = [];
      let name = flowId;
      let version: number | null = null;
      try {
        const loaded = await loadItemReviewFlow(ctx.db, flowId);
        name = loaded.flow.name;
        version = loaded.version;
      } catch (error) {
        problems = [(error as Error).message];
      }
      return {
        flowId,
        name,
        version,
        problems,
        canConfigure: ctx.user!.capabilities.includes('studio.item.review') && ctx.user!.regionLevel === 'league',
        flows: candidates.map((row) => ({ id: row.id, name: String(row.body.name ?? row.id) })),
      };
    }),
    set: requires('studio.item.review')
      .input(z.object({ flowId: documentId }))
      .mutation(async ({ ctx, input }) => {
        const actor = actorOf(ctx);
        if (actor.user.regionLevel !== 'league') {
          throw new TRPCError({ code: 'FORBIDDEN', message: '没有权限：只有盟级审改部门可以设置事项审核流程' });
        }
        const loaded = await loadItemReviewFlow(ctx.db, input.flowId);
        await ctx.db.transaction(async (tx) => {
          await writeSetting(tx, itemReviewFlowSetting, { flowId: input.flowId });
          await appendAudit(
            tx,
            { actor: actor.user.id, action: 'item.reviewFlow', target: `setting/${itemReviewFlowSetting}`, detail: { flowId: input.flowId, version: loaded.version } },
            actor.now,
          );
        });
        return { flowId: input.flowId, name: loaded.flow.name, version: loaded.version };
      }),
  }),

  catalogue: requires('studio.access')
    .input(
      z.object({
        search: z.string().trim().max(100).optional(),
        category: z.string().max(2).optional(),
        departmentId: z.string().max(64).optional(),
        level: z.string().max(20).optional(),
        ...page,
      }),
    )
    .query(async ({ ctx, input }) => {
      await ensureImportedItems(ctx.db);
      return listCatalogue(ctx.db, input);
    }),

  announcements: router({
    list: requires('studio.access')
      .input(z.object({ itemId: z.string().max(64).optional(), ...page }))
      .query(async ({ ctx, input }) => {
        const result = await listAnnouncements(ctx.db, input);
        return { total: result.total, rows: result.rows.map((row) => ({ ...row, publishedAt: row.publishedAt.toISOString() })) };
      }),
    templates: requires('studio.access').query(async ({ ctx }) => {
      const templates = await readAnnouncementTemplates(ctx.db);
      return {
        placeholders: [...announcementPlaceholders],
        templates: (Object.keys(templates) as (keyof typeof templates)[]).map((type) => ({
          type,
          title: templates[type].title,
          body: templates[type].body,
          updatedAt: templates[type].updatedAt?.toISOString() ?? null,
          updatedBy: templates[type].updatedBy,
        })),
      };
    }),
    saveTemplate: requires('studio.item.review')
      .input(
        z.object({
          type: announcementType,
          title: z.string().trim().min(2, { message: '请填写公告标题模板' }).max(200, { message: '标题模板不能超过200个字符' }),
          body: z.string().trim().min(2, { message: '请填写公告正文模板' }).max(4000, { message: '正文模板不能超过4000个字符' }),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const unknown = [...unknownPlaceholders(input.title), ...unknownPlaceholders(input.body)];
        if (unknown.length > 0) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: `模板中有未知的占位符：${[...new Set(unknown)].map((key) => `{{${key}}}`).join('、')}`,
          });
        }
        const actor = actorOf(ctx);
        await ctx.db.transaction(async (tx) => {
          await writeAnnouncementTemplate(tx, { ...input, actor: actor.user.id, now: actor.now });
          await appendAudit(
            tx,
            {
              actor: actor.user.id,
              action: 'item.announcementTemplate',
              target: `item-announcement-template/${input.type}`,
              detail: { title: input.title },
            },
            actor.now,
          );
        });
        return { ok: true as const };
      }),
  }),

  statistics: requires('studio.access').query(async ({ ctx }) => {
    await ensureImportedItems(ctx.db);
    return itemStatistics(ctx.db);
  }),

  codingRule: requires('studio.access').query(({ ctx }) => readCodingSettings(ctx.db)),

  grants: router({
    list: requires('studio.access')
      .input(z.object({ id: itemId }))
      .query(({ ctx, input }) => ctx.db.select().from(itemEditGrants).where(eq(itemEditGrants.itemId, input.id))),
    grant: requires('studio.item.review')
      .input(z.object({ id: itemId, organizationId: documentId, note: z.string().max(200).optional() }))
      .mutation(async ({ ctx, input }) => {
        const actor = actorOf(ctx);
        assertCanGrant(actor.user);
        if (!(await readDocument(ctx.db, 'item', input.id)))
          throw new TRPCError({ code: 'NOT_FOUND', message: `事项“${input.id}”不存在或尚未发布` });
        if (!(await readDocument(ctx.db, 'organization', input.organizationId)))
          throw new TRPCError({ code: 'NOT_FOUND', message: `机构“${input.organizationId}”不存在` });
        await ctx.db.transaction(async (tx) => {
          await tx
            .insert(itemEditGrants)
            .values({
              itemId: input.id,
              organizationId: input.organizationId,
              grantedAt: actor.now,
              grantedBy: actor.user.id,
              note: input.note ?? null,
            })
            .onConflictDoNothing();
          await appendAudit(
            tx,
            { actor: actor.user.id, action: 'item.grant', target: `item/${input.id}`, detail: { organizationId: input.organizationId } },
            actor.now,
          );
        });
        return { ok: true as const };
      }),
    revoke: requires('studio.item.review')
      .input(z.object({ id: itemId, organizationId: documentId }))
      .mutation(async ({ ctx, input }) => {
        const actor = actorOf(ctx);
        assertCanGrant(actor.user);
        await ctx.db.transaction(async (tx) => {
          await tx
            .delete(itemEditGrants)
            .where(and(eq(itemEditGrants.itemId, input.id), eq(itemEditGrants.organizationId, input.organizationId)));
          await appendAudit(
            tx,
            { actor: actor.user.id, action: 'item.revoke', target: `item/${input.id}`, detail: { organizationId: input.organizationId } },
            actor.now,
          );
        });
        return { ok: true as const };
      }),
  }),
});

async function readPublished(ctx: Context, kind: string) {
  return rowsOf<{ id: string; body: Record<string, unknown> }>(
    await ctx.db
      .execute(sql`select h.id, d.body from metadata_heads h join metadata_documents d on d.kind = h.kind and d.id = h.id and d.version = h.version
      where h.kind = ${kind} and d.status = 'published' order by h.id`),
  );
}
