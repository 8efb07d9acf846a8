import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  caseTypes,
  documentReferences,
  issueText,
  itemActions,
  locateIssues,
  itemCategories,
  nextItemStatus,
  type ItemAction,
  type ItemDocument,
  type ItemStatus,
  type OrganizationDocument,
} from '@xlgl/schema';
import { appendAudit, itemEvents, itemRevisions, readDocument, writeDocument, type Db } from '@xlgl/db';
import type { CurrentUser } from '../../auth/current-user.js';
import { lockMetadata, parseOrThrow } from '../documents.js';
import { DocumentValidationError } from '../errors.js';
import { referenceTargetExists } from '../lookups.js';
import { allocateItemCodes, codeSubItems, type ItemCodes } from './coding.js';
import { publishAnnouncement, type AnnouncementValues } from './announcements.js';
import { describeItemDiff, summariseItemDiff } from './itemDiff.js';
import { assertCanEdit, assertCanReview } from './permissions.js';
import { applyReviewAction, ensureReviewsStarted, runningReview, startItemReview, type ReviewRow } from './review.js';
import type { AvailableAction, CaseAction, HistoryRecord } from '@xlgl/engine';
import { availableActions, type CaseState } from '@xlgl/engine';
import { loadActor, readDocumentVersion } from '../cases/runtime.js';

/**
 * The item lifecycle in the database (R1.1–R1.5). The publication review is a flow run by the flow
 * engine (review.ts): submitting starts an instance of the configured review flow; each reviewer
 * action is applied by the engine (`reviewStep` events while it runs); when the engine concludes it
 * approved, the remaining steps run automatically in the same transaction, each recorded as its own
 * event: approved → coded (codes allocated for a new item; a change keeps the item's codes) →
 * published (a new version in `metadata_documents`, `metadata_heads` moved to it, an announcement from
 * the template). An approved abolition request writes an `abolished` version instead. When the engine
 * concludes it rejected (退回修改), the revision goes back to the submitter with the reasons.
 */
export type RevisionRow = typeof itemRevisions.$inferSelect;

/** Writes `changes` to one revision and returns the updated row. */
async function updateRevision(
  tx: Db,
  key: { itemId: string; revision: number },
  changes: Partial<typeof itemRevisions.$inferInsert> & { updatedAt: Date; updatedBy: string },
): Promise<RevisionRow> {
  const [updated] = await tx
    .update(itemRevisions)
    .set(changes)
    .where(and(eq(itemRevisions.itemId, key.itemId), eq(itemRevisions.revision, key.revision)))
    .returning();
  return updated!;
}

export type Actor = { user: CurrentUser; now: Date };

export const openStatuses: ItemStatus[] = ['draft', 'submitted', 'returned', 'approved', 'coded'];

function transition(status: string, action: ItemAction): ItemStatus {
  const next = nextItemStatus(status as ItemStatus, action);
  if (!next.ok) throw new TRPCError({ code: 'CONFLICT', message: next.message });
  return next.status;
}

/** Parses an item document or throws BAD_REQUEST with the zod issues (Chinese messages, mapped to fields by the client). */
export function parseItem(raw: unknown): ItemDocument {
  const document = parseOrThrow(raw);
  if (document.kind !== 'item') throw new TRPCError({ code: 'BAD_REQUEST', message: '提交的不是事项文档' });
  return document;
}

async function assertReferences(db: Db, item: ItemDocument): Promise<void> {
  const missing: { path: (string | number)[]; message: string }[] = [];
  for (const reference of documentReferences(item)) {
    if (reference.kind === 'item' && reference.id === item.id) missing.push({ path: reference.path, message: '不能引用自身' });
    else if (!(await referenceTargetExists(db, reference.kind, reference.id))) {
      missing.push({ path: reference.path, message: `引用的“${reference.id}”不存在或未发布` });
    }
  }
  const department = await readDocument(db, 'organization', item.departmentId);
  if (department && (department.body as unknown as OrganizationDocument).type === 'window') {
    missing.push({ path: ['departmentId'], message: '实施部门应为职能部门，不能是窗口' });
  }
  if (missing.length > 0) {
    const issues = locateIssues(item, missing);
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `事项引用不正确：${issues.map(issueText).join('；')}`,
      cause: new DocumentValidationError('引用不存在', issues),
    });
  }
}

