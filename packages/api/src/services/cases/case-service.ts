import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, eq, is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { caseMaterials, cases, caseTasks, feeBills, feePayments, getFormRecord, insertFormRecord, openFormTable, updateFormRecord, FormRecordError, findFormTableVersion, publishFormTable, appendAudit, scheduleAuditChaining, selectRows, type Db } from '@xlgl/db';
import { applyAction, isEngineError, startCase, CalendarDataMissingError, type CaseAction, type CaseState, type Effect, type Task } from '@xlgl/engine';
import { handlingAreas, nodeView, type FlowNode, type HumanStepSettings } from '@xlgl/schema';
import { hashPassword } from '../../auth/passwords.js';
import { assertMayAct, handlerKey } from './access.js';
import { acceptanceScope } from './acceptance-scope.js';
import { quantityFromForm } from './fee-quantities.js';
import { applicantInput, isValidCreditCode, isValidResidentId, upsertApplicant, type ApplicantInput } from './applicants.js';
import { allocateCaseNumber, newQueryPassword } from './case-number.js';
import { publishDeskEvent } from './events.js';
import { recordNotice, type NoticeKind } from './notices.js';
import { dictionaries, readCurrent, readDocumentVersion, workingCalendar, type DeskActor, type FlowDocument, type FormDocument, type ItemDocument } from './runtime.js';
import { materialFilesInput, recordCaseMaterialFiles, requestedMaterials } from '../materials/library.js';
import { warningThresholdsFor } from '../supervision/thresholds.js';
import { applyEffects, caseColumnsFromState, commitTransitionStatement, versionCheckedTransaction, writeCaseState, type AfterCommit, type CaseHead } from './transition.js';
import { z } from 'zod';
// Certificates (#7): the completion transaction records the durable request to issue the item's certificate.
import { requestAutomaticCertificate, startAutomaticCertificate } from '../certificates/automaticIssue.js';
import { planResultReturn } from './delivery.js';
import { asStoredJson, recentCaseHead, rememberCaseHead } from './head-cache.js';
import { assertCaseCertificatePrinted } from '../certificates/caseCertificates.js';

/** The message a losing concurrent action gets (and any action on a stale view of the case). */
export const conflictMessage = '该办件已被他人处理，请刷新后重试';

/** Maps engine refusals to tRPC errors with the engine's Chinese message. */
export function engineFailure(error: unknown): never {
  if (error instanceof TRPCError) throw error;
  if (error instanceof CalendarDataMissingError) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `${error.message}（请系统管理员在工作日历中录入该年度的节假日安排）` });
  if (error instanceof FormRecordError) throw new TRPCError({ code: 'BAD_REQUEST', message: `表单填写有误：${error.message}`, cause: error });
  if (isEngineError(error)) {
    if (error.code === 'stale-version' || error.code === 'task-not-found' || error.code === 'case-concluded') {
      throw new TRPCError({ code: 'CONFLICT', message: `${conflictMessage}（${error.message}）` });
    }
    const code = error.code === 'not-assignee' ? 'FORBIDDEN' : 'BAD_REQUEST';
    throw new TRPCError({ code, message: error.message });
  }
  throw error;
}

function publishAfterCommit(db: Db, after: AfterCommit): void {
  for (const entry of after.events) publishDeskEvent(db, entry.audience, entry.event);
  scheduleAuditChaining(db);
}

export const materialInput = z.object({
  materialId: z.string().min(1).max(100),
  provided: z.boolean(),
  medium: z.enum(['paper', 'electronic']).optional(),
  fileRef: z.string().max(500).optional(),
  reusedFromCaseId: z.string().max(100).optional(),
  /** Files for this material: uploads (by hash) or reuses from the applicant's library (services/materials). */
  files: materialFilesInput,
});

export const acceptInput = z.object({
  itemId: z.string().min(1).max(100),
  /** `window`: registered by staff at the desk; `self`: the applicant registered at a kiosk/online and the window accepts it. */
  channel: z.enum(['window', 'self']).default('window'),
  applicant: applicantInput,
  contact: z.object({ name: z.string().max(50).optional(), phone: z.string().max(30).optional() }).default({}),
  summary: z.string().max(500).optional(),
  formValues: z.record(z.string(), z.unknown()).default({}),
  materials: z.array(materialInput).default([]),
  decision: z.enum(['accept', 'refuse', 'supplement']),
  /** Quantities of fees charged per unit other than 件 (e.g. 草原植被恢复费 per 平方米), by fee id. */
  feeQuantities: z.record(z.string(), z.number({ message: '收费数量必须是数字' }).positive({ message: '收费数量必须大于0' }).max(1e9)).default({}),
  reason: z.string().max(2000).optional(),
});
export type AcceptInput = z.infer<typeof acceptInput>;

