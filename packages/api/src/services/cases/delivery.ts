import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import { caseHistory, cases, caseTasks, readDocument, scheduleAuditChaining, type Db } from '@xlgl/db';
import { canHandleTask, type CaseState, type Effect, type HistoryRecord, type Task } from '@xlgl/engine';
import type { HumanStepSettings } from '@xlgl/schema';
import { z } from 'zod';
import { assertMayAct } from './access.js';
import { publishDeskEvent } from './events.js';
import type { DeskActor, FlowDocument } from './runtime.js';
import { applyEffects, writeCaseState, type AfterCommit, type CaseHead } from './transition.js';

/**
 * 结果下发与送达 (issue #6 “Multi-level”): a case whose result was produced at another centre — a
 * 通办 case handled at the owning centre, or a case escalated (上报) whose flow has no 送达 step of
 * its own after the hand-back — concludes there (办结: the time limit, timers and completion notice
 * end at the decision), and its result goes back to the window that accepted it. That window
 * delivers it to the applicant (送达: 窗口领取 / 邮寄 / 电子送达, recipient, date), as a task in its
 * inbox. The task lives in `case_tasks` (kind `delivery`, not in the engine state: the flow is over);
 * the delivery itself is in `cases.result.delivery`, and both steps are in the process record.
 */
export const deliveryMethods = { window: '窗口领取', post: '邮寄', electronic: '电子送达' } as const;
export type DeliveryMethod = keyof typeof deliveryMethods;

/** The engine task id and `case_tasks.kind` of a delivery (one per case). */
export const deliveryTaskId = 'result-delivery';
export const deliveryTaskKind = 'delivery';
const deliveryLabel = '结果送达';

/** The date in China (UTC+8) of an instant. */
const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export type CaseDelivery =
  | { status: 'pending'; returnedAt: string; fromRegionCode: string | null; toCentreName: string }
  | {
      status: 'delivered';
      returnedAt: string;
      fromRegionCode: string | null;
      toCentreName: string;
      method: DeliveryMethod;
      methodLabel: string;
      recipient: string;
      deliveredOn: string;
      address: string | null;
      trackingNo: string | null;
      note: string | null;
      deliveredBy: string;
      deliveredByName: string;
      recordedAt: string;
    };

/** The outcomes whose result a window hands to the applicant (a withdrawal has none). */
const deliveredOutcomes = new Set(['approved', 'rejected']);

function deliveryTask(options: { regionCode: string; now: Date }): Task {
  return {
    id: deliveryTaskId,
    nodeId: deliveryTaskId,
    nodeType: 'end',
    label: deliveryLabel,
    tokenId: deliveryTaskId,
    // Not an engine task (the flow is over); `case_tasks.kind` says `delivery`.
    kind: deliveryTaskKind as Task['kind'],
    // No assignee rule: the windows (role-window) of the accepting centre.
    regionCode: options.regionCode,
    openedAt: options.now.toISOString(),
    openedDate: chinaToday(options.now),
  };
}

function deliveryHistoryOverride(record: HistoryRecord): { stepStatus?: string; stage?: string } | undefined {
  if (record.action === 'result-return') return { stage: '结果下发', stepStatus: '结果已下发' };
  if (record.action === 'deliver') return { stage: '送达', stepStatus: '已送达' };
  return undefined;
}

export type ResultReturn = {
  effects: Effect[];
  delivery: CaseDelivery;
  historyOverride: typeof deliveryHistoryOverride;
  /** Inside the concluding transaction: opens the delivery task; returns the live event to publish after commit. */
  open: (tx: Db) => Promise<AfterCommit['events'][number]>;
};

/**
 * At conclusion: whether the result returns to the accepting window, and what that writes. Called
 * before the concluding transaction; bumps `state.sequence` for its process-record entry.
 */