async function recordEvent(
  tx: Db,
  input: {
    itemId: string;
    revision: number;
    action: string;
    from: string | null;
    to: string;
    actor: string;
    at: Date;
    comment?: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(itemEvents).values({
    itemId: input.itemId,
    revision: input.revision,
    action: input.action,
    fromStatus: input.from,
    toStatus: input.to,
    actor: input.actor,
    at: input.at,
    comment: input.comment ?? null,
    detail: input.detail ?? {},
  });
}

async function audit(tx: Db, actor: Actor, entry: { action: string; itemId: string; detail: Record<string, unknown> }): Promise<void> {
  await appendAudit(
    tx,
    { actor: actor.user.id, action: `item.${entry.action}`, target: `item/${entry.itemId}`, detail: entry.detail },
    actor.now,
  );
}

/** The open revision of an item (locked for update), or null. */
async function lockOpenRevision(tx: Db, itemId: string): Promise<RevisionRow | null> {
  const [row] = await tx
    .select()
    .from(itemRevisions)
    .where(and(eq(itemRevisions.itemId, itemId), inArray(itemRevisions.status, openStatuses)))
    .orderBy(desc(itemRevisions.revision))
    .limit(1)
    .for('update');
  return row ?? null;
}

async function requireOpenRevision(tx: Db, itemId: string): Promise<RevisionRow> {
  const row = await lockOpenRevision(tx, itemId);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `事项“${itemId}”没有待处理的草稿或申请` });
  return row;
}

/** The item's open revision, locked, when the actor may edit the item (the submitter's side: submit, withdraw, discard). */
async function requireEditableRevision(tx: Db, actor: Actor, itemId: string): Promise<RevisionRow> {
  const row = await requireOpenRevision(tx, itemId);
  await assertCanEdit(tx, actor.user, { ...(row.body as unknown as ItemDocument), id: itemId });
  return row;
}