function nodeOf(flow: FlowDocument, nodeId: string): FlowNode {
  const node = flow.nodes.find((entry) => entry.id === nodeId);
  if (!node) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `流程中没有环节${nodeId}` });
  return node as FlowNode;
}

function stepSettings(node: FlowNode): Partial<HumanStepSettings> {
  return (node.settings ?? {}) as Partial<HumanStepSettings>;
}

/** Makes sure the form's table exists for the version in force (publishing it on first use). */
async function formTableFor(db: Db, form: FormDocument) {
  const published = await findFormTableVersion(db, form.id);
  if (!published || published.formVersion < form.version) {
    try {
      await publishFormTable(db, form, { publishedBy: 'case-runtime' });
    } catch (error) {
      // Another acceptance published it at the same moment.
      const again = await findFormTableVersion(db, form.id);
      if (!again || again.formVersion < form.version) throw error;
    }
  }
  return openFormTable(db, form.id);
}

/**
 * The bill's lines from the item's fees (一单式): standard × quantity, rounded to the fen. A fee with
 * `quantityFieldId` takes its quantity from that form field; other fees per unit other than 件 from
 * the quantities typed at acceptance.
 */
export function feeLines(item: ItemDocument, quantities: Record<string, number>, fromForm: { form: Pick<FormDocument, 'sections'> | null; values: Record<string, unknown> } = { form: null, values: {} }) {
  return item.fees.map((fee) => {
    const perPiece = !fee.unit || fee.unit === '件';
    let quantity = perPiece ? 1 : quantities[fee.id];
    if (fee.quantityFieldId) {
      const taken = quantityFromForm(fee, fromForm.form, fromForm.values);
      if ('error' in taken) throw new TRPCError({ code: 'BAD_REQUEST', message: taken.error });
      quantity = taken.quantity;
    }
    if (quantity === undefined) throw new TRPCError({ code: 'BAD_REQUEST', message: `收费项目“${fee.name}”按${fee.unit}计收，请填写数量（${fee.unit}）` });
    return { feeId: fee.id, name: fee.name, basis: fee.basis, unit: fee.unit ?? '件', unitFen: fee.amountFen, quantity, amountFen: Math.round(fee.amountFen * quantity), waivable: fee.waivable };
  });
}

/** The item code shown in the process record: implementation code, else basic code, else the item id. */
export function itemCodeOf(item: ItemDocument): string {
  return item.codes?.implementation ?? item.codes?.basic ?? item.id;
}

/**
 * 受理 — the only way a case comes into being (R2.1 entry control): a window user of the centre the
 * item belongs to registers the applicant, the form and the materials, and decides: accept (受理),
 * refuse (不予受理, reasons required) or ask for supplements (补正告知, the clock stops). One transaction:
 * case number, applicant libraries, form record, engine start + the decision on the 受理 step, tasks,
 * history, timers, fee bill, notice and audit.
 */
