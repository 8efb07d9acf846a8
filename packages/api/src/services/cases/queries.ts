import { TRPCError } from '@trpc/server';
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { caseHistory, caseMaterials, caseNotices, cases, caseTasks, caseWatches, containsPattern, feeBills, feePayments, getFormRecord, openFormTable, readAllDocuments, type Db } from '@xlgl/db';
import { availableActions, canHandleTask, windowAssignee, type CaseState, type Task } from '@xlgl/engine';
import { nodeView, valuesForView, type FieldPermission, type FlowNode, type FormView, type HumanStepSettings } from '@xlgl/schema';
import { assertMayAct, isSuperior, mayView, permissionModeOf } from './access.js';
import { readDocumentVersion, type DeskActor, type FlowDocument, type FormDocument, type ItemDocument } from './runtime.js';
import { deliveryOf, mayDeliver, openDeliveryTask } from './delivery.js';

/** Time status colour of a deadline on a day (green / yellow / red). */
export function timeStatus(dates: { yellowDate: string | null; redDate: string | null }, today: string): 'green' | 'yellow' | 'red' | 'none' {
  if (!dates.redDate) return 'none';
  if (today >= dates.redDate) return 'red';
  if (dates.yellowDate && today >= dates.yellowDate) return 'yellow';
  return 'green';
}

export const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Progress on the flow diagram (ProgressView): done, current and skipped nodes with who acted when. */
function progressOf({ flow, state, history, names }: { flow: FlowDocument; state: CaseState; history: Array<{ nodeId: string | null; action: string; handlerId: string | null; handlerName: string | null; at: Date }>; names: Map<string, string> }) {
  const nodes: Record<string, { status: 'done' | 'current' | 'pending' | 'skipped'; actors?: Array<{ name: string; at: string }>; limitDays?: number }> = {};
  for (const entry of history) {
    if (!entry.nodeId) continue;
    const node = (nodes[entry.nodeId] ??= { status: 'done', actors: [] });
    if (entry.handlerId) node.actors!.push({ name: entry.handlerName ?? names.get(entry.handlerId) ?? entry.handlerId, at: new Date(entry.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16) });
  }
  for (const task of state.tasks) nodes[task.nodeId] = { ...(nodes[task.nodeId] ?? {}), status: 'current', ...(task.timeLimitDays !== undefined ? { limitDays: task.timeLimitDays } : {}) };
  if (state.status === 'concluded') for (const node of flow.nodes) if (node.type === 'end' && history.some((entry) => entry.action === 'conclude')) nodes[node.id] = { status: 'done' };
  return { nodes };
}

/**
 * 一表制 view of the one form for one person: the node's field permissions (what this step edits),
 * and sections owned by other departments hidden — except for the lead department, windows and
 * superiors, who see every branch's section (read-only).
 */
export function oneTableView(options: { form: FormDocument; permissions: Record<string, FieldPermission>; actor: DeskActor; leadDepartmentId: string; superior: boolean }): FormView {
  const view = nodeView(options.permissions);
  const { actor } = options;
  const seesAll = options.superior || actor.organizationIds.includes(options.leadDepartmentId) || actor.roleIds.includes('role-window');
  if (seesAll) return view;
  const sections: Record<string, FieldPermission> = {};
  for (const section of options.form.sections) {
    if (section.ownerDepartmentId && !actor.organizationIds.includes(section.ownerDepartmentId)) sections[section.id] = 'hidden';
  }
  return { ...view, sections };
}

/** A bound on one handler's open-task candidates (far above any real workload; the 10 M-case bench's busiest has 2,322). */
const todoCandidateLimit = 20_000;

export type InboxInput = { box: 'todo' | 'supplements' | 'done' | 'watched' | 'all'; search?: string; itemId?: string; status?: 'green' | 'yellow' | 'red'; page: number; pageSize: number };

