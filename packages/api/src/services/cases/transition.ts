import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { appendAuditPending, caseHistory, cases, caseTasks, caseTimers, insertRows, rowsOf, updateRows, type Db } from '@xlgl/db';
import type { CaseState, Effect, HistoryRecord, Task } from '@xlgl/engine';
import type { DeskActor } from './runtime.js';
import type { DeskAudience, DeskEvent } from './events.js';
import { cancelTimers } from './timers.js';

/** What a committed transition leaves to do after the commit. */
export type AfterCommit = {
  timers: { scheduled: string[]; cancelled: string[] };
  events: Array<{ audience: DeskAudience; event: DeskEvent }>;
};

/** Case columns a transition needs. */
export type CaseHead = {
  id: string;
  number: string;
  itemCode: string;
  itemName: string;
  departmentId: string;
  regionCode: string;
  timeLimitDays: number | null;
};

const stepStatusByAction: Record<string, string> = {
  approve: '已办理',
  reject: '不予许可',
  refuse: '不予受理',
  return: '退回',
  transfer: '转办',
  withdraw: '撤回',
  'supplement-start': '暂停计时（补正）',
  'supplement-end': '恢复计时（补正）',
  'special-procedure-start': '暂停计时（特别程序）',
  'special-procedure-end': '恢复计时（特别程序）',
  escalate: '上报',
  'hand-back': '结果下发',
  'record-payment': '已缴费',
  'record-print': '已制证',
  conclude: '已办结',
  cancel: '申请人撤回',
  accept: '已受理',
  start: '已申办',
  'gate-pass': '已通过',
  reassign: '改派',
  'parallel-collapse': '撤销并联分支',
  'parallel-start': '并联分发',
  'parallel-arrive': '分支办结',
  'parallel-join': '并联汇合',
  'countersign-complete': '会签通过',
  'countersign-fail': '会签未通过',
  route: '条件流转',
};

/** Denormalised columns derived from the engine state. */
export function caseColumnsFromState(state: CaseState) {
  const openPause = state.pauses.find((pause) => !pause.to);
  return {
    status: state.status,
    outcome: state.outcome ?? null,
    state: state as unknown as Record<string, unknown>,
    version: state.version,
    currentNodes: [...new Set(state.tasks.map((task) => task.label))].join('、'),
    escalatedTo: state.escalation?.regionCode ?? null,
    dueDate: state.dueDate ?? null,
    yellowDate: state.yellowDate ?? null,
    redDate: state.redDate ?? null,
    paused: Boolean(openPause),
    pausedIntervals: state.pauses.map((pause) => ({ kind: pause.kind, from: pause.from, ...(pause.to ? { to: pause.to } : {}) })),
    completedAt: state.concludedAt ? new Date(state.concludedAt) : null,
  };
}

function taskRow(caseId: string, task: Task) {
  const rule = task.assignee;
  return {
    id: randomUUID(),
    caseId,
    taskId: task.id,
    nodeId: task.nodeId,
    nodeLabel: task.label,
    kind: task.kind,
    task: task as unknown as Record<string, unknown>,
    regionCode: task.regionCode,
    assignedUserId: task.assignedUserId ?? null,
    roleIds: rule?.roleIds ?? ['role-window'],
    postIds: rule?.postIds ?? [],
    departmentIds: rule?.departmentIds ?? [],
    userIds: rule?.userIds ?? [],
    status: 'open',
    paused: Boolean(task.pausedBy),
    dueDate: task.dueDate ?? null,
    yellowDate: task.yellowDate ?? null,
    redDate: task.redDate ?? null,
    openedAt: new Date(task.openedAt),
  };
}

function audienceOfTask(task: Task): DeskAudience {
  if (task.assignedUserId) return { kind: 'user', userId: task.assignedUserId };
  const rule = task.assignee;
  return {
    kind: 'rule',
    regionCode: task.regionCode,
    by: rule?.by ?? 'role',
    roleIds: rule?.roleIds ?? ['role-window'],
    postIds: rule?.postIds ?? [],
    departmentIds: rule?.departmentIds ?? [],
    userIds: rule?.userIds ?? [],
  };
}