export async function acceptCase(db: Db, options: { actor: DeskActor; now: Date; input: AcceptInput }) {
  const { actor, now, input } = options;
  const item = await readCurrent<ItemDocument>(db, { kind: 'item', id: input.itemId, what: '事项' });
  if (!item.body.flowId) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `事项“${item.body.name}”尚未绑定办理流程，不能受理` });
  const scope = acceptanceScope(item.body, actor.regionCode);
  if (!scope) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `事项“${item.body.name}”由${item.body.regionCode}的政务服务中心受理，且通办范围（${handlingAreas[item.body.handlingArea ?? 'local']}）不含您所在的中心（${actor.centreName || actor.regionCode}），不能受理` });
  }
  // 通办: a higher-level item accepted here runs its flow at the owning centre; the acceptance step
  // itself stays with this window (named to the accepting person).
  const flowRegionCode = scope.kind === 'general' ? scope.owningRegionCode : actor.regionCode;
  const entryMode = actor.centre?.entryMode ?? 'front-desk';
  if (input.channel === 'self' && entryMode !== 'self-registration') {
    throw new TRPCError({ code: 'FORBIDDEN', message: `${actor.centreName}采用前台登记方式，不接受自助登记的办件` });
  }
  if (input.decision !== 'accept' && !input.reason?.trim()) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: input.decision === 'refuse' ? '不予受理必须填写理由' : '补正告知必须写明需要补正的材料和理由' });
  }
  if (input.applicant.kind === 'person' && !isValidResidentId(input.applicant.idNumber)) throw new TRPCError({ code: 'BAD_REQUEST', message: '身份证号码校验位不正确' });
  if (input.applicant.kind === 'enterprise' && !isValidCreditCode(input.applicant.creditCode)) throw new TRPCError({ code: 'BAD_REQUEST', message: '统一社会信用代码校验位不正确' });
  const missing = item.body.materials.filter((material) => material.required && !input.materials.some((entry) => entry.materialId === material.id && entry.provided));
  if (input.decision === 'accept' && missing.length > 0) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `材料不齐全，不能直接受理：缺少${missing.map((material) => `“${material.name}”`).join('、')}。请选择“补正告知”` });
  }
  const flowHead = await readCurrent<FlowDocument>(db, { kind: 'flow', id: item.body.flowId, what: '流程' });
  const flow = await readDocumentVersion<FlowDocument>(db, 'flow', flowHead.body.id, flowHead.version);
  const form = item.body.formId ? await readCurrent<FormDocument>(db, { kind: 'form', id: item.body.formId, what: '表单' }) : null;
  const calendar = await workingCalendar(db);
  const started = (() => {
    try {
      return startCase(flow, {
        now,
        calendar,
        regionCode: flowRegionCode,
        actor,
        timeLimitDays: item.body.caseType === 'immediate' ? undefined : item.body.timeLimit.promised,
        thresholds: warningThresholdsFor(item.body, actor.centre),
        data: input.formValues,
      });
    } catch (error) {
      return engineFailure(error);
    }
  })();
  const acceptTask = started.state.tasks.find((task) => stepSettings(nodeOf(flow, task.nodeId)).stage === 'accept') ?? started.state.tasks[0];
  if (!acceptTask) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `流程“${flow.name}”没有受理环节` });
  const acceptNode = nodeOf(flow, acceptTask.nodeId);
  if (scope.kind === 'general') {
    for (const task of [acceptTask, ...started.effects.flatMap((effect) => (effect.type === 'task.open' && effect.task.id === acceptTask.id ? [effect.task] : []))]) {
      task.regionCode = actor.regionCode;
      task.assignedUserId = actor.userId;
    }
    // The owning centre's windows are not asked to accept: this window does it now.
    started.effects = started.effects.filter((effect) => effect.type !== 'notify');
  }
  const decisionAction: CaseAction =
    input.decision === 'accept'
      ? { type: 'approve', taskId: acceptTask.id, comment: input.reason }
      : input.decision === 'refuse'
        ? { type: 'reject', taskId: acceptTask.id, reason: input.reason! }
        : { type: 'supplement', taskId: acceptTask.id, reason: input.reason! };
  let decided: { state: CaseState; effects: Effect[] };
  try {
    decided = applyAction(flow, started.state, decisionAction, { now, calendar, actor });
  } catch (error) {
    return engineFailure(error);
  }
  if (scope.kind === 'general' && decided.state.status === 'running') {
    // From acceptance on the case is handled at the owning centre (shown there as 上报/通办件).
    decided.state.escalation = { nodeId: acceptNode.id, regionCode: scope.owningRegionCode, since: decided.state.startedAt };
    decided.state.sequence += 1;
    decided.effects.push({
      type: 'history',
      record: { id: `h-${decided.state.sequence}`, at: decided.state.startedAt, action: 'escalate', stage: '上报', nodeId: acceptNode.id, nodeLabel: acceptNode.label, actorId: actor.userId, message: `${handlingAreas[scope.area]}事项：受理后转至事项所属的政务服务中心（${scope.owningRegionCode}）办理` },
    });
  }
  if (item.body.charges && input.decision !== 'refuse') feeLines(item.body, input.feeQuantities, { form: form?.body ?? null, values: input.formValues });
  const queryPassword = newQueryPassword();
  const queryPasswordHash = await hashPassword(queryPassword);
  const caseId = randomUUID();
  const formTable = form ? await formTableFor(db, form.body) : null;
  const dictionaryEntries = await dictionaries(db);

  const result = await db.transaction(async (tx) => {
    const number = await allocateCaseNumber(tx, actor.regionCode, now);
    const applicant = await upsertApplicant(tx, input.applicant as ApplicantInput, now);
    let formRecordId: string | null = null;
    if (formTable) {
      try {
        formRecordId = await insertFormRecord(tx, formTable, { values: input.formValues, caseId, userId: actor.userId, draft: input.decision !== 'accept', dictionaries: dictionaryEntries });
      } catch (error) {
        engineFailure(error);
      }
    }
    const head: CaseHead = { id: caseId, number, itemCode: itemCodeOf(item.body), itemName: item.body.name, departmentId: item.body.departmentId, regionCode: actor.regionCode, timeLimitDays: item.body.timeLimit.promised };
    const charges = item.body.charges && item.body.fees.length > 0;
    await tx.insert(cases).values({
      id: caseId,
      number,
      queryPasswordHash,
      itemId: item.body.id,
      itemVersion: item.version,
      itemName: item.body.name,
      itemCode: head.itemCode,
      departmentId: item.body.departmentId,
      flowId: flow.id,
      flowVersion: flow.version,
      formId: form?.body.id ?? null,
      formVersion: formTable?.formVersion ?? null,
      formRecordId,
      channel: input.channel,
      applicantKind: input.applicant.kind,
      applicantName: input.applicant.name,
      applicantIdType: applicant.idType,
      applicantIdNumber: applicant.idNumber,
      personId: applicant.personId,
      enterpriseId: applicant.enterpriseId,
      contactName: input.contact.name ?? null,
      contactPhone: input.contact.phone ?? null,
      summary: input.summary ?? null,
      centreId: actor.centreId,
      regionCode: actor.regionCode,
      acceptedBy: actor.userId,
      handlers: { [handlerKey(actor.unitId, acceptTask)]: actor.userId },
      timeLimitDays: item.body.timeLimit.promised,
      acceptedAt: now,
      feeStatus: charges ? 'unpaid' : 'none',
      ...caseColumnsFromState(decided.state),
      outcome: input.decision === 'refuse' ? 'refused' : (decided.state.outcome ?? null),
      updatedAt: now,
    });
    if (input.materials.length > 0) {
      const names = new Map(item.body.materials.map((material) => [material.id, material.name]));
      await tx.insert(caseMaterials).values(
        input.materials.map((material) => ({
          id: randomUUID(),
          caseId,
          materialId: material.materialId,
          name: names.get(material.materialId) ?? material.materialId,
          provided: material.provided,
          medium: material.medium ?? null,
          fileRef: material.fileRef ?? null,
          reusedFromCaseId: material.reusedFromCaseId ?? null,
          applicantIdNumber: applicant.idNumber,
          receivedAt: now,
        })),
      );
    }
    await recordCaseMaterialFiles(tx, { caseId, item: item.body, applicant: { kind: input.applicant.kind, idNumber: applicant.idNumber }, materials: input.materials, decision: input.decision, actorId: actor.userId, now });
    if (charges && input.decision !== 'refuse') {
      const lines = feeLines(item.body, input.feeQuantities, { form: form?.body ?? null, values: input.formValues });
      await tx.insert(feeBills).values({ id: randomUUID(), caseId, lines, totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0), status: 'unpaid', createdAt: now });
    }
    const after = await applyEffects(tx, {
      head,
      effects: [...started.effects, ...decided.effects],
      actor,
      now,
      auditAction: `case.${input.decision}`,
      auditDetail: { item: item.body.id, itemVersion: item.version, flowVersion: flow.version },
      historyOverride: (record) => {
        if (record.action === 'start') return { stepStatus: input.channel === 'self' ? '已申办（自助登记）' : '已申办（窗口登记）' };
        if (record.nodeId !== acceptNode.id) return undefined;
        if (record.action === 'reject' || record.action === 'conclude') return input.decision === 'refuse' ? { stage: '不予受理', stepStatus: '不予受理' } : undefined;
        if (record.action === 'approve') return { stage: '受理', stepStatus: '已受理' };
        return undefined;
      },
    });
    const noticeKind: NoticeKind = input.decision === 'accept' ? 'acceptance' : input.decision === 'refuse' ? 'refusal' : 'supplement';
    // 补正告知 at acceptance: the notice lists the required materials not received.
    const requested = input.decision === 'supplement' ? { taskId: acceptTask.id, requestedMaterials: item.body.materials.filter((material) => material.required && !input.materials.some((entry) => entry.materialId === material.id && entry.provided)) } : {};
    const noticeId = await recordNotice(tx, { caseId, kind: noticeKind, item: item.body, actor, now, reason: input.reason, number, applicantName: input.applicant.name, ...requested });
    return { number, after, noticeId };
  });
  publishAfterCommit(db, result.after);
  return { caseId, number: result.number, noticeId: result.noticeId, queryPassword, status: decided.state.status, outcome: input.decision === 'refuse' ? 'refused' : (decided.state.outcome ?? null), version: decided.state.version };
}

