import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  applyAction,
  availableActions,
  hasBlockingProblems,
  higherRegionCode,
  isEngineError,
  reviewFlow,
  startCase,
  type AvailableAction,
  type CaseAction,
  type CaseState,
  type Effect,
  type HistoryRecord,
} from '@xlgl/engine';
import { flowDocument, nodeSettings, stepActionLabels, type FlowDocument, type ItemDocument, type RoleDocument, type UserDocument } from '@xlgl/schema';
import { itemReviews, readAllDocuments, readDocument, readSetting, type Db } from '@xlgl/db';
import { loadActor, readDocumentVersion, workingCalendar } from '../cases/runtime.js';

/**
 * The publication review as a flow run by the flow engine (R1.2, R1.8). Which flow reviews items is
 * the setting `items.reviewFlow` (`{ flowId }`, default `flow-item-review`, shipped in
 * metadata/flows); its published version is validated by `itemReviewFlowProblems` when it is set and
 * again when a review starts. A submission starts an instance with `startCase`; reviewers act with
 * `applyAction`; the actions shown are `availableActions`. Nothing here decides where a review goes:
 * the engine does. The lifecycle (lifecycle.ts) maps the outcome: approved → coding and publication
 * (or abolition), rejected → returned to the submitter with the reasons, withdrawn → draft.
 */
export const itemReviewFlowSetting = 'items.reviewFlow';
export const defaultItemReviewFlowId = 'flow-item-review';

/** Node types and step actions that make sense for reviewing an item (no form, fees, prints, escalation). */
const allowedNodeTypes = new Set(['start', 'end', 'task', 'countersign', 'parallel-split', 'parallel-join']);
const allowedActions = new Set(['approve', 'reject', 'return', 'transfer', 'withdraw']);

/** Why a flow cannot review items (Chinese), or an empty list. */
export function itemReviewFlowProblems(flow: FlowDocument): string[] {
  const problems: string[] = [];
  for (const node of flow.nodes) {
    if (!allowedNodeTypes.has(node.type)) {
      problems.push(`节点“${node.label}”的类型不能用于事项审核（只能使用开始、办理环节、会签、并联、结束）`);
      continue;
    }
    if (node.type === 'task' || node.type === 'countersign') {
      const settings = nodeSettings(node as FlowDocument['nodes'][number] & { type: 'task' });
      const refused = settings.actions.filter((action) => !allowedActions.has(action));
      if (refused.length > 0) problems.push(`环节“${node.label}”的办理动作“${refused.map((action) => stepActionLabels[action]).join('、')}”不能用于事项审核`);
      if (!settings.actions.includes('approve')) problems.push(`环节“${node.label}”没有“通过”动作`);
    }
    if (node.type === 'end' && nodeSettings(node as FlowDocument['nodes'][number] & { type: 'end' }).outcome !== 'approved') {
      problems.push(`结束节点“${node.label}”应为“准予”：退回申请人由环节的“退回修改”完成`);
    }
  }
  const review = reviewFlow(flow);
  if (hasBlockingProblems(review)) {
    for (const problem of review.filter((entry) => entry.severity === 'error')) problems.push(problem.message);
  }
  return problems;
}

export type ReviewFlowInForce = { flow: FlowDocument; version: number };

/** The configured review flow's id. */
export async function configuredReviewFlowId(db: Db): Promise<string> {
  const stored = await readSetting<{ flowId?: string }>(db, itemReviewFlowSetting);
  return stored?.flowId ?? defaultItemReviewFlowId;
}

/** The published version of a flow, validated for item review; throws CONFLICT with the reasons. */
export async function loadItemReviewFlow(db: Db, flowId: string): Promise<ReviewFlowInForce> {
  const row = await readDocument(db, 'flow', flowId);
  if (!row) throw new TRPCError({ code: 'CONFLICT', message: `事项审核流程“${flowId}”不存在或未发布，请在“审核流程设置”中选择已发布的流程` });
  const parsed = flowDocument.safeParse(row.body);
  if (!parsed.success) throw new TRPCError({ code: 'CONFLICT', message: `事项审核流程“${flowId}”不是有效的流程：${parsed.error.issues[0]?.message ?? ''}` });
  const flow = { ...parsed.data, version: row.version };
  const problems = itemReviewFlowProblems(flow);
  if (problems.length > 0) throw new TRPCError({ code: 'CONFLICT', message: `流程“${flow.name}”不能用于事项审核：${problems.join('；')}` });
  return { flow, version: row.version };
}

/**
 * The region whose review office runs the review: the item's centre (banner or league), or the
 * nearest centre above it that has an active reviewer (a county without its own 审改 account is
 * reviewed by the league).
 */