export async function planResultReturn(db: Db, options: { row: { id: string; number: string; itemName: string; regionCode: string; escalatedTo: string | null }; flow: FlowDocument; before: CaseState; state: CaseState; now: Date }): Promise<ResultReturn | null> {
  const { row, state, now } = options;
  if (state.status !== 'concluded' || !deliveredOutcomes.has(state.outcome ?? '')) return null;
  const handledAt = state.escalation?.regionCode ?? options.before.escalation?.regionCode ?? row.escalatedTo;
  const fromRegionCode = handledAt && handledAt !== row.regionCode ? handledAt : null;
  const deliverNodes = options.flow.nodes.filter((node) => (node.settings as Partial<HumanStepSettings> | undefined)?.stage === 'deliver').map((node) => node.id);
  if (!fromRegionCode || deliverNodes.length > 0) {
    // Escalated earlier and handed back: the result returns unless the flow's own 送达 step ran.
    const records = await db
      .select({ action: caseHistory.action, nodeId: caseHistory.nodeId })
      .from(caseHistory)
      .where(and(eq(caseHistory.caseId, row.id), inArray(caseHistory.action, ['escalate', 'approve'])));
    if (deliverNodes.length > 0 && records.some((record) => record.action === 'approve' && record.nodeId && deliverNodes.includes(record.nodeId))) return null;
    if (!fromRegionCode && !records.some((record) => record.action === 'escalate')) return null;
  }
  const [accepting] = await db.select({ centreId: cases.centreId }).from(cases).where(eq(cases.id, row.id));
  const centre = accepting ? ((await readDocument(db, 'organization', accepting.centreId))?.body as { name?: string } | undefined) : undefined;
  const toCentreName = centre?.name ?? row.regionCode;
  state.sequence += 1;
  const record: HistoryRecord = {
    id: `h-${state.sequence}`,
    at: now.toISOString(),
    action: 'result-return',
    stage: '结果下发',
    message: `办理结果已下发至受理窗口（${toCentreName}），待窗口送达申请人`,
  };
  const task = deliveryTask({ regionCode: row.regionCode, now });
  return {
    effects: [{ type: 'history', record }],
    delivery: { status: 'pending', returnedAt: now.toISOString(), fromRegionCode, toCentreName },
    historyOverride: deliveryHistoryOverride,
    open: async (tx) => {
      await tx.insert(caseTasks).values({
        id: randomUUID(),
        caseId: row.id,
        taskId: task.id,
        nodeId: task.nodeId,
        nodeLabel: task.label,
        kind: deliveryTaskKind,
        task: task as unknown as Record<string, unknown>,
        regionCode: task.regionCode,
        roleIds: ['role-window'],
        status: 'open',
        openedAt: now,
      });
      return {
        audience: { kind: 'rule', by: 'role', regionCode: row.regionCode, roleIds: ['role-window'], postIds: [], departmentIds: [], userIds: [] },
        event: { kind: 'task', caseId: row.id, caseNumber: row.number, message: `办理结果已下发，请送达：${row.itemName}（${row.number}）`, at: now.toISOString() },
      };
    },
  };
}

/** The open delivery task of a case, if any. */
export async function openDeliveryTask(db: Db, caseId: string): Promise<Task | null> {
  const [row] = await db
    .select({ task: caseTasks.task })
    .from(caseTasks)
    .where(and(eq(caseTasks.caseId, caseId), eq(caseTasks.taskId, deliveryTaskId), eq(caseTasks.status, 'open')));
  return row ? (row.task as unknown as Task) : null;
}

/** Whether the actor is one who may record the delivery: a window of the accepting centre (after the P3 mode). */
export function mayDeliver(options: { actor: DeskActor; row: { regionCode: string; escalatedTo: string | null; acceptedBy: string; handlers: Record<string, string> }; task: Task | null }): boolean {
  if (!options.task || !canHandleTask(options.task, options.actor)) return false;
  try {
    assertMayAct({ actor: options.actor, row: options.row, task: options.task });
    return true;
  } catch {
    return false;
  }
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '送达日期格式应为YYYY-MM-DD' });

export const deliverInput = z.object({
  caseId: z.string().uuid({ message: '办件标识不正确' }),
  expectedVersion: z.number().int().min(1),
  method: z.enum(['window', 'post', 'electronic'], { message: '送达方式应为窗口领取、邮寄或电子送达' }),
  recipient: z.string().trim().min(1, { message: '请填写签收人（领取人）' }).max(50, { message: '签收人不超过50字' }),
  deliveredOn: isoDate,
  /** 邮寄: the postal address; 电子送达: the address (e-mail, account) the result went to. */
  address: z.string().trim().max(200, { message: '送达地址不超过200字' }).optional(),
  trackingNo: z.string().trim().max(50, { message: '邮件单号不超过50字' }).optional(),
  note: z.string().trim().max(500, { message: '备注不超过500字' }).optional(),
});
export type DeliverInput = z.infer<typeof deliverInput>;

/**
 * 送达: a window of the accepting centre records how the returned result reached the applicant.
 * Version-checked like every transition (of two windows delivering at once exactly one wins); writes
 * the process record (送达 / 已送达), closes the delivery task and keeps the delivery on the case.
 */