/** 待办 / 待补正 (windows) / 已办 / 关注 (and, for superiors, 全部) with time-status colours, filters and paging. */
export async function inbox(db: Db, options: { actor: DeskActor; capabilities: readonly string[]; now: Date; input: InboxInput }) {
  const { actor, input } = options;
  const today = chinaToday(options.now);
  const search = input.search?.trim();
  const pattern = search ? containsPattern(search) : undefined;
  const searchCondition = pattern ? or(sql`${cases.number} like ${pattern}`, sql`${cases.applicantName} like ${pattern}`, sql`${cases.itemName} like ${pattern}`) : undefined;
  const filters: (SQL | undefined)[] = [searchCondition, input.itemId ? eq(cases.itemId, input.itemId) : undefined];
  const caseColumns = { caseId: cases.id, number: cases.number, itemId: cases.itemId, itemName: cases.itemName, applicantName: cases.applicantName, status: cases.status, outcome: cases.outcome, currentNodes: cases.currentNodes, acceptedAt: cases.acceptedAt, caseDueDate: cases.dueDate, caseYellowDate: cases.yellowDate, caseRedDate: cases.redDate, paused: cases.paused, version: cases.version, handlers: cases.handlers, regionCode: cases.regionCode, escalatedTo: cases.escalatedTo, acceptedBy: cases.acceptedBy, feeStatus: cases.feeStatus };
  type Row = { caseId: string; taskId?: string | null; nodeLabel?: string | null; yellowDate?: string | null; redDate?: string | null; dueDate?: string | null; openedAt?: Date | null } & { [K in keyof typeof caseColumns]: unknown };
  if (input.box === 'todo') {
    // Pre-filter in SQL by region and assignee lists, then apply the exact rule and the P3 mode.
    // One indexed query: the open tasks assigned to the person, or naming any of their roles, posts,
    // departments or themselves (case_tasks_open_assignees_idx, the same array expression).
    const ownIds = [...actor.roleIds, ...(actor.postIds ?? []), ...actor.organizationIds, actor.userId];
    const where = and(
      eq(caseTasks.status, 'open'),
      or(
        eq(caseTasks.assignedUserId, actor.userId),
        and(
          sql`${caseTasks.assignedUserId} is null`,
          sql`(${caseTasks.roleIds} || ${caseTasks.postIds} || ${caseTasks.departmentIds} || ${caseTasks.userIds}) && ${toArray(ownIds)}`,
          or(
            and(eq(caseTasks.regionCode, actor.regionCode), or(sql`${caseTasks.roleIds} && ${toArray(actor.roleIds)}`, sql`${caseTasks.postIds} && ${toArray(actor.postIds ?? [])}`, sql`${caseTasks.departmentIds} && ${toArray(actor.organizationIds)}`)),
            sql`${caseTasks.userIds} @> ${toArray([actor.userId])}`,
          ),
        ),
      ),
      ...filters,
    );
    // First only what the exact rule, the P3 mode and the colour need, for every candidate (a busy
    // department's handler can hold thousands of open tasks: the total must count them all) …
    const candidates = await db
      .select({ id: caseTasks.id, task: caseTasks.task, regionCode: cases.regionCode, escalatedTo: cases.escalatedTo, acceptedBy: cases.acceptedBy, handlers: cases.handlers, status: cases.status, yellowDate: sql<string | null>`coalesce(${caseTasks.yellowDate}, ${cases.yellowDate})`, redDate: sql<string | null>`coalesce(${caseTasks.redDate}, ${cases.redDate})` })
      .from(caseTasks)
      .innerJoin(cases, eq(cases.id, caseTasks.caseId))
      .where(where)
      .orderBy(asc(caseTasks.openedAt), asc(caseTasks.id))
      .limit(todoCandidateLimit);
    const mine = candidates.filter((row) => {
      if (input.status && (row.status !== 'running' || timeStatus({ yellowDate: row.yellowDate, redDate: row.redDate }, today) !== input.status)) return false;
      try {
        assertMayAct({ actor, row: { regionCode: row.regionCode, escalatedTo: row.escalatedTo, acceptedBy: row.acceptedBy, handlers: row.handlers }, task: row.task as unknown as Task });
        return true;
      } catch {
        return false;
      }
    });
    // … then the page's rows in full.
    const pageIds = mine.slice((input.page - 1) * input.pageSize, input.page * input.pageSize).map((row) => row.id);
    const full =
      pageIds.length === 0
        ? []
        : await db
            .select({ ...caseColumns, id: caseTasks.id, taskId: caseTasks.taskId, nodeLabel: caseTasks.nodeLabel, yellowDate: caseTasks.yellowDate, redDate: caseTasks.redDate, dueDate: caseTasks.dueDate, openedAt: caseTasks.openedAt })
            .from(caseTasks)
            .innerJoin(cases, eq(cases.id, caseTasks.caseId))
            .where(inArray(caseTasks.id, pageIds));
    const byId = new Map(full.map((row) => [row.id, row]));
    return { rows: shapeInboxRows(pageIds.flatMap((id) => byId.get(id) ?? []) as Row[], today), total: mine.length };
  } else if (input.box === 'supplements') {
    // 待补正: the centre's cases whose clock stopped for supplements, for the windows that receive
    // them. Which cases wait (an open 补正 pause on an open task) and who may view them are read
    // from the case state in SQL, so the box counts and pages every one (issue: it used to stop at
    // 2,000 a centre).
    if (!actor.roleIds.includes('role-window') || !options.capabilities.includes('desk.accept')) return { rows: [], total: 0 };
    const where = and(
      eq(cases.status, 'running'),
      eq(cases.paused, true),
      eq(cases.regionCode, actor.regionCode),
      sql`exists (select 1 from ${supplementWaits} as waits)`,
      isSuperior(options.capabilities) ? undefined : mayViewInSql(actor),
      ...filters,
      input.status ? caseTimeStatusIs(input.status, today) : undefined,
    );
    const offset = (input.page - 1) * input.pageSize;
    // The first waiting task's pause: which task the row opens, and since when it waits.
    const openedAt = sql<Date | string>`(select waits.opened_at from ${supplementWaits} as waits order by waits.position limit 1)`;
    const [page, [counted]] = await Promise.all([
      db
        .select({
          ...caseColumns,
          taskId: sql<string>`(select waits.task_id from ${supplementWaits} as waits order by waits.position limit 1)`,
          nodeLabel: sql<string>`(select string_agg(waits.label, '、' order by waits.position) || '（待补正）' from ${supplementWaits} as waits)`,
          openedAt,
        })
        .from(cases)
        .where(where)
        .orderBy(asc(openedAt), asc(cases.acceptedAt), asc(cases.id))
        .limit(input.pageSize)
        .offset(offset),
      db.select({ total: count() }).from(cases).where(where),
    ]);
    return { rows: shapeInboxRows(page.map((row) => ({ ...row, openedAt: new Date(row.openedAt) })) as Row[], today), total: counted?.total ?? 0 };
  } else {
    // 已办 / 关注 / 全部: the case's own dates give the colour, so filter, count and page in SQL (a
    // department's 全部 runs to hundreds of thousands of cases at league scale).
    const statusFilter = input.status ? caseTimeStatusIs(input.status, today) : undefined;
    const offset = (input.page - 1) * input.pageSize;
    if (input.box === 'done') {
      const handled = db
        .selectDistinctOn([caseTasks.caseId], { caseId: caseTasks.caseId, closedAt: caseTasks.closedAt })
        .from(caseTasks)
        .where(eq(caseTasks.handledBy, actor.userId))
        .orderBy(caseTasks.caseId, desc(caseTasks.closedAt))
        .as('handled');
      const where = and(...filters, statusFilter);
      const [page, [counted]] = await Promise.all([
        db.select({ ...caseColumns, openedAt: handled.closedAt }).from(handled).innerJoin(cases, eq(cases.id, handled.caseId)).where(where).orderBy(desc(handled.closedAt), asc(cases.id)).limit(input.pageSize).offset(offset),
        db.select({ total: count() }).from(handled).innerJoin(cases, eq(cases.id, handled.caseId)).where(where),
      ]);
      return { rows: shapeInboxRows(page as Row[], today), total: counted?.total ?? 0 };
    }
    if (input.box === 'watched') {
      const where = and(eq(caseWatches.userId, actor.userId), ...filters, statusFilter);
      const [page, [counted]] = await Promise.all([
        db.select({ ...caseColumns, openedAt: caseWatches.createdAt }).from(caseWatches).innerJoin(cases, eq(cases.id, caseWatches.caseId)).where(where).orderBy(desc(caseWatches.createdAt), asc(cases.id)).limit(input.pageSize).offset(offset),
        db.select({ total: count() }).from(caseWatches).innerJoin(cases, eq(cases.id, caseWatches.caseId)).where(where),
      ]);
      return { rows: shapeInboxRows(page as Row[], today), total: counted?.total ?? 0 };
    }
    if (!isSuperior(options.capabilities)) throw new TRPCError({ code: 'FORBIDDEN', message: '只有部门负责人可以查看本中心全部办件' });
    const where = and(or(eq(cases.regionCode, actor.regionCode), eq(cases.escalatedTo, actor.regionCode)), ...filters, statusFilter);
    const [page, [counted]] = await Promise.all([
      db.select(caseColumns).from(cases).where(where).orderBy(desc(cases.acceptedAt), asc(cases.id)).limit(input.pageSize).offset(offset),
      db.select({ total: count() }).from(cases).where(where),
    ]);
    return { rows: shapeInboxRows(page as Row[], today), total: counted?.total ?? 0 };
  }
}