export const actionInput = z.object({
  caseId: z.string().uuid({ message: '办件标识不正确' }),
  expectedVersion: z.number().int().min(1),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('approve'), taskId: z.string(), comment: z.string().max(2000).optional() }),
    z.object({ type: z.literal('reject'), taskId: z.string(), reason: z.string().max(2000) }),
    z.object({ type: z.literal('return'), taskId: z.string(), targetNodeId: z.string(), reason: z.string().max(2000) }),
    z.object({ type: z.literal('transfer'), taskId: z.string(), toUserId: z.string(), reason: z.string().max(2000).optional() }),
    z.object({ type: z.literal('withdraw'), nodeId: z.string(), reason: z.string().max(2000).optional() }),
    z.object({ type: z.literal('supplement'), taskId: z.string(), reason: z.string().max(2000), /** The item materials to supplement (listed in the 补正告知书). */ materialIds: z.array(z.string().min(1).max(100)).max(50).optional() }),
    z.object({ type: z.literal('suspend'), taskId: z.string(), procedure: z.string().max(100), reason: z.string().max(2000) }),
    z.object({ type: z.literal('resume'), taskId: z.string(), comment: z.string().max(2000).optional() }),
    z.object({ type: z.literal('escalate'), taskId: z.string(), reason: z.string().max(2000) }),
    z.object({ type: z.literal('record-print'), certificateNo: z.string().max(100).optional() }),
  ]),
  /** Edits to the form allowed by the node's field permissions (一表制 view). */
  formValues: z.record(z.string(), z.unknown()).optional(),
  /** On the last step: how the result is delivered (送达). */
  result: z.object({ deliveryMethod: z.string().max(50).optional(), note: z.string().max(500).optional() }).optional(),
});
export type ActionInput = z.infer<typeof actionInput>;