async function nextRevisionNumber(tx: Db, itemId: string): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(${itemRevisions.revision}), 0)::int` })
    .from(itemRevisions)
    .where(eq(itemRevisions.itemId, itemId));
  return Number(row?.max ?? 0) + 1;
}

/** The published (in force) version of an item, or null. */
export async function readPublishedItem(db: Db, itemId: string): Promise<{ version: number; status: string; body: ItemDocument } | null> {
  const row = await readDocument(db, 'item', itemId);
  return row ? { version: row.version, status: row.status, body: row.body as unknown as ItemDocument } : null;
}

function withoutCodes(item: ItemDocument): ItemDocument {
  const { codes: _codes, ...rest } = item;
  return rest as ItemDocument;
}

/** Starts a new item as a draft (revision 1). Drafts carry no codes: codes come with approval. */
export async function createItemDraft(db: Db, actor: Actor, raw: unknown): Promise<RevisionRow> {
  const item = withoutCodes(parseItem(raw));
  await assertCanEdit(db, actor.user, item);
  await assertReferences(db, item);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ itemId: itemRevisions.itemId }).from(itemRevisions).where(eq(itemRevisions.itemId, item.id)).limit(1);
    if (taken || (await readDocument(tx, 'item', item.id))) {
      throw new TRPCError({ code: 'CONFLICT', message: `事项标识“${item.id}”已存在，请换一个标识` });
    }
    const [row] = await tx
      .insert(itemRevisions)
      .values({
        itemId: item.id,
        revision: 1,
        changeType: 'create',
        status: 'draft',
        body: item as unknown as Record<string, unknown>,
        name: item.name,
        departmentId: item.departmentId,
        createdAt: actor.now,
        createdBy: actor.user.id,
        updatedAt: actor.now,
        updatedBy: actor.user.id,
      })
      .returning();
    await recordEvent(tx, { itemId: item.id, revision: 1, action: 'create', from: null, to: 'draft', actor: actor.user.id, at: actor.now });
    await audit(tx, actor, { action: 'create', itemId: item.id, detail: { revision: 1, name: item.name } });
    return row!;
  });
}

/** Saves the open draft (or returned) revision. A change keeps the published item's id and codes. */
export async function saveItemDraft(db: Db, actor: Actor, raw: unknown): Promise<RevisionRow> {
  const incoming = parseItem(raw);
  await assertReferences(db, incoming);
  return db.transaction(async (tx) => {
    const row = await requireOpenRevision(tx, incoming.id);
    if (row.status !== 'draft' && row.status !== 'returned') {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `事项“${row.name}”${row.status === 'submitted' ? '已提交审核，请先撤回再修改' : '正在发布，不能修改'}`,
      });
    }
    if (row.changeType === 'abolish') throw new TRPCError({ code: 'CONFLICT', message: '废止申请不能修改事项内容' });
    const previous = row.body as unknown as ItemDocument;
    await assertCanEdit(tx, actor.user, { ...previous, id: row.itemId });
    await assertCanEdit(tx, actor.user, { ...incoming, id: row.itemId });
    const item: ItemDocument = previous.codes ? { ...incoming, codes: previous.codes } : withoutCodes(incoming);
    const changes = describeItemDiff(previous, item);
    const updated = await updateRevision(tx, row, {
      body: item as unknown as Record<string, unknown>,
      name: item.name,
      departmentId: item.departmentId,
      updatedAt: actor.now,
      updatedBy: actor.user.id,
    });
    if (changes.length > 0) {
      const fields = [...new Set(changes.map((change) => change.label))].slice(0, 50);
      await recordEvent(tx, {
        itemId: row.itemId,
        revision: row.revision,
        action: 'save',
        from: row.status,
        to: row.status,
        actor: actor.user.id,
        at: actor.now,
        detail: { fields },
      });
      await audit(tx, actor, { action: 'save', itemId: row.itemId, detail: { revision: row.revision, fields } });
    }
    return updated;
  });
}

/** Submits a draft or returned revision for review. A change must differ from the published version. */
export async function submitItem(db: Db, actor: Actor, itemId: string): Promise<RevisionRow> {
  return db.transaction(async (tx) => {
    const row = await requireEditableRevision(tx, actor, itemId);
    const to = transition(row.status, 'submit');
    // The stored body may predate a schema change: validate again on submission.
    const item = parseItem(row.body);
    await assertReferences(tx, item);
    if (row.changeType === 'change') {
      const published = await readPublishedItem(tx, itemId);
      if (published && describeItemDiff(published.body, item).length === 0) {
        throw new TRPCError({ code: 'CONFLICT', message: '变更内容与已发布版本相同，无需提交审核' });
      }
    }
    const updated = await updateRevision(tx, row, {
      status: to,
      submittedAt: actor.now,
      submittedBy: actor.user.id,
      updatedAt: actor.now,
      updatedBy: actor.user.id,
    });
    const { review } = await startItemReview(tx, { item, revision: row.revision, userId: actor.user.id, now: actor.now });
    const flow = { flowId: review.flowId, flowVersion: review.flowVersion, reviewId: review.id };
    await recordEvent(tx, { itemId, revision: row.revision, action: 'submit', from: row.status, to, actor: actor.user.id, at: actor.now, detail: flow });
    await audit(tx, actor, { action: 'submit', itemId, detail: { revision: row.revision, changeType: row.changeType, ...flow } });
    return updated;
  });
}

/** Takes a submission back to draft (before the review office decides). */
export async function withdrawItem(db: Db, actor: Actor, itemId: string): Promise<RevisionRow> {
  return db.transaction(async (tx) => {
    const row = await requireEditableRevision(tx, actor, itemId);
    const to = transition(row.status, 'withdraw');
    const review = await runningReview(tx, itemId, true);
    if (review) {
      await applyReviewAction(tx, { review, action: { type: 'cancel', reason: '提交人撤回审核申请' }, userId: actor.user.id, now: actor.now });
    }
    const updated = await updateRevision(tx, row, { status: to, updatedAt: actor.now, updatedBy: actor.user.id });
    await recordEvent(tx, {
      itemId,
      revision: row.revision,
      action: 'withdraw',
      from: row.status,
      to,
      actor: actor.user.id,
      at: actor.now,
    });
    await audit(tx, actor, { action: 'withdraw', itemId, detail: { revision: row.revision } });
    return updated;
  });
}

/** Discards a draft (or returned) revision; the published version, if any, is untouched. */
export async function discardItemDraft(db: Db, actor: Actor, itemId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await requireEditableRevision(tx, actor, itemId);
    if (row.status !== 'draft' && row.status !== 'returned')
      throw new TRPCError({ code: 'CONFLICT', message: '只能放弃草稿或已退回的修订' });
    await tx.delete(itemRevisions).where(and(eq(itemRevisions.itemId, itemId), eq(itemRevisions.revision, row.revision)));
    await recordEvent(tx, {
      itemId,
      revision: row.revision,
      action: 'discard',
      from: row.status,
      to: 'discarded',
      actor: actor.user.id,
      at: actor.now,
    });
    await audit(tx, actor, { action: 'discard', itemId, detail: { revision: row.revision, changeType: row.changeType } });
  });
}

/** Starts a change request: a new draft revision copied from the published version, which stays in force. */
export async function requestItemChange(db: Db, actor: Actor, itemId: string): Promise<RevisionRow> {
  return db.transaction(async (tx) => {
    const published = await readPublishedItem(tx, itemId);
    if (!published) throw new TRPCError({ code: 'NOT_FOUND', message: `事项“${itemId}”不存在或尚未发布` });
    await assertCanEdit(tx, actor.user, { ...published.body, id: itemId });
    transition(published.status, 'requestChange');
    const open = await lockOpenRevision(tx, itemId);
    if (open)
      throw new TRPCError({
        code: 'CONFLICT',
        message: `事项“${published.body.name}”已有未完成的${open.changeType === 'abolish' ? '废止申请' : '修订'}，请先处理`,
      });
    const revision = await nextRevisionNumber(tx, itemId);
    const [row] = await tx
      .insert(itemRevisions)
      .values({
        itemId,
        revision,
        changeType: 'change',
        status: 'draft',
        body: { ...published.body } as unknown as Record<string, unknown>,
        name: published.body.name,
        departmentId: published.body.departmentId,
        baseVersion: published.version,
        createdAt: actor.now,
        createdBy: actor.user.id,
        updatedAt: actor.now,
        updatedBy: actor.user.id,
      })
      .returning();
    await recordEvent(tx, {
      itemId,
      revision,
      action: 'requestChange',
      from: 'published',
      to: 'draft',
      actor: actor.user.id,
      at: actor.now,
      detail: { baseVersion: published.version },
    });
    await audit(tx, actor, { action: 'requestChange', itemId, detail: { revision, baseVersion: published.version } });
    return row!;
  });
}

/** Files an abolition request (reason and effective date), submitted straight to the review office. */
export async function requestItemAbolition(
  db: Db,
  actor: Actor,
  input: { itemId: string; reason: string; effectiveDate: string },
): Promise<RevisionRow> {
  return db.transaction(async (tx) => {
    const published = await readPublishedItem(tx, input.itemId);
    if (!published) throw new TRPCError({ code: 'NOT_FOUND', message: `事项“${input.itemId}”不存在或尚未发布` });
    await assertCanEdit(tx, actor.user, { ...published.body, id: input.itemId });
    transition(published.status, 'abolish');
    const open = await lockOpenRevision(tx, input.itemId);
    if (open) throw new TRPCError({ code: 'CONFLICT', message: `事项“${published.body.name}”已有未完成的修订，请先处理后再申请废止` });
    const revision = await nextRevisionNumber(tx, input.itemId);
    const [row] = await tx
      .insert(itemRevisions)
      .values({
        itemId: input.itemId,
        revision,
        changeType: 'abolish',
        status: 'submitted',
        body: { ...published.body } as unknown as Record<string, unknown>,
        name: published.body.name,
        departmentId: published.body.departmentId,
        baseVersion: published.version,
        abolishReason: input.reason,
        abolishDate: input.effectiveDate,
        createdAt: actor.now,
        createdBy: actor.user.id,
        updatedAt: actor.now,
        updatedBy: actor.user.id,
        submittedAt: actor.now,
        submittedBy: actor.user.id,
      })
      .returning();
    const { review } = await startItemReview(tx, { item: published.body, revision, userId: actor.user.id, now: actor.now });
    await recordEvent(tx, {
      itemId: input.itemId,
      revision,
      action: 'requestAbolish',
      from: 'published',
      to: 'submitted',
      actor: actor.user.id,
      at: actor.now,
      comment: input.reason,
      detail: { effectiveDate: input.effectiveDate, flowId: review.flowId, flowVersion: review.flowVersion, reviewId: review.id },
    });
    await audit(tx, actor, {
      action: 'requestAbolish',
      itemId: input.itemId,
      detail: { revision, reason: input.reason, effectiveDate: input.effectiveDate },
    });
    return row!;
  });
}

/** The engine concluded the review rejected: the revision goes back to the submitter with the reasons. */
async function concludeReturned(
  tx: Db,
  actor: Actor,
  input: { row: RevisionRow; comment: string; step: StepDetail },
): Promise<RevisionRow> {
  const { row } = input;
  const to = transition(row.status, 'return');
  const updated = await updateRevision(tx, row, {
    status: to,
    decidedAt: actor.now,
    decidedBy: actor.user.id,
    updatedAt: actor.now,
    updatedBy: actor.user.id,
  });
  await recordEvent(tx, {
    itemId: row.itemId,
    revision: row.revision,
    action: 'return',
    from: row.status,
    to,
    actor: actor.user.id,
    at: actor.now,
    comment: input.comment,
    detail: input.step,
  });
  await audit(tx, actor, { action: 'return', itemId: row.itemId, detail: { revision: row.revision, comment: input.comment, ...input.step } });
  return updated;
}

async function organizationName(db: Db, id: string): Promise<string> {
  const row = await readDocument(db, 'organization', id);
  return (row?.body.name as string | undefined) ?? id;
}

function formatDate(date: Date): string {
  // Dates in announcements are China Standard Time.
  const local = new Date(date.getTime() + 8 * 3600_000);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

export type ApprovalResult = {
  revision: RevisionRow;
  version: number;
  codes: ItemCodes | undefined;
  announcement: { title: string; body: string };
};

/**
 * Approves a submission; coding and publication follow in the same transaction (see the module
 * comment). Lock order: the revision row, then code counters, then the metadata lock, then audit.
 */
async function concludeApproved(
  tx: Db,
  actor: Actor,
  input: { row: RevisionRow; item: ItemDocument; comment?: string; step: StepDetail },
): Promise<ApprovalResult> {
  {
    const { row, item } = input;
    const by = actor.user.id;
    const approved = transition(row.status, 'approve');
    const events: Parameters<typeof recordEvent>[1][] = [
      {
        itemId: item.id,
        revision: row.revision,
        action: 'approve',
        from: row.status,
        to: approved,
        actor: by,
        at: actor.now,
        comment: input.comment,
        detail: input.step,
      },
    ];
    const published = await readPublishedItem(tx, item.id);
    let values: AnnouncementValues;
    let version: number;
    let finalStatus: ItemStatus;
    let codes: ItemCodes | undefined;
    let announcementType: 'added' | 'changed' | 'abolished';

    if (row.changeType === 'abolish') {
      if (!published) throw new TRPCError({ code: 'CONFLICT', message: '事项尚未发布，无需废止' });
      finalStatus = transition(published.status, 'abolish');
      await lockMetadata(tx);
      const written = await writeDocument(tx, {
        kind: 'item',
        id: item.id,
        body: published.body as unknown as Record<string, unknown>,
        references: documentReferences(published.body),
        actor: by,
        status: 'abolished',
        now: actor.now,
      });
      version = written.version;
      codes = published.body.codes;
      events.push({
        itemId: item.id,
        revision: row.revision,
        action: 'abolish',
        from: approved,
        to: finalStatus,
        actor: by,
        at: actor.now,
        detail: { version, reason: row.abolishReason, effectiveDate: row.abolishDate },
      });
      announcementType = 'abolished';
      values = { 废止原因: row.abolishReason ?? '', 废止日期: row.abolishDate ?? formatDate(actor.now) };
    } else {
      const coded = transition(approved, 'code');
      let changeSummary = '';
      if (published?.body.codes) {
        // The parent keeps its codes; sub-items added by the change get the next segments.
        codes = {
          ...published.body.codes,
          subItems: await codeSubItems(tx, { item, parent: published.body.codes, actor: by, now: actor.now }),
        };
        events.push({
          itemId: item.id,
          revision: row.revision,
          action: 'code',
          from: approved,
          to: coded,
          actor: by,
          at: actor.now,
          detail: { codes, kept: true },
        });
        changeSummary = summariseItemDiff(describeItemDiff(published.body, item));
      } else {
        codes = await allocateItemCodes(tx, item, { actor: by, now: actor.now });
        events.push({
          itemId: item.id,
          revision: row.revision,
          action: 'code',
          from: approved,
          to: coded,
          actor: by,
          at: actor.now,
          detail: { codes },
        });
      }
      finalStatus = transition(coded, 'publish');
      const body: ItemDocument = { ...item, codes };
      await lockMetadata(tx);
      const written = await writeDocument(tx, {
        kind: 'item',
        id: item.id,
        body: body as unknown as Record<string, unknown>,
        references: documentReferences(body),
        actor: by,
        status: 'published',
        now: actor.now,
      });
      version = written.version;
      events.push({
        itemId: item.id,
        revision: row.revision,
        action: 'publish',
        from: coded,
        to: finalStatus,
        actor: by,
        at: actor.now,
        detail: { version },
      });
      announcementType = published ? 'changed' : 'added';
      values = { 变更内容: changeSummary || '见新版本' };
      row.body = body as unknown as Record<string, unknown>;
    }

    const updated = await updateRevision(tx, { itemId: item.id, revision: row.revision }, {
      status: finalStatus,
      body: row.body,
      publishedVersion: version,
      publishedAt: actor.now,
      decidedAt: actor.now,
      decidedBy: by,
      updatedAt: actor.now,
      updatedBy: by,
    });
    // The revision that was in force is now history.
    await tx
      .update(itemRevisions)
      .set({ status: 'superseded', updatedAt: actor.now, updatedBy: by })
      .where(
        and(eq(itemRevisions.itemId, item.id), eq(itemRevisions.status, 'published'), sql`${itemRevisions.revision} <> ${row.revision}`),
      );

    const announcement = await publishAnnouncement(tx, {
      itemId: item.id,
      revision: row.revision,
      version,
      type: announcementType,
      values: {
        事项名称: item.name,
        事项类型: itemCategories[item.category],
        实施部门: await organizationName(tx, item.departmentId),
        基本编码: codes?.basic ?? '',
        实施编码: codes?.implementation ?? '',
        版本: String(version),
        发布日期: formatDate(actor.now),
        ...values,
      },
      actor: by,
      now: actor.now,
    });
    for (const event of events) await recordEvent(tx, event);
    await audit(tx, actor, {
      action: row.changeType === 'abolish' ? 'abolish' : 'approve',
      itemId: item.id,
      detail: {
        revision: row.revision,
        version,
        codes: codes?.basic,
        steps: events.map((event) => itemActions[event.action as ItemAction] ?? event.action),
        caseType: caseTypes[item.caseType],
      },
    });
    return { revision: updated, version, codes, announcement };
  }
}

/** Which review step an event came from (node of the review flow), with the engine's message. */
type StepDetail = { reviewId: number; nodeId?: string; step?: string; engineAction?: string; message?: string };

function stepDetail(review: ReviewRow, record: HistoryRecord | undefined): StepDetail {
  return {
    reviewId: review.id,
    ...(record?.nodeId ? { nodeId: record.nodeId } : {}),
    ...(record?.nodeLabel ? { step: record.nodeLabel } : {}),
    ...(record ? { engineAction: record.action, message: record.message } : {}),
  };
}

/** A reviewer's action on the running review, as the engine takes it (taskId / nodeId from `availableActions`). */
export type ReviewActionInput = {
  type: 'approve' | 'reject' | 'return' | 'transfer' | 'withdraw';
  taskId?: string;
  nodeId?: string;
  targetNodeId?: string;
  toUserId?: string;
  comment?: string;
};

export type ReviewActResult =
  | { concluded: false; revision: RevisionRow; steps: string[] }
  | { concluded: true; outcome: 'approved'; approval: ApprovalResult }
  | { concluded: true; outcome: 'rejected'; revision: RevisionRow };

function toCaseAction(input: ReviewActionInput, expectedVersion?: number): CaseAction {
  const need = (value: string | undefined, what: string): string => {
    if (!value) throw new TRPCError({ code: 'BAD_REQUEST', message: `请指定${what}` });
    return value;
  };
  const reason = input.comment?.trim() ?? '';
  const base = expectedVersion !== undefined ? { expectedVersion } : {};
  switch (input.type) {
    case 'approve':
      return { ...base, type: 'approve', taskId: need(input.taskId, '待办'), ...(reason ? { comment: reason } : {}) };
    case 'reject':
      return { ...base, type: 'reject', taskId: need(input.taskId, '待办'), reason };
    case 'return':
      return { ...base, type: 'return', taskId: need(input.taskId, '待办'), targetNodeId: need(input.targetNodeId, '退回的环节'), reason };
    case 'transfer':
      return { ...base, type: 'transfer', taskId: need(input.taskId, '待办'), toUserId: need(input.toUserId, '转办人员'), ...(reason ? { reason } : {}) };
    case 'withdraw':
      return { ...base, type: 'withdraw', nodeId: need(input.nodeId, '撤回的环节'), ...(reason ? { reason } : {}) };
  }
}

/**
 * Applies a reviewer's action to the item's running review through the engine. While the flow runs,
 * each step is a `reviewStep` event; when it concludes approved, coding and publication follow in the
 * same transaction; when it concludes rejected, the revision is returned with the reasons.
 * Lock order: the revision row, the review row, then (on approval) counters, metadata, audit.
 */
export async function actOnItemReview(
  db: Db,
  actor: Actor,
  input: { itemId: string; expectedVersion?: number; action: ReviewActionInput },
): Promise<ReviewActResult> {
  return db.transaction(async (tx) => {
    const row = await requireOpenRevision(tx, input.itemId);
    const item = parseItem(row.body);
    transition(row.status, input.action.type === 'reject' ? 'return' : input.action.type === 'approve' ? 'approve' : 'reviewStep');
    assertCanReview(actor.user, item, row.submittedBy);
    let review = await runningReview(tx, input.itemId, true);
    // A submission from before engine-run reviews: start its review now (as if submitted then).
    if (!review) {
      review = (await startItemReview(tx, { item, revision: row.revision, userId: row.submittedBy ?? row.createdBy, now: row.submittedAt ?? actor.now }))
        .review;
    }
    const action = toCaseAction(input.action, input.expectedVersion);
    const { state, history } = await applyReviewAction(tx, { review, action, userId: actor.user.id, now: actor.now });
    const acted = history.find((record) => record.actorId === actor.user.id && record.nodeId) ?? history[0];
    const step = stepDetail(review, acted);
    if (state.status === 'running') {
      for (const record of history) {
        if (record.action === 'case-start') continue;
        await recordEvent(tx, {
          itemId: row.itemId,
          revision: row.revision,
          action: 'reviewStep',
          from: row.status,
          to: row.status,
          actor: record.actorId ?? actor.user.id,
          at: actor.now,
          comment: record.comment,
          detail: stepDetail(review, record),
        });
      }
      const steps = state.tasks.map((task) => task.label);
      await audit(tx, actor, { action: 'reviewStep', itemId: row.itemId, detail: { revision: row.revision, ...step, next: steps } });
      return { concluded: false, revision: row, steps };
    }
    if (state.outcome === 'approved') {
      return { concluded: true, outcome: 'approved', approval: await concludeApproved(tx, actor, { row, item, comment: input.action.comment, step }) };
    }
    if (state.outcome === 'rejected') {
      const comment = acted?.comment ?? input.action.comment ?? '';
      return { concluded: true, outcome: 'rejected', revision: await concludeReturned(tx, actor, { row, comment, step }) };
    }
    throw new TRPCError({ code: 'CONFLICT', message: '审核流程以非预期的方式结束，请联系管理员检查审核流程' });
  });
}

/** The engine's actions for this reviewer on the item's running review (empty when none). */
export async function reviewActionsFor(db: Db, actor: Actor, itemId: string): Promise<{ review: ReviewRow | null; actions: AvailableAction[] }> {
  const review = await runningReview(db, itemId);
  if (!review) return { review: null, actions: [] };
  const flow = await readDocumentVersion<import('@xlgl/schema').FlowDocument>(db, 'flow', review.flowId, review.flowVersion);
  return { review, actions: availableActions(flow, review.state as unknown as CaseState, await loadActor(db, actor.user.id)) };
}

async function actAtOwnStep(db: Db, actor: Actor, input: { itemId: string; type: 'approve' | 'reject'; comment?: string }): Promise<ReviewActResult> {
  const [open] = await db
    .select()
    .from(itemRevisions)
    .where(and(eq(itemRevisions.itemId, input.itemId), inArray(itemRevisions.status, openStatuses)))
    .limit(1);
  if (!open) throw new TRPCError({ code: 'NOT_FOUND', message: `事项“${input.itemId}”没有待处理的草稿或申请` });
  transition(open.status, input.type === 'approve' ? 'approve' : 'return');
  assertCanReview(actor.user, open.body as unknown as ItemDocument, open.submittedBy);
  await ensureReviewsStarted(db, [open]);
  const { actions } = await reviewActionsFor(db, actor, input.itemId);
  const offered = actions.find((action) => action.type === input.type && !action.disabledReason);
  if (!offered) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `当前审核环节没有您可以执行的“${input.type === 'approve' ? '审核通过' : '退回修改'}”` });
  }
  return actOnItemReview(db, actor, { itemId: input.itemId, action: { type: input.type, taskId: offered.taskId, comment: input.comment } });
}

/** Approves at the review step the reviewer holds (the engine's `approve`); the last one codes and publishes. */
export function approveItem(db: Db, actor: Actor, input: { itemId: string; comment?: string }): Promise<ReviewActResult> {
  return actAtOwnStep(db, actor, { itemId: input.itemId, type: 'approve', comment: input.comment });
}

/** Returns the submission to the submitter from the step the reviewer holds (the engine's `reject`, 退回修改). */
export function returnItem(db: Db, actor: Actor, input: { itemId: string; comment: string }): Promise<ReviewActResult> {
  return actAtOwnStep(db, actor, { itemId: input.itemId, type: 'reject', comment: input.comment });
}