/** A process-record row (R9.2) from an engine history record. */
export function historyRow(head: CaseHead, record: HistoryRecord, extra: { actor: DeskActor | undefined; stepStatus?: string; stage?: string }) {
  const { actor } = extra;
  const byActor = actor && (!record.actorId || record.actorId === actor.userId);
  return {
    caseId: head.id,
    recordId: record.id,
    at: new Date(record.at),
    action: record.action,
    stage: extra.stage ?? record.stage ?? null,
    nodeId: record.nodeId ?? null,
    step: record.nodeLabel ?? null,
    itemCode: head.itemCode,
    itemName: head.itemName,
    departmentId: byActor ? actor.unitId : null,
    departmentName: byActor ? actor.unitName : null,
    officeName: byActor ? actor.centreName : null,
    handlerId: record.actorId ?? (byActor ? actor.userId : null),
    handlerName: byActor ? actor.name : null,
    stepStatus: extra.stepStatus ?? stepStatusByAction[record.action] ?? record.action,
    opinion: record.comment ?? null,
    attachments: [],
    message: record.message,
    promisedDays: head.timeLimitDays,
  };
}

/** A re-set timer (same case and timer id, so the same row id) keeps its row with the new date and task. */
const timerUpsert =
  "on conflict (id) do update set fire_at = excluded.fire_at, fire_date = excluded.fire_date, status = 'scheduled', kind = excluded.kind, task_id = excluded.task_id";

/**
 * Carries out an engine result inside the caller's transaction: tasks, history, timers and the
 * audit entry. The case row itself is written by the caller (insert or version-checked update).
 */
export async function applyEffects(
  tx: Db,
  options: {
    head: CaseHead;
    effects: Effect[];
    actor: DeskActor | undefined;
    now: Date;
    auditAction: string;
    auditDetail?: Record<string, unknown>;
    historyOverride?: (record: HistoryRecord) => { stepStatus?: string; stage?: string } | undefined;
  },
): Promise<AfterCommit> {
  const { head, effects, actor, now } = options;
  const after: AfterCommit = { timers: { scheduled: [], cancelled: [] }, events: [] };
  const opened: ReturnType<typeof taskRow>[] = [];
  const history: ReturnType<typeof historyRow>[] = [];
  const timerSets = new Map<string, typeof caseTimers.$inferInsert>();
  const timerCancels = new Set<string>();
  // Writes are issued together and awaited once: on postgres-js they are pipelined on the
  // transaction's connection (one network round trip instead of one per statement) and still run
  // in issue order. Timers are batched: one cancelling update, then one upsert.
  const writes: Promise<unknown>[] = [];
  /** Starts a query now (drizzle queries run when awaited), so the server sees them in issue order. */
  const start = <T>(query: PromiseLike<T>): Promise<T> => {
    const started = Promise.resolve(query);
    writes.push(started);
    return started;
  };
  for (const effect of effects) {
    switch (effect.type) {
      case 'task.open': {
        opened.push(taskRow(head.id, effect.task));
        after.events.push({
          audience: audienceOfTask(effect.task),
          event: {
            kind: 'task',
            caseId: head.id,
            caseNumber: head.number,
            message: `新待办：${head.itemName}（${head.number}）“${effect.task.label}”`,
            at: now.toISOString(),
          },
        });
        break;
      }
      case 'task.close': {
        // A task opened and closed by the same transition (e.g. acceptance) is written as closed.
        const pending = opened.find((row) => row.taskId === effect.taskId);
        const closed = { status: effect.reason, closedAt: now, handledBy: effect.reason === 'completed' ? (actor?.userId ?? null) : null };
        if (pending) Object.assign(pending, closed);
        else start(updateRows(tx, caseTasks, { set: closed, where: { caseId: head.id, taskId: effect.taskId } }));
        break;
      }
      case 'task.reassign': {
        const pending = opened.find((row) => row.taskId === effect.taskId);
        if (pending) pending.assignedUserId = effect.toUserId;
        else
          start(
            tx
              .update(caseTasks)
              .set({ assignedUserId: effect.toUserId })
              .where(and(eq(caseTasks.caseId, head.id), eq(caseTasks.taskId, effect.taskId))),
          );
        break;
      }
      case 'task.pause':
      case 'task.resume': {
        const paused = effect.type === 'task.pause';
        const pending = opened.find((row) => row.taskId === effect.taskId);
        if (pending) pending.paused = paused;
        else
          start(
            tx
              .update(caseTasks)
              .set({ paused })
              .where(and(eq(caseTasks.caseId, head.id), eq(caseTasks.taskId, effect.taskId))),
          );
        break;
      }
      case 'timer.set': {
        const id = `${head.id}:${effect.timer.id}`;
        timerSets.set(id, {
          id,
          caseId: head.id,
          timerId: effect.timer.id,
          createdAt: now,
          fireAt: new Date(effect.timer.at),
          fireDate: effect.timer.date,
          status: 'scheduled',
          kind: effect.timer.kind,
          taskId: effect.timer.taskId ?? null,
        });
        break;
      }
      case 'timer.cancel': {
        const id = `${head.id}:${effect.timerId}`;
        // A timer set and cancelled by the same transition is not written; an older row is deleted.
        timerSets.delete(id);
        timerCancels.add(effect.timerId);
        break;
      }
      case 'notify': {
        const to = effect.to;
        if (to.kind === 'user')
          after.events.push({
            audience: { kind: 'user', userId: to.userId },
            event: { kind: 'notice', caseId: head.id, caseNumber: head.number, message: effect.message, at: now.toISOString() },
          });
        else if (to.kind === 'roles')
          after.events.push({
            audience: {
              kind: 'rule',
              by: 'role',
              regionCode: to.regionCode,
              roleIds: to.roleIds,
              postIds: [],
              departmentIds: [],
              userIds: [],
            },
            event: { kind: 'notice', caseId: head.id, caseNumber: head.number, message: effect.message, at: now.toISOString() },
          });
        // `assignee` notices duplicate the task.open event above (which names the case); applicant
        // notices go out through the notice documents and the portal (R5), not live events.
        break;
      }
      case 'history':
        history.push(historyRow(head, effect.record, { actor, ...options.historyOverride?.(effect.record) }));
        break;
      case 'case.conclude':
        break;
    }
  }
  if (opened.length > 0) start(insertRows(tx, caseTasks, opened));
  if (history.length > 0) start(insertRows(tx, caseHistory, history));
  // Cancellations first, then the upsert (a re-set id, e.g. the case clock after a supplement, keeps
  // its row with the new date). The timer sweep (`timers.ts`) finds the rows when they are due.
  const cancelled = timerCancels.size > 0 ? start(cancelTimers(tx, { caseId: head.id, timerIds: [...timerCancels] })) : undefined;
  const timerValues = [...timerSets.values()];
  if (timerValues.length > 0) start(insertRows(tx, caseTimers, timerValues, { suffix: timerUpsert }));
  // The audit entry goes in with the writes (no lock); it enters the hash chain shortly after the
  // commit (`scheduleAuditChaining`, called by the case service with the other after-commit work).
  const audit = appendAuditPending(
    tx,
    { actor: actor?.userId ?? 'system', action: options.auditAction, target: `case/${head.number}`, detail: options.auditDetail },
    now,
  );
  await Promise.all([Promise.all(writes), audit]);
  for (const id of (await cancelled) ?? []) if (!timerSets.has(id)) after.timers.cancelled.push(id);
  after.timers.scheduled.push(...timerValues.map((value) => value.id!));
  return after;
}

