import { randomUUID } from 'node:crypto';
import { cases, caseTasks, caseTimers, commitEarly, executeText, missingRow, requiredRowStart, rowsOf, updatePart, updateRows, type Db } from '@xlgl/db';
import type { CaseState, Effect, HistoryRecord, Task } from '@xlgl/engine';
import type { DeskActor } from './runtime.js';
import type { DeskAudience, DeskEvent } from './events.js';

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
    status: 'open' as string,
    paused: Boolean(task.pausedBy),
    handledBy: null as string | null,
    dueDate: task.dueDate ?? null,
    yellowDate: task.yellowDate ?? null,
    redDate: task.redDate ?? null,
    openedAt: new Date(task.openedAt),
    closedAt: null as Date | null,
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
export function historyRow(
  head: CaseHead,
  record: HistoryRecord,
  extra: { actor: DeskActor | undefined; stepStatus?: string; stage?: string },
) {
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

/**
 * Every write of a transition except the case row, in one statement with one fixed text (prepared once
 * per connection) and one JSON parameter (`$1`, the rows by kind; `$2` the case id). The parameter is
 * read as JSON once, in `input` (a CTE used several times is computed once); `$1::text::jsonb` in each
 * part parsed the whole parameter again for every part, about a tenth of the server's CPU per transition. Data-modifying
 * parts of a `with` all run, whether the final select reads them or not; none touches a row another
 * part touches (the caller keeps it so), so their order does not matter. One statement instead of six
 * saves each its own bind, execute and result on both sides.
 *
 * - closes: the step's tasks closed (status, closed_at, handled_by);
 * - opens: task rows (`case_tasks` columns by name);
 * - history: process-record rows (`case_history` columns by name, no id);
 * - cancels: timer row ids deleted when still scheduled (a cancelled timer is not kept). Written as
 *   `= any(array(…))`, which the planner costs as a few primary-key lookups: as `in (select …)` it
 *   guessed 100 ids from the set-returning function and, on a table of some thousand timers, chose to
 *   read every row (a generic plan, so on every transition: 4 ms instead of 0.05);
 * - timers: timer rows; a re-set timer (same case and timer id, so the same row id) keeps its row with
 *   the new date and task;
 * - audit: the audit entry, which enters the hash chain shortly after the commit (`scheduleAuditChaining`,
 *   called by the case service with the other after-commit work);
 *
 * Desk events are not NOTIFYed here but published after the commit (`publishDeskEvent`): a transaction
 * that notifies holds PostgreSQL's notification-queue lock through its commit's WAL flush, so every
 * notifying transition would wait for the others' flushes.
 */
/** The writes' statement text; `gated`: every part also reads `required_row` (see `transitionStatementText`). */
function writesText(gated: boolean): string {
  const gate = gated ? ', required_row' : '';
  const check = gated ? '1 / (select count(*) from required_row) as changed, ' : '';
  return `
input as (select $1::text::jsonb as rows),
closed as (
  update case_tasks t set status = x.status, closed_at = x.closed_at, handled_by = x.handled_by
  from input${gate}, jsonb_to_recordset(input.rows -> 'closes') as x(task_id text, status text, closed_at timestamptz, handled_by text)
  where t.case_id = $2 and t.task_id = x.task_id
),
opened as (
  insert into case_tasks (id, case_id, task_id, node_id, node_label, kind, task, region_code, assigned_user_id, role_ids, post_ids, department_ids, user_ids, status, paused, handled_by, due_date, yellow_date, red_date, opened_at, closed_at)
  select x.id, $2, x.task_id, x.node_id, x.node_label, x.kind, x.task, x.region_code, x.assigned_user_id, x.role_ids, x.post_ids, x.department_ids, x.user_ids, x.status, x.paused, x.handled_by, x.due_date, x.yellow_date, x.red_date, x.opened_at, x.closed_at
  from input${gate}, jsonb_populate_recordset(null::case_tasks, input.rows -> 'opens') x
),
recorded as (
  insert into case_history (case_id, record_id, at, action, stage, node_id, step, item_code, item_name, department_id, department_name, office_name, handler_id, handler_name, step_status, opinion, attachments, message, promised_days)
  select $2, x.record_id, x.at, x.action, x.stage, x.node_id, x.step, x.item_code, x.item_name, x.department_id, x.department_name, x.office_name, x.handler_id, x.handler_name, x.step_status, x.opinion, coalesce(x.attachments, '[]'), x.message, x.promised_days
  from input${gate}, jsonb_populate_recordset(null::case_history, input.rows -> 'history') x
),
cancelled as (
  delete from case_timers where id = any(array(select jsonb_array_elements_text(input.rows -> 'cancels') from input${gate})) and status = 'scheduled' returning id
),
scheduled as (
  insert into case_timers (id, case_id, timer_id, kind, task_id, fire_at, fire_date, status, created_at)
  select x.id, $2, x.timer_id, x.kind, x.task_id, x.fire_at, x.fire_date, 'scheduled', x.created_at
  from input${gate}, jsonb_populate_recordset(null::case_timers, input.rows -> 'timers') x
  on conflict (id) do update set fire_at = excluded.fire_at, fire_date = excluded.fire_date, status = 'scheduled', kind = excluded.kind, task_id = excluded.task_id
),
audited as (
  insert into audit_pending (at, actor, action, target, detail)
  select x.at, x.actor, x.action, x.target, x.detail from input${gate}, jsonb_populate_record(null::audit_pending, input.rows -> 'audit') x
)
select ${check}coalesce((select jsonb_agg(id) from cancelled), '[]'::jsonb)::text as cancelled`;
}

export const transitionWritesText = `with${writesText(false)}`;

/** The case columns a transition writes: those derived from the state, and when it was written. */
const caseWriteKeys = [...Object.keys(caseColumnsFromState({ pauses: [], tasks: [] } as unknown as CaseState)), 'updatedAt'];
const caseUpdate = updatePart(cases, { set: caseWriteKeys, keep: ['handlers', 'feeStatus'], where: ['id', 'version'], first: 3 });

/**
 * A whole transition in one statement, for a transition with nothing else to write: the version-checked
 * case update first (`required_row`, parameters `$3` …), then the writes of `transitionWritesText`, each
 * of which also reads `required_row`. So they run only after the case row is locked and its version
 * checked, and write nothing when the check failed; the final select then divides by zero and the
 * statement fails (`missingRow`), which rolls back all of it. One statement is one transaction: no
 * BEGIN and COMMIT, and no transaction bookkeeping on either side.
 */
export const transitionStatementText = `${requiredRowStart}${caseUpdate.text} returning 1),${writesText(true)}`;

/** A JS date as the statement's JSON parameter carries it (ISO 8601, read as timestamptz). */
const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/**
 * Carries out an engine result inside the caller's transaction: tasks, history, timers and the
 * audit entry. The case row itself is written by the caller (insert or version-checked update).
 */
type EffectOptions = {
  head: CaseHead;
  effects: Effect[];
  actor: DeskActor | undefined;
  now: Date;
  auditAction: string;
  auditDetail?: Record<string, unknown>;
  historyOverride?: (record: HistoryRecord) => { stepStatus?: string; stage?: string } | undefined;
};

/** A transition's writes, ready to send: the writes statement's JSON parameter, and statements of their own. */
type PlannedWrites = {
  parameter: string;
  /** Task changes other than closing (reassign, pause, resume: rare), each its own statement. */
  own: Array<() => PromiseLike<unknown>>;
  after: AfterCommit;
  scheduled: string[];
};

/** Starts a statement now: on PGlite `executeText` gives a drizzle query, which runs each time it is awaited. */
const start = <T>(query: PromiseLike<T>): Promise<T> => Promise.resolve(query);

/** What the writes statement answered, into the after-commit work. */
function finish(plan: PlannedWrites, result: Awaited<ReturnType<typeof executeText>>): AfterCommit {
  const [row] = rowsOf<{ cancelled: string }>(result);
  plan.after.timers.cancelled.push(...(JSON.parse(row?.cancelled ?? '[]') as string[]));
  plan.after.timers.scheduled.push(...plan.scheduled);
  return plan.after;
}

export async function applyEffects(
  tx: Db,
  options: EffectOptions & {
    /**
     * Called as soon as every write has been sent, before their answers: the caller's last chance to
     * send more in the same socket write — `versionCheckedTransaction`'s early COMMIT, when nothing
     * follows these writes in the transaction.
     */
    afterWrites?: () => void;
  },
): Promise<AfterCommit> {
  const plan = planWrites(tx, options);
  // Own statements go first; they set other columns than a close, so their order against it does not matter.
  const writes: Promise<unknown>[] = plan.own.map((write) => start(write()));
  const written = start(executeText(tx, transitionWritesText, [plan.parameter, options.head.id]));
  writes.push(written);
  options.afterWrites?.();
  await Promise.all(writes);
  return finish(plan, await written);
}

/**
 * Commits a transition in one statement (`transitionStatementText`): the version-checked case write and
 * all its other writes. Undefined, with nothing sent, when the transition has writes of their own
 * (`PlannedWrites.own`): the caller then commits it in a transaction. Fails with `conflict()` when the
 * case's version moved on.
 */
export async function commitTransitionStatement(
  db: Db,
  options: EffectOptions & { write: CaseStateWrite; conflict: () => Error },
): Promise<AfterCommit | undefined> {
  const plan = planWrites(db, options);
  if (plan.own.length > 0) return undefined;
  const { write } = options;
  const values = [plan.parameter, write.caseId, ...caseUpdate.values(caseStateColumns(write), { id: write.caseId, version: write.expectedVersion })];
  let result: Awaited<ReturnType<typeof executeText>>;
  try {
    result = await start(executeText(db, transitionStatementText, values));
  } catch (error) {
    throw missingRow(error) ? options.conflict() : error;
  }
  return finish(plan, result);
}

function planWrites(db: Db, options: EffectOptions): PlannedWrites {
  const { head, effects, actor, now } = options;
  const after: AfterCommit = { timers: { scheduled: [], cancelled: [] }, events: [] };
  const opened: ReturnType<typeof taskRow>[] = [];
  const history: ReturnType<typeof historyRow>[] = [];
  const closes = new Map<string, { task_id: string; status: string; closed_at: string; handled_by: string | null }>();
  const timerSets = new Map<string, typeof caseTimers.$inferInsert>();
  const timerCancels = new Set<string>();
  const own: PlannedWrites['own'] = [];
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
        else
          closes.set(effect.taskId, {
            task_id: effect.taskId,
            status: closed.status,
            closed_at: now.toISOString(),
            handled_by: closed.handledBy,
          });
        break;
      }
      case 'task.reassign': {
        const pending = opened.find((row) => row.taskId === effect.taskId);
        if (pending) pending.assignedUserId = effect.toUserId;
        else
          own.push(() => updateRows(db, caseTasks, { set: { assignedUserId: effect.toUserId }, where: { caseId: head.id, taskId: effect.taskId } }));
        break;
      }
      case 'task.pause':
      case 'task.resume': {
        const paused = effect.type === 'task.pause';
        const pending = opened.find((row) => row.taskId === effect.taskId);
        if (pending) pending.paused = paused;
        else
          own.push(() => updateRows(db, caseTasks, { set: { paused }, where: { caseId: head.id, taskId: effect.taskId } }));
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
        timerCancels.add(id);
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
  const timerValues = [...timerSets.values()];
  // A timer cancelled and set again (e.g. the case clock after a supplement) keeps its row: the upsert
  // gives it the new date. Only the others are deleted (one statement does not touch a row twice).
  const cancels = [...timerCancels].filter((id) => !timerSets.has(id));
  const parameter = JSON.stringify({
    closes: [...closes.values()],
    opens: opened.map((row) => ({
      id: row.id,
      task_id: row.taskId,
      node_id: row.nodeId,
      node_label: row.nodeLabel,
      kind: row.kind,
      task: row.task,
      region_code: row.regionCode,
      assigned_user_id: row.assignedUserId,
      role_ids: row.roleIds,
      post_ids: row.postIds,
      department_ids: row.departmentIds,
      user_ids: row.userIds,
      status: row.status,
      paused: row.paused,
      handled_by: row.handledBy,
      due_date: row.dueDate,
      yellow_date: row.yellowDate,
      red_date: row.redDate,
      opened_at: iso(row.openedAt),
      closed_at: iso(row.closedAt),
    })),
    history: history.map((row) => ({
      record_id: row.recordId,
      at: iso(row.at),
      action: row.action,
      stage: row.stage,
      node_id: row.nodeId,
      step: row.step,
      item_code: row.itemCode,
      item_name: row.itemName,
      department_id: row.departmentId,
      department_name: row.departmentName,
      office_name: row.officeName,
      handler_id: row.handlerId,
      handler_name: row.handlerName,
      step_status: row.stepStatus,
      opinion: row.opinion,
      attachments: row.attachments,
      message: row.message,
      promised_days: row.promisedDays,
    })),
    cancels,
    timers: timerValues.map((row) => ({
      id: row.id,
      timer_id: row.timerId,
      kind: row.kind,
      task_id: row.taskId,
      fire_at: iso(row.fireAt),
      fire_date: row.fireDate,
      created_at: iso(row.createdAt),
    })),
    audit: {
      at: now.toISOString(),
      actor: actor?.userId ?? 'system',
      action: options.auditAction,
      target: `case/${head.number}`,
      detail: options.auditDetail ?? {},
    },
  });
  return { parameter, own, after, scheduled: timerValues.map((value) => value.id!) };
}

type CaseStateWrite = { caseId: string; expectedVersion: number; state: CaseState; handlers?: Record<string, string>; now: Date; feeStatus?: string };

/** The case columns a transition sets. */
function caseStateColumns(options: CaseStateWrite) {
  return {
    ...caseColumnsFromState(options.state),
    ...(options.handlers ? { handlers: options.handlers } : {}),
    ...(options.feeStatus ? { feeStatus: options.feeStatus } : {}),
    updatedAt: options.now,
  };
}

/** Version-checked write of the case state; false when someone else changed the case first. */
export async function writeCaseState(
  tx: Db,
  options: CaseStateWrite,
): Promise<boolean> {
  const result = await updateRows(tx, cases, {
    set: caseStateColumns(options),
    where: { id: options.caseId, version: options.expectedVersion },
    returning: ['id'],
  });
  return rowsOf(result).length === 1;
}

/**
 * A transition's transaction: the version-checked case update is sent first and `body`'s writes go out
 * right behind it without waiting for its answer (queries on a transaction run in issue order), so they
 * share its round trip and the server runs them after the case row is locked and checked. The check
 * fails in the statement itself (`requireRow`) when someone else changed the case first, which aborts
 * the transaction on the server; so `body` may call `commit()` once it has sent its last statement and
 * COMMIT goes out in the same socket write (on PGlite and in a savepoint it does nothing, and the commit
 * happens when `body` returns). When the check failed the error is `conflict()` whatever `body` did (its
 * writes were made on a stale state and roll back with the transaction).
 */
export async function versionCheckedTransaction<T>(
  db: Db,
  options: { write: Parameters<typeof writeCaseState>[1]; conflict: () => Error },
  body: (tx: Db, commit: () => void) => Promise<T>,
): Promise<T> {
  const { write, conflict } = options;
  try {
    return await db.transaction(async (tx) => {
      const written = updateRows(tx, cases, { set: caseStateColumns(write), where: { id: write.caseId, version: write.expectedVersion }, requireRow: true });
      const [check, result] = await Promise.allSettled([written, body(tx, () => void commitEarly(tx))]);
      if (check.status === 'rejected') throw missingRow(check.reason) ? conflict() : check.reason;
      if (result.status === 'rejected') throw result.reason;
      return result.value;
    });
  } catch (error) {
    // After an early COMMIT the transaction reports its first failed statement: the check's.
    throw missingRow(error) ? conflict() : error;
  }
}