/**
 * The open tasks of the case in the current row whose clock a 补正 pause stopped (as engine state:
 * `task.pausedBy` names a supplement pause without an end), in task order.
 */
const supplementWaits = sql`(
  select task.value->>'id' as task_id, task.value->>'label' as label, task.position, (pause.value->>'fromAt')::timestamptz as opened_at
  from jsonb_array_elements(${cases.state}->'tasks') with ordinality as task(value, position)
  join jsonb_array_elements(${cases.state}->'pauses') as pause(value)
    on pause.value->>'id' = task.value->>'pausedBy' and pause.value->>'kind' = 'supplement' and pause.value->>'to' is null
)`;

/** Who handles a task without an assignee rule: the engine's own default (the centre's windows). */
const windowRule = windowAssignee;

/** A JSON array of ids as text[] (an absent list is empty). */
const idsOf = (json: SQL) => sql`array(select jsonb_array_elements_text(coalesce(${json}, '[]'::jsonb)))`;

/**
 * `mayView` (access.ts) for someone who is not a superior, in SQL over the row of `cases`: the
 * actor accepted or handled the case, holds it in a department (P3 mode one), or may handle one
 * of its open tasks (`canHandleTask`, and in mode one a handler slot free or theirs).
 */
function mayViewInSql(actor: DeskActor): SQL {
  const ownCase = permissionModeOf(actor) === 'own-case';
  const rule = sql`coalesce(task.value->'assignee', ${JSON.stringify(windowRule)}::jsonb)`;
  const overlaps = (list: string, mine: string[]) => sql`(cardinality(${idsOf(sql`${rule}->${list}`)}) = 0 or ${idsOf(sql`${rule}->${list}`)} && ${toArray(mine)})`;
  const primary = sql`${rule}->(case ${rule}->>'by' when 'role' then 'roleIds' when 'post' then 'postIds' else 'departmentIds' end)`;
  const matchesRule = sql`(case when ${rule}->>'by' = 'users' then ${idsOf(sql`${rule}->'userIds'`)} @> ${toArray([actor.userId])}
    else task.value->>'regionCode' = ${actor.regionCode} and ${overlaps('roleIds', actor.roleIds)} and ${overlaps('postIds', actor.postIds ?? [])} and ${overlaps('departmentIds', actor.organizationIds)} and jsonb_array_length(coalesce(${primary}, '[]'::jsonb)) > 0 end)`;
  const canHandle = sql`(case when task.value->>'assignedUserId' is not null then task.value->>'assignedUserId' = ${actor.userId} else ${matchesRule} end)`;
  // handlerKey(actor.unitId, task): the slot of the task's assignee pool in the actor's unit.
  const assignee = sql`task.value->'assignee'`;
  const slot = sql`${actor.unitId} || '|' || coalesce(${assignee}->>'by', 'role') || ':' || case when ${assignee} is null then 'role-window' else (
    select coalesce(string_agg(id, ',' order by id collate "C"), '') from jsonb_array_elements_text(coalesce(${assignee}->'postIds', '[]'::jsonb) || coalesce(${assignee}->'roleIds', '[]'::jsonb) || coalesce(${assignee}->'departmentIds', '[]'::jsonb) || coalesce(${assignee}->'userIds', '[]'::jsonb)) as ids(id)
  ) end`;
  const slotFree = ownCase ? sql`(task.value->>'assignedUserId' is not null or coalesce(${cases.handlers}->>(${slot}), ${actor.userId}) = ${actor.userId})` : sql`true`;
  return or(
    eq(cases.acceptedBy, actor.userId),
    sql`exists (select 1 from ${caseTasks} where ${caseTasks.caseId} = ${cases.id} and ${caseTasks.handledBy} = ${actor.userId})`,
    ownCase ? sql`exists (select 1 from jsonb_each_text(${cases.handlers}) as handler(slot, user_id) where handler.user_id = ${actor.userId})` : undefined,
    sql`exists (select 1 from jsonb_array_elements(${cases.state}->'tasks') as task(value) where ${canHandle} and ${slotFree})`,
  )!;
}