export async function reviewRegionCode(db: Db, item: Pick<ItemDocument, 'regionCode'>): Promise<string> {
  const own = item.regionCode.slice(0, 6);
  const roles = (await readAllDocuments(db, ['role'])).map((row) => row.body as unknown as RoleDocument);
  const reviewerRoles = new Set(roles.filter((role) => role.capabilities.includes('studio.item.review')).map((role) => role.id));
  const users = (await readAllDocuments(db, ['user'])).map((row) => row.body as unknown as UserDocument);
  const regions = new Set<string>();
  for (const user of users) {
    if (user.active === false || !user.roleIds.some((id) => reviewerRoles.has(id))) continue;
    regions.add((await loadActor(db, user.id)).regionCode);
  }
  for (let code: string | undefined = own; code; code = higherRegionCode(code)) {
    if (regions.has(code)) return code;
  }
  return own;
}

export type ReviewRow = typeof itemReviews.$inferSelect;

function engineFailure(error: unknown): never {
  if (isEngineError(error)) {
    const conflict = ['stale-version', 'case-concluded', 'fact-recorded'].includes(error.code);
    throw new TRPCError({ code: conflict ? 'CONFLICT' : error.code === 'not-assignee' ? 'FORBIDDEN' : 'BAD_REQUEST', message: error.message });
  }
  throw error;
}

function historyOf(effects: Effect[]): HistoryRecord[] {
  return effects.flatMap((effect) => (effect.type === 'history' ? [effect.record] : []));
}

/** Starts a review instance for a submitted revision (inside the submission's transaction). */
export async function startItemReview(
  tx: Db,
  input: { item: ItemDocument; revision: number; userId: string; now: Date },
): Promise<{ review: ReviewRow; history: HistoryRecord[] }> {
  const flowId = await configuredReviewFlowId(tx);
  const { flow } = await loadItemReviewFlow(tx, flowId);
  const regionCode = await reviewRegionCode(tx, input.item);
  const actor = await loadActor(tx, input.userId);
  let result;
  try {
    result = startCase(flow, { now: input.now, calendar: await workingCalendar(tx), regionCode, actor, data: {} });
  } catch (error) {
    engineFailure(error);
  }
  const [review] = await tx
    .insert(itemReviews)
    .values({
      itemId: input.item.id,
      revision: input.revision,
      flowId: flow.id,
      flowVersion: flow.version,
      regionCode,
      state: result.state as unknown as Record<string, unknown>,
      version: result.state.version,
      status: result.state.status,
      outcome: result.state.outcome ?? null,
      startedAt: input.now,
      startedBy: input.userId,
      concludedAt: result.state.status === 'concluded' ? input.now : null,
    })
    .returning();
  return { review: review!, history: historyOf(result.effects) };
}