const headColumns = [
  'id',
  'number',
  'itemId',
  'itemVersion',
  'itemCode',
  'itemName',
  'departmentId',
  'regionCode',
  'escalatedTo',
  'acceptedBy',
  'timeLimitDays',
  'flowId',
  'flowVersion',
  'formId',
  'formRecordId',
  'state',
  'version',
  'handlers',
  'feeStatus',
  'applicantName',
] as const;

/**
 * The columns `act` reads: one indexed row (a statement text built once, as every transition reads it).
 * Every write that changes one of them bumps `cases.version` (see `head-cache.ts`, which relies on it).
 */
export async function loadCaseHead(db: Db, caseId: string) {
  const [row] = await selectRows(db, cases, { columns: headColumns, where: { id: caseId } });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '办件不存在' });
  return row;
}

type CaseRow = Awaited<ReturnType<typeof loadCaseHead>>;

/**
 * Payment and print are recorded by the handler of the open fee / print gate (the window of the
 * accepting centre); with no gate open yet, by a window of the accepting centre.
 */
function assertGateHandler(options: { actor: DeskActor; row: CaseRow; state: CaseState; gate: 'fee-gate' | 'print-gate' }): void {
  const { actor, row, state } = options;
  const gateTask = state.tasks.find((task) => task.nodeType === options.gate);
  if (gateTask) {
    assertMayAct({ actor, row: { regionCode: row.regionCode, escalatedTo: row.escalatedTo, acceptedBy: row.acceptedBy, handlers: row.handlers }, task: gateTask });
    return;
  }
  if (actor.regionCode !== row.regionCode || !actor.roleIds.includes('role-window')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `只有受理中心的窗口人员可以${options.gate === 'fee-gate' ? '登记缴费' : '登记证照打印'}` });
  }
}