/** Version-checked write of the case state; false when someone else changed the case first. */
export async function writeCaseState(
  tx: Db,
  options: { caseId: string; expectedVersion: number; state: CaseState; handlers?: Record<string, string>; now: Date; feeStatus?: string },
): Promise<boolean> {
  const result = await updateRows(tx, cases, {
    set: {
      ...caseColumnsFromState(options.state),
      ...(options.handlers ? { handlers: options.handlers } : {}),
      ...(options.feeStatus ? { feeStatus: options.feeStatus } : {}),
      updatedAt: options.now,
    },
    where: { id: options.caseId, version: options.expectedVersion },
    returning: ['id'],
  });
  return rowsOf(result).length === 1;
}

/**
 * A transition's transaction: the version-checked case update is sent first and `body`'s writes go out
 * right behind it without waiting for its answer (queries on a transaction run in issue order), so they
 * share its round trip and the server runs them after the case row is locked and checked. When the
 * check failed the error is `conflict()` whatever `body` did (its writes were made on a stale state and
 * roll back with the transaction).
 */
export async function versionCheckedTransaction<T>(
  db: Db,
  options: { write: Parameters<typeof writeCaseState>[1]; conflict: () => Error },
  body: (tx: Db) => Promise<T>,
): Promise<T> {
  const { write, conflict } = options;
  return db.transaction(async (tx) => {
    const written = writeCaseState(tx, write);
    const [check, result] = await Promise.allSettled([written, body(tx)]);
    if (check.status === 'rejected') throw check.reason;
    if (!check.value) throw conflict();
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}