type InboxRow = {
  caseId: string;
  taskId?: string | null;
  nodeLabel?: string | null;
  yellowDate?: string | null;
  redDate?: string | null;
  dueDate?: string | null;
  openedAt?: Date | null;
  [column: string]: unknown;
};

/** `timeStatus` in SQL over the case's own dates (running cases only), for boxes paged in SQL. */
function caseTimeStatusIs(status: 'green' | 'yellow' | 'red', today: string): SQL {
  const running = sql`${cases.status} = 'running' and ${cases.redDate} is not null`;
  if (status === 'red') return sql`(${running} and ${cases.redDate} <= ${today}::date)`;
  if (status === 'yellow') return sql`(${running} and ${cases.redDate} > ${today}::date and ${cases.yellowDate} <= ${today}::date)`;
  return sql`(${running} and ${cases.redDate} > ${today}::date and (${cases.yellowDate} is null or ${cases.yellowDate} > ${today}::date))`;
}

function shapeInboxRows(rows: InboxRow[], today: string) {
  return rows.map((row) => {
    const yellow = (row.yellowDate ?? row.caseYellowDate) as string | null;
    const red = (row.redDate ?? row.caseRedDate) as string | null;
    return {
      caseId: row.caseId,
      number: row.number as string,
      itemName: row.itemName as string,
      applicantName: row.applicantName as string,
      status: row.status as string,
      outcome: row.outcome as string | null,
      currentNodes: row.currentNodes as string,
      taskId: row.taskId ?? null,
      taskLabel: row.nodeLabel ?? null,
      acceptedAt: (row.acceptedAt as Date).toISOString(),
      dueDate: (row.dueDate ?? row.caseDueDate ?? null) as string | null,
      paused: Boolean(row.paused),
      feeStatus: row.feeStatus as string,
      version: row.version as number,
      timeStatus: row.status === 'running' ? timeStatus({ yellowDate: yellow, redDate: red }, today) : ('none' as const),
    };
  });
}