/** Runs an engine step on a loaded case and commits it with the version check. */
export async function commitStep(
  db: Db,
  options: {
    row: CaseRow;
    actor: DeskActor;
    now: Date;
    action: CaseAction;
    auditAction: string;
    extra?: (tx: Db, state: CaseState) => Promise<void>;
    handlers?: Record<string, string>;
    feeStatus?: string;
    result?: Record<string, unknown>;
    /** For 补正告知: the item materials asked for. */
    supplementMaterialIds?: string[];
  },
) {
  const { row, actor, now, action } = options;
  const flow = await readDocumentVersion<FlowDocument>(db, 'flow', row.flowId, row.flowVersion);
  const calendar = await workingCalendar(db);
  let next: { state: CaseState; effects: Effect[] };
  try {
    next = applyAction(flow, row.state as unknown as CaseState, action, { now, calendar, actor });
  } catch (error) {
    return engineFailure(error);
  }
  const head: CaseHead = { id: row.id, number: row.number, itemCode: row.itemCode, itemName: row.itemName, departmentId: row.departmentId, regionCode: row.regionCode, timeLimitDays: row.timeLimitDays };
  // 结果下发: a result produced at another centre goes back to the accepting window for 送达.
  const resultReturn = await planResultReturn(db, { row, flow, before: row.state as unknown as CaseState, state: next.state, now });
  if (resultReturn) next.effects.push(...resultReturn.effects);
  let autoCertificate = false;
  const write = { caseId: row.id, expectedVersion: row.version, state: next.state, handlers: options.handlers, now, feeStatus: options.feeStatus };
  const conflict = () => new TRPCError({ code: 'CONFLICT', message: conflictMessage });
  const effectOptions = { head, effects: next.effects, actor, now, auditAction: options.auditAction, auditDetail: { version: next.state.version } };
  // Most steps write nothing but the transition itself: one statement. The others (form values, a
  // conclusion with its notice and certificate, 补正告知, a result going back) in a transaction.
  const alone = !options.extra && next.state.status !== 'concluded' && action.type !== 'supplement' && !resultReturn;
  const after = (alone ? await commitTransitionStatement(db, { ...effectOptions, write, conflict }) : undefined) ?? await versionCheckedTransaction(db, { write, conflict }, async (tx, commit) => {
    await options.extra?.(tx, next.state);
    if (next.state.status === 'concluded') {
      await tx.update(cases).set({ result: { ...(options.result ?? {}), ...(resultReturn ? { delivery: resultReturn.delivery } : {}) } }).where(eq(cases.id, row.id));
      const item = await readDocumentVersion<ItemDocument>(tx, 'item', row.itemId, row.itemVersion);
      await recordNotice(tx, { caseId: row.id, kind: next.state.outcome === 'approved' ? 'completion' : 'refusal', item, actor, now, number: row.number, applicantName: row.applicantName, reason: 'reason' in action ? (action.reason as string) : undefined });
      if (next.state.outcome === 'approved') autoCertificate = await requestAutomaticCertificate(tx, { caseId: row.id, item, itemVersion: row.itemVersion, actor: actor.userId, now });
    } else if (action.type === 'supplement') {
      const item = await readDocumentVersion<ItemDocument>(tx, 'item', row.itemId, row.itemVersion);
      await recordNotice(tx, { caseId: row.id, kind: 'supplement', item, actor, now, number: row.number, applicantName: row.applicantName, reason: action.reason, taskId: action.taskId, requestedMaterials: requestedMaterials(item, options.supplementMaterialIds ?? []) });
    }
    // Nothing follows the transition's writes unless a result goes back to the accepting window.
    const applied = await applyEffects(tx, { ...effectOptions, historyOverride: resultReturn?.historyOverride, afterWrites: resultReturn ? undefined : commit });
    if (resultReturn) applied.events.push(await resultReturn.open(tx));
    return applied;
  });
  publishAfterCommit(db, after);
  const columns = caseColumnsFromState(next.state);
  rememberCaseHead(db, row.id, {
    ...row,
    state: asStoredJson(columns.state),
    version: columns.version,
    escalatedTo: columns.escalatedTo,
    handlers: options.handlers ? asStoredJson(options.handlers) : row.handlers,
    feeStatus: options.feeStatus ?? row.feeStatus,
  } satisfies CaseRow);
  // Inside a caller's transaction (the print gate completing the case) the request is worked after that
  // commit by housekeeping; a background run here would use the caller's transaction after it ended.
  if (autoCertificate && !is(db, PgTransaction)) void startAutomaticCertificate(db, row.id, now);
  return { caseId: row.id, version: next.state.version, status: next.state.status, outcome: next.state.outcome ?? null };
}

/**
 * One action on a case (办理): P3 check, engine transition, and in one transaction the version-checked
 * state write, tasks, process record, timers and audit. Of two concurrent actions on the same task
 * exactly one commits; the other gets CONFLICT “该办件已被他人处理，请刷新后重试”.
 */
export async function act(db: Db, options: { actor: DeskActor; now: Date; input: ActionInput }) {
  const { actor, now, input } = options;
  // The row this process committed last for the version the client saw, else a read (head-cache.ts).
  const row = recentCaseHead<CaseRow>(db, input.caseId, input.expectedVersion) ?? (await loadCaseHead(db, input.caseId));
  if (row.version !== input.expectedVersion) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
  const state = row.state as unknown as CaseState;
  const { materialIds: supplementMaterialIds, ...engineAction } = input.action as typeof input.action & { materialIds?: string[] };
  const action = { ...engineAction, expectedVersion: input.expectedVersion } as CaseAction;
  let handlers: Record<string, string> | undefined;
  let editableView: ReturnType<typeof nodeView> | undefined;
  if (input.action.type === 'record-print') {
    assertGateHandler({ actor, row, state, gate: 'print-gate' });
    // T4: the gate passes only by printing a certificate of the case through the system (certificates.print).
    await assertCaseCertificatePrinted(db, row.id);
  }
  if ('taskId' in input.action) {
    const task = state.tasks.find((entry) => entry.id === (input.action as { taskId: string }).taskId);
    if (!task) throw new TRPCError({ code: 'CONFLICT', message: `${conflictMessage}（待办已办理或不存在）` });
    assertMayAct({ actor, row: { regionCode: row.regionCode, escalatedTo: row.escalatedTo, acceptedBy: row.acceptedBy, handlers: row.handlers }, task });
    const key = handlerKey(actor.unitId, task);
    if (!row.handlers[key]) handlers = { ...row.handlers, [key]: actor.userId };
    if (input.formValues && Object.keys(input.formValues).length > 0) {
      const flow = await readDocumentVersion<FlowDocument>(db, 'flow', row.flowId, row.flowVersion);
      const permissions = stepSettings(nodeOf(flow, task.nodeId)).fieldPermissions ?? {};
      const refused = Object.keys(input.formValues).filter((key) => permissions[key] !== 'edit');
      if (refused.length > 0) throw new TRPCError({ code: 'FORBIDDEN', message: `环节“${task.label}”不能修改字段：${refused.join('、')}` });
      editableView = nodeView(permissions);
    }
  }
  return commitStep(db, {
    row,
    actor,
    now,
    action,
    auditAction: `case.${input.action.type}`,
    handlers,
    result: input.result,
    supplementMaterialIds,
    extra:
      editableView && row.formId && row.formRecordId
        ? async (tx) => {
            const table = await openFormTable(tx, row.formId!);
            await updateFormRecord(tx, table, { id: row.formRecordId!, values: input.formValues!, view: editableView, userId: actor.userId, dictionaries: await dictionaries(db) }).catch(engineFailure);
          }
        : undefined,
  });
}