/** The running review of an item (locked for update when `lock`), or null. */
export async function runningReview(db: Db, itemId: string, lock = false): Promise<ReviewRow | null> {
  const query = db
    .select()
    .from(itemReviews)
    .where(and(eq(itemReviews.itemId, itemId), eq(itemReviews.status, 'running')))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The latest review of a revision (running or concluded), or null. */
export async function latestReview(db: Db, itemId: string, revision: number): Promise<ReviewRow | null> {
  const [row] = await db
    .select()
    .from(itemReviews)
    .where(and(eq(itemReviews.itemId, itemId), eq(itemReviews.revision, revision)))
    .orderBy(desc(itemReviews.id))
    .limit(1);
  return row ?? null;
}

async function flowOf(db: Db, review: ReviewRow): Promise<FlowDocument> {
  return readDocumentVersion<FlowDocument>(db, 'flow', review.flowId, review.flowVersion);
}

/** Applies one reviewer action through the engine and stores the new state (optimistic lock on the version). */
export async function applyReviewAction(
  tx: Db,
  input: { review: ReviewRow; action: CaseAction; userId: string; now: Date },
): Promise<{ state: CaseState; history: HistoryRecord[] }> {
  const { review, action } = input;
  const flow = await flowOf(tx, review);
  const actor = await loadActor(tx, input.userId);
  let result;
  try {
    result = applyAction(flow, review.state as unknown as CaseState, action, { now: input.now, calendar: await workingCalendar(tx), actor });
  } catch (error) {
    engineFailure(error);
  }
  const updated = await tx
    .update(itemReviews)
    .set({
      state: result.state as unknown as Record<string, unknown>,
      version: result.state.version,
      status: result.state.status,
      outcome: result.state.outcome ?? null,
      concludedAt: result.state.status === 'concluded' ? input.now : null,
    })
    .where(and(eq(itemReviews.id, review.id), eq(itemReviews.version, review.version)))
    .returning({ id: itemReviews.id });
  if (updated.length === 0) throw new TRPCError({ code: 'CONFLICT', message: '审核已被他人处理，请刷新后重试' });
  return { state: result.state, history: historyOf(result.effects) };
}

export type ReviewView = {
  id: number;
  flowId: string;
  flowVersion: number;
  flowName: string;
  version: number;
  status: string;
  outcome: string | null;
  regionCode: string;
  /** The steps waiting now (node labels). */
  currentSteps: Array<{ nodeId: string; label: string; assignedUserId: string | null; dueDate: string | null }>;
  /** Exactly what the engine offers the viewer now. */
  actions: AvailableAction[];
  /** The flow's steps in order, for the progress line. */
  steps: Array<{ nodeId: string; label: string }>;
};

/** What the reviewer's screen shows of a review: the current steps and the engine's actions for the viewer. */
export async function reviewView(db: Db, review: ReviewRow, viewerId: string | null): Promise<ReviewView> {
  const flow = await flowOf(db, review);
  const state = review.state as unknown as CaseState;
  const actor = viewerId ? await loadActor(db, viewerId).catch(() => null) : null;
  const labels = new Map(flow.nodes.map((node) => [node.id, node.label]));
  return {
    id: review.id,
    flowId: review.flowId,
    flowVersion: review.flowVersion,
    flowName: flow.name,
    version: review.version,
    status: review.status,
    outcome: review.outcome,
    regionCode: review.regionCode,
    currentSteps: state.tasks.map((task) => ({
      nodeId: task.nodeId,
      label: labels.get(task.nodeId) ?? task.label,
      assignedUserId: task.assignedUserId ?? null,
      dueDate: task.dueDate ?? null,
    })),
    actions: actor && review.status === 'running' ? availableActions(flow, state, actor) : [],
    steps: flow.nodes.filter((node) => node.type === 'task' || node.type === 'countersign').map((node) => ({ nodeId: node.id, label: node.label })),
  };
}

/** Running reviews where the viewer has something to do (the engine decides), keyed by item id. */
export async function reviewsAwaiting(db: Db, viewerId: string, itemIds: string[]): Promise<Map<string, ReviewView>> {
  const result = new Map<string, ReviewView>();
  if (itemIds.length === 0) return result;
  const rows = await db
    .select()
    .from(itemReviews)
    .where(and(eq(itemReviews.status, 'running'), inArray(itemReviews.itemId, itemIds)));
  for (const row of rows) {
    const view = await reviewView(db, row, viewerId);
    if (view.actions.length > 0) result.set(row.itemId, view);
  }
  return result;
}

/** Active reviewers at a region (for 转办), except one user. */
export async function reviewerColleagues(db: Db, input: { regionCode: string; excludeUserId: string }): Promise<Array<{ id: string; name: string }>> {
  const roles = (await readAllDocuments(db, ['role'])).map((row) => row.body as unknown as RoleDocument);
  const reviewerRoles = new Set(roles.filter((role) => role.capabilities.includes('studio.item.review')).map((role) => role.id));
  const result: Array<{ id: string; name: string }> = [];
  for (const row of await readAllDocuments(db, ['user'])) {
    const user = row.body as unknown as UserDocument;
    if (user.id === input.excludeUserId || user.active === false || !user.roleIds.some((id) => reviewerRoles.has(id))) continue;
    if ((await loadActor(db, user.id)).regionCode === input.regionCode) result.push({ id: user.id, name: user.name });
  }
  return result;
}

/**
 * Submissions that predate engine-run reviews (status `submitted` without a running instance) get one
 * started now, as if submitted at their submission time: nothing is left unreviewable after an upgrade.
 */
export async function ensureReviewsStarted(
  db: Db,
  rows: Array<{ itemId: string; revision: number; body: Record<string, unknown>; submittedBy: string | null; submittedAt: Date | null; createdBy: string }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const running = await db
    .select({ itemId: itemReviews.itemId })
    .from(itemReviews)
    .where(and(eq(itemReviews.status, 'running'), inArray(itemReviews.itemId, rows.map((row) => row.itemId))));
  const have = new Set(running.map((row) => row.itemId));
  let started = 0;
  for (const row of rows.filter((entry) => !have.has(entry.itemId))) {
    await db.transaction(async (tx) => {
      if (await runningReview(tx, row.itemId, true)) return;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`xlgl.items.review:${row.itemId}`}))`);
      if (await runningReview(tx, row.itemId)) return;
      await startItemReview(tx, {
        item: row.body as unknown as ItemDocument,
        revision: row.revision,
        userId: row.submittedBy ?? row.createdBy,
        now: row.submittedAt ?? new Date(),
      });
      started += 1;
    });
  }
  return started;
}