function toArray(values: string[]) {
  return sql`ARRAY[${sql.join(values.length ? values.map((value) => sql`${value}`) : [sql`''`], sql`, `)}]::text[]`;
}

/**
 * The case screen: applicant, the form in the view of the actor's current node (一表制: a department
 * sees its view), materials, flow + progress, history, notices, fee bill and exactly the actions the
 * engine offers the actor (after the P3 mode).
 */
export async function caseDetail(db: Db, options: { actor: DeskActor; capabilities: readonly string[]; now: Date; caseId: string }) {
  const { actor } = options;
  const [row] = await db.select().from(cases).where(eq(cases.id, options.caseId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '办件不存在' });
  const state = row.state as unknown as CaseState;
  const handledRows = await db.select({ taskId: caseTasks.taskId, nodeId: caseTasks.nodeId }).from(caseTasks).where(and(eq(caseTasks.caseId, row.id), eq(caseTasks.handledBy, actor.userId)));
  const access = { regionCode: row.regionCode, escalatedTo: row.escalatedTo, acceptedBy: row.acceptedBy, handlers: row.handlers };
  const superior = isSuperior(options.capabilities);
  // 送达: the open delivery task (after 办结) lets the accepting centre's windows see and deliver the case.
  const delivery = deliveryOf(row.result);
  const deliveryTask = delivery?.status === 'pending' ? await openDeliveryTask(db, row.id) : null;
  const openTasks = deliveryTask ? [...state.tasks, deliveryTask] : state.tasks;
  if (!mayView({ actor, capabilities: options.capabilities, row: access, openTasks, handledByActor: handledRows.length > 0 })) {
    throw new TRPCError({ code: 'FORBIDDEN', message: permissionModeOf(actor) === 'own-case' ? '您不是该办件的经办人，无权查看（权限模式一）' : '您不是该办件任何环节的经办人，无权查看（权限模式二）' });
  }
  const flow = await readDocumentVersion<FlowDocument>(db, 'flow', row.flowId, row.flowVersion);
  const item = await readDocumentVersion<ItemDocument>(db, 'item', row.itemId, row.itemVersion);
  const actions = availableActions(flow, state, actor).filter((action) => {
    if (!action.taskId) return true;
    const task = state.tasks.find((entry) => entry.id === action.taskId)!;
    try {
      assertMayAct({ actor, row: access, task });
      return true;
    } catch {
      return false;
    }
  });
  // The form in the view of the node the actor works on (read-only for others; superiors read all).
  const myTask = state.tasks.find((task) => actions.some((action) => action.taskId === task.id));
  const node = myTask ? (flow.nodes.find((entry) => entry.id === myTask.nodeId) as FlowNode | undefined) : undefined;
  const permissions = ((node?.settings ?? {}) as Partial<HumanStepSettings>).fieldPermissions ?? {};
  let form: { document: FormDocument; values: Record<string, unknown>; view: FormView } | null = null;
  if (row.formId && row.formRecordId) {
    const table = await openFormTable(db, row.formId);
    const record = await getFormRecord(db, table, row.formRecordId);
    const view = oneTableView({ form: table.form, permissions, actor, leadDepartmentId: item.bundle?.leadDepartmentId ?? item.departmentId, superior });
    form = { document: table.form, values: valuesForView(table.form, record?.values ?? {}, view), view };
  }
  const ownStage = permissionModeOf(actor) === 'own-stage' && !superior && row.acceptedBy !== actor.userId;
  const visibleNodes = new Set([...handledRows.map((entry) => entry.nodeId), ...state.tasks.filter((task) => canHandleTask(task, actor)).map((task) => task.nodeId)]);
  const history = (await db.select().from(caseHistory).where(eq(caseHistory.caseId, row.id)).orderBy(asc(caseHistory.at), asc(caseHistory.id))).filter(
    (entry) => !ownStage || !entry.nodeId || visibleNodes.has(entry.nodeId),
  );
  const materials = await db.select().from(caseMaterials).where(eq(caseMaterials.caseId, row.id));
  const notices = await db.select({ id: caseNotices.id, kind: caseNotices.kind, createdAt: caseNotices.createdAt, templateId: caseNotices.templateId, error: caseNotices.error }).from(caseNotices).where(eq(caseNotices.caseId, row.id)).orderBy(asc(caseNotices.createdAt));
  const [bill] = await db.select().from(feeBills).where(eq(feeBills.caseId, row.id));
  const payments = bill ? await db.select().from(feePayments).where(eq(feePayments.caseId, row.id)) : [];
  const [watch] = await db.select().from(caseWatches).where(and(eq(caseWatches.caseId, row.id), eq(caseWatches.userId, actor.userId)));
  const userIds = [...new Set(history.map((entry) => entry.handlerId).filter((id): id is string => !!id))];
  const users = userIds.length ? await readAllDocuments(db, ['user']) : [];
  const names = new Map(users.map((user) => [user.id, String(user.body.name)]));
  const today = chinaToday(options.now);
  return {
    case: {
      id: row.id,
      number: row.number,
      itemId: row.itemId,
      itemName: row.itemName,
      itemCode: row.itemCode,
      channel: row.channel,
      applicant: { kind: row.applicantKind, name: row.applicantName, idType: row.applicantIdType, idNumber: row.applicantIdNumber, contactName: row.contactName, contactPhone: row.contactPhone },
      summary: row.summary,
      status: row.status,
      outcome: row.outcome,
      version: row.version,
      acceptedAt: row.acceptedAt.toISOString(),
      dueDate: row.dueDate,
      completedAt: row.completedAt?.toISOString() ?? null,
      paused: row.paused,
      escalatedTo: row.escalatedTo,
      feeStatus: row.feeStatus,
      result: row.result,
      timeStatus: row.status === 'running' ? timeStatus({ yellowDate: row.yellowDate, redDate: row.redDate }, today) : ('none' as const),
    },
    item: { id: item.id, name: item.name, materials: item.materials, caseType: item.caseType, timeLimit: item.timeLimit },
    flow,
    progress: progressOf({ flow, state, history, names }),
    tasks: state.tasks.map((task) => ({ id: task.id, nodeId: task.nodeId, label: task.label, paused: Boolean(task.pausedBy), escalated: Boolean(task.escalated), assignedUserId: task.assignedUserId ?? null, dueDate: task.dueDate ?? null, timeStatus: timeStatus({ yellowDate: task.yellowDate ?? null, redDate: task.redDate ?? null }, today) })),
    actions,
    form,
    materials,
    history: history.map((entry) => ({ ...entry, at: entry.at.toISOString(), handlerName: entry.handlerName ?? (entry.handlerId ? (names.get(entry.handlerId) ?? entry.handlerId) : null) })),
    notices: notices.map((notice) => ({ ...notice, createdAt: notice.createdAt.toISOString() })),
    bill: bill ? { ...bill, createdAt: bill.createdAt.toISOString(), settledAt: bill.settledAt?.toISOString() ?? null, payments: payments.map((payment) => ({ ...payment, at: payment.at.toISOString() })) } : null,
    watched: Boolean(watch),
    superior,
    delivery: delivery ? { ...delivery, canDeliver: mayDeliver({ actor, row: access, task: deliveryTask }) } : null,
  };
}