/**
 * 改派 (P3): a superior hands a case's open work in their department to another handler. The case
 * handler of the department changes and open tasks there are named to the new person.
 */
export async function reassignCase(db: Db, options: { actor: DeskActor; now: Date; input: { caseId: string; expectedVersion: number; toUserId: string; reason: string } }) {
  const { actor, now, input } = options;
  const row = await loadCaseHead(db, input.caseId);
  if (row.version !== input.expectedVersion) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
  if (!input.reason.trim()) throw new TRPCError({ code: 'BAD_REQUEST', message: '改派必须填写理由' });
  const { loadActor } = await import('./runtime.js');
  const target = await loadActor(db, input.toUserId).catch(() => {
    throw new TRPCError({ code: 'NOT_FOUND', message: `用户“${input.toUserId}”不存在` });
  });
  if (target.unitId !== actor.unitId) throw new TRPCError({ code: 'FORBIDDEN', message: `只能改派给本部门（${actor.unitName}）的人员` });
  const state = structuredClone(row.state as unknown as CaseState);
  const { canHandleTask } = await import('@xlgl/engine');
  const moved = state.tasks.filter((task) => canHandleTask({ ...task, assignedUserId: undefined }, target) && task.regionCode === actor.regionCode);
  if (moved.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: `“${target.name}”不能办理该办件当前的任何环节，无法改派` });
  state.sequence += 1;
  const recordId = `h-${state.sequence}`;
  for (const task of moved) task.assignedUserId = target.userId;
  state.version += 1;
  const head: CaseHead = { id: row.id, number: row.number, itemCode: row.itemCode, itemName: row.itemName, departmentId: row.departmentId, regionCode: row.regionCode, timeLimitDays: row.timeLimitDays };
  const effects: Effect[] = [
    ...moved.map((task) => ({ type: 'task.reassign' as const, taskId: task.id, toUserId: target.userId })),
    { type: 'notify', to: { kind: 'user', userId: target.userId }, message: `${actor.name}将办件“${row.itemName}”（${row.number}）改派给您` },
    { type: 'history', record: { id: recordId, at: now.toISOString(), action: 'reassign', actorId: actor.userId, comment: input.reason, message: `${actor.name}将“${moved.map((task) => task.label).join('、')}”改派给${target.name}` } },
  ];
  const after = await db.transaction(async (tx) => {
    const handlers = { ...row.handlers };
    for (const task of moved) handlers[handlerKey(target.unitId, task)] = target.userId;
    const written = await writeCaseState(tx, { caseId: row.id, expectedVersion: row.version, state, handlers, now });
    if (!written) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
    return applyEffects(tx, { head, effects, actor, now, auditAction: 'case.reassign', auditDetail: { to: target.userId } });
  });
  publishAfterCommit(db, after);
  return { caseId: row.id, version: state.version };
}