export async function deliverResult(db: Db, options: { actor: DeskActor; now: Date; input: DeliverInput }) {
  const { actor, now, input } = options;
  const conflictMessage = '该办件已被他人处理，请刷新后重试';
  const [row] = await db.select().from(cases).where(eq(cases.id, input.caseId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '办件不存在' });
  const result = (row.result ?? {}) as { delivery?: CaseDelivery } & Record<string, unknown>;
  if (!result.delivery) throw new TRPCError({ code: 'BAD_REQUEST', message: '该办件的办理结果不是由其他中心下发的，无需登记送达（请在办结环节选择送达方式）' });
  if (result.delivery.status === 'delivered') throw new TRPCError({ code: 'CONFLICT', message: `办理结果已于${result.delivery.deliveredOn}送达，无需重复登记` });
  const task = await openDeliveryTask(db, row.id);
  if (!task) throw new TRPCError({ code: 'CONFLICT', message: `${conflictMessage}（送达待办已办理）` });
  const access = { regionCode: row.regionCode, escalatedTo: row.escalatedTo, acceptedBy: row.acceptedBy, handlers: row.handlers };
  if (!canHandleTask(task, actor)) throw new TRPCError({ code: 'FORBIDDEN', message: `只有受理中心（${result.delivery.toCentreName}）的窗口人员可以登记送达` });
  assertMayAct({ actor, row: access, task });
  if (row.version !== input.expectedVersion) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
  if (input.method === 'post' && !input.address) throw new TRPCError({ code: 'BAD_REQUEST', message: '邮寄送达必须填写邮寄地址' });
  if (input.method === 'electronic' && !input.address) throw new TRPCError({ code: 'BAD_REQUEST', message: '电子送达必须填写送达地址（电子邮箱或账号）' });
  const today = chinaToday(now);
  const returnedOn = chinaToday(new Date(result.delivery.returnedAt));
  if (input.deliveredOn > today) throw new TRPCError({ code: 'BAD_REQUEST', message: `送达日期不能晚于今天（${today}）` });
  if (input.deliveredOn < returnedOn) throw new TRPCError({ code: 'BAD_REQUEST', message: `送达日期不能早于结果下发日期（${returnedOn}）` });

  const state = structuredClone(row.state as unknown as CaseState);
  state.version += 1;
  state.sequence += 1;
  const methodLabel = deliveryMethods[input.method];
  const details = [`送达方式：${methodLabel}`, `签收人：${input.recipient}`, `送达日期：${input.deliveredOn}`, input.address ? `地址：${input.address}` : '', input.trackingNo ? `邮件单号：${input.trackingNo}` : ''].filter(Boolean).join('；');
  const effects: Effect[] = [
    { type: 'task.close', taskId: deliveryTaskId, nodeId: deliveryTaskId, reason: 'completed' },
    { type: 'history', record: { id: `h-${state.sequence}`, at: now.toISOString(), action: 'deliver', stage: '送达', nodeLabel: deliveryLabel, actorId: actor.userId, comment: input.note, message: `办理结果已送达申请人（${details}）` } },
  ];
  const delivery: CaseDelivery = {
    ...result.delivery,
    status: 'delivered',
    method: input.method,
    methodLabel,
    recipient: input.recipient,
    deliveredOn: input.deliveredOn,
    address: input.address || null,
    trackingNo: input.trackingNo || null,
    note: input.note || null,
    deliveredBy: actor.userId,
    deliveredByName: actor.name,
    recordedAt: now.toISOString(),
  };
  const head: CaseHead = { id: row.id, number: row.number, itemCode: row.itemCode, itemName: row.itemName, departmentId: row.departmentId, regionCode: row.regionCode, timeLimitDays: row.timeLimitDays };
  const after = await db.transaction(async (tx) => {
    const written = await writeCaseState(tx, { caseId: row.id, expectedVersion: row.version, state, now });
    if (!written) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
    await tx
      .update(cases)
      .set({ result: { ...result, deliveryMethod: methodLabel, delivery } })
      .where(eq(cases.id, row.id));
    return applyEffects(tx, { head, effects, actor, now, auditAction: 'case.deliver', auditDetail: { version: state.version, method: input.method }, historyOverride: deliveryHistoryOverride });
  });
  for (const entry of after.events) publishDeskEvent(db, entry.audience, entry.event);
  scheduleAuditChaining(db);
  return { caseId: row.id, version: state.version, delivery };
}

/** The delivery of a case for its screen (null when its result did not come from another centre). */
export function deliveryOf(result: Record<string, unknown> | null): CaseDelivery | null {
  return ((result ?? {}) as { delivery?: CaseDelivery }).delivery ?? null;
}