/** 登记缴费: the payment must settle the bill; opens the flow's fee gate in the same transaction. */
export async function recordPayment(db: Db, options: { actor: DeskActor; now: Date; input: { caseId: string; expectedVersion: number; method: 'cash' | 'transfer' | 'provider'; amountFen: number; receiptNo: string } }) {
  const { actor, now, input } = options;
  const row = await loadCaseHead(db, input.caseId);
  if (row.version !== input.expectedVersion) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
  const [bill] = await db.select().from(feeBills).where(eq(feeBills.caseId, row.id));
  if (!bill) throw new TRPCError({ code: 'BAD_REQUEST', message: '该办件的事项不收费，无需登记缴费' });
  if (bill.status !== 'unpaid') throw new TRPCError({ code: 'CONFLICT', message: bill.status === 'paid' ? '费用已缴清，无需重复登记' : '费用已减免，无需缴费' });
  if (input.amountFen !== bill.totalFen) throw new TRPCError({ code: 'BAD_REQUEST', message: `缴费金额应为${(bill.totalFen / 100).toFixed(2)}元（一单式收费，须一次缴清），实际登记${(input.amountFen / 100).toFixed(2)}元` });
  if (!input.receiptNo.trim()) throw new TRPCError({ code: 'BAD_REQUEST', message: '请填写票据号' });
  if (!actor.roleIds.includes('role-window')) throw new TRPCError({ code: 'FORBIDDEN', message: '只有窗口人员可以登记缴费' });
  assertGateHandler({ actor, row, state: row.state as unknown as CaseState, gate: 'fee-gate' });
  return commitStep(db, {
    row,
    actor,
    now,
    action: { type: 'record-payment', amountFen: input.amountFen, receiptNo: input.receiptNo, expectedVersion: input.expectedVersion },
    auditAction: 'case.payment',
    feeStatus: 'paid',
    extra: async (tx) => {
      await tx.insert(feePayments).values({ id: randomUUID(), billId: bill.id, caseId: row.id, amountFen: input.amountFen, method: input.method, receiptNo: input.receiptNo, recordedBy: actor.userId, at: now });
      await tx.update(feeBills).set({ status: 'paid', settledAt: now }).where(and(eq(feeBills.id, bill.id), eq(feeBills.status, 'unpaid')));
    },
  });
}

/** 绿色通道: the window asks to waive a bill; a reason is required. */
export async function requestWaiver(db: Db, options: { actor: DeskActor; now: Date; input: { caseId: string; reason: string } }) {
  const { actor, now, input } = options;
  if (!input.reason.trim()) throw new TRPCError({ code: 'BAD_REQUEST', message: '申请减免必须填写理由' });
  const [bill] = await db.select().from(feeBills).where(eq(feeBills.caseId, input.caseId));
  if (!bill) throw new TRPCError({ code: 'BAD_REQUEST', message: '该办件没有收费单' });
  if (bill.status !== 'unpaid') throw new TRPCError({ code: 'CONFLICT', message: '收费单已结清，不能再申请减免' });
  if (!bill.lines.every((line) => line.waivable)) throw new TRPCError({ code: 'BAD_REQUEST', message: `收费项目${bill.lines.filter((line) => !line.waivable).map((line) => `“${line.name}”`).join('、')}不可减免` });
  await db.transaction(async (tx) => {
    await tx.update(feeBills).set({ waiverStatus: 'requested', waiverReason: input.reason, waiverRequestedBy: actor.userId }).where(eq(feeBills.id, bill.id));
    await appendAudit(tx, { actor: actor.userId, action: 'case.waiver.request', target: `case/${input.caseId}`, detail: { reason: input.reason } }, now);
  });
  return { ok: true as const };
}

/** A superior approves or refuses a waiver; an approved waiver settles the bill and opens the fee gate. */
export async function decideWaiver(db: Db, options: { actor: DeskActor; now: Date; input: { caseId: string; expectedVersion: number; approve: boolean; note?: string } }) {
  const { actor, now, input } = options;
  const row = await loadCaseHead(db, input.caseId);
  const [bill] = await db.select().from(feeBills).where(eq(feeBills.caseId, row.id));
  if (!bill || bill.waiverStatus !== 'requested') throw new TRPCError({ code: 'BAD_REQUEST', message: '没有待审批的减免申请' });
  if (bill.waiverRequestedBy === actor.userId) throw new TRPCError({ code: 'FORBIDDEN', message: '减免申请人不能审批自己的申请' });
  if (!input.approve) {
    await db.transaction(async (tx) => {
      await tx.update(feeBills).set({ waiverStatus: 'refused', waiverDecidedBy: actor.userId, waiverDecisionNote: input.note ?? null }).where(eq(feeBills.id, bill.id));
      await appendAudit(tx, { actor: actor.userId, action: 'case.waiver.refuse', target: `case/${row.number}` }, now);
    });
    return { caseId: row.id, version: row.version };
  }
  if (row.version !== input.expectedVersion) throw new TRPCError({ code: 'CONFLICT', message: conflictMessage });
  return commitStep(db, {
    row,
    actor,
    now,
    action: { type: 'record-payment', amountFen: 0, receiptNo: '减免', expectedVersion: input.expectedVersion },
    auditAction: 'case.waiver.approve',
    feeStatus: 'waived',
    extra: async (tx) => {
      await tx.update(feeBills).set({ status: 'waived', waiverStatus: 'approved', waiverDecidedBy: actor.userId, waiverDecisionNote: input.note ?? null, settledAt: now }).where(eq(feeBills.id, bill.id));
    },
  });
}

export { caseTasks, getFormRecord, type Task };
