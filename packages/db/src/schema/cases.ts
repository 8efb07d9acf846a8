import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 办件: one application accepted at a centre (R2). The engine's state is the source of truth for where
 * the case is; the other columns are denormalised from it for lists, reports and supervision.
 * `version` is the optimistic lock: every transition updates `where version = expected`.
 */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    /** Case number by the configured rule (see services/cases/case-number.ts). */
    number: text('number').notNull(),
    /** scrypt hash of the query password (查询密码) for public progress lookup. */
    queryPasswordHash: text('query_password_hash').notNull(),
    itemId: text('item_id').notNull(),
    itemVersion: integer('item_version').notNull(),
    itemName: text('item_name').notNull(),
    itemCode: text('item_code').notNull(),
    departmentId: text('department_id').notNull(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    formId: text('form_id'),
    formVersion: integer('form_version'),
    formRecordId: text('form_record_id'),
    /** `window` (front-desk registration) or `self` (self-registration at a kiosk/online, accepted at a window). */
    channel: text('channel').notNull(),
    applicantKind: text('applicant_kind').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdType: text('applicant_id_type').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    personId: text('person_id'),
    enterpriseId: text('enterprise_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    summary: text('summary'),
    centreId: text('centre_id').notNull(),
    regionCode: text('region_code').notNull(),
    acceptedBy: text('accepted_by').notNull(),
    /** running | concluded */
    status: text('status').notNull(),
    /** approved | rejected | withdrawn (engine outcome) or refused (不予受理). */
    outcome: text('outcome'),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull(),
    /** Department → the user handling the case there (P3 mode one). */
    handlers: jsonb('handlers').$type<Record<string, string>>().notNull().default({}),
    currentNodes: text('current_nodes').notNull().default(''),
    escalatedTo: text('escalated_to'),
    feeStatus: text('fee_status').notNull().default('none'),
    timeLimitDays: integer('time_limit_days'),
    acceptedAt: ts('accepted_at').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    yellowDate: date('yellow_date', { mode: 'string' }),
    redDate: date('red_date', { mode: 'string' }),
    paused: boolean('paused').notNull().default(false),
    pausedIntervals: jsonb('paused_intervals').$type<Array<{ kind: string; from: string; to?: string }>>().notNull().default([]),
    completedAt: ts('completed_at'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('cases_number_unique').on(table.number),
    index('cases_region_accepted_idx').on(table.regionCode, table.acceptedAt),
    index('cases_status_due_idx').on(table.status, table.dueDate),
    index('cases_department_idx').on(table.departmentId, table.acceptedAt),
    index('cases_applicant_idx').on(table.applicantIdNumber),
    // Roll-up maintenance (issue 9): one item's month. (Which months changed is recorded by triggers in
    // `case_rollup_changes`, not by an index on `updated_at`: a transition then changes no indexed column
    // and PostgreSQL updates the row in place in its page (a HOT update, no index entries written).)
    index('cases_item_accepted_idx').on(table.itemId, table.acceptedAt),
  ],
);

/** Work waiting for (or done by) a person: one row per engine task. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    /** The engine's task id (unique within the case). */
    taskId: text('task_id').notNull(),
    nodeId: text('node_id').notNull(),
    nodeLabel: text('node_label').notNull(),
    kind: text('kind').notNull(),
    /** The engine task as opened (assignee rule, region, named user). */
    task: jsonb('task').$type<Record<string, unknown>>().notNull(),
    regionCode: text('region_code').notNull(),
    assignedUserId: text('assigned_user_id'),
    roleIds: text('role_ids').array().notNull().default([]),
    postIds: text('post_ids').array().notNull().default([]),
    departmentIds: text('department_ids').array().notNull().default([]),
    userIds: text('user_ids').array().notNull().default([]),
    /** open | completed | cancelled | returned | withdrawn | escalated */
    status: text('status').notNull(),
    paused: boolean('paused').notNull().default(false),
    handledBy: text('handled_by'),
    dueDate: date('due_date', { mode: 'string' }),
    yellowDate: date('yellow_date', { mode: 'string' }),
    redDate: date('red_date', { mode: 'string' }),
    openedAt: ts('opened_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (table) => [
    uniqueIndex('case_tasks_case_task_unique').on(table.caseId, table.taskId),
    // Partial indexes (issue 9): a task enters only the indexes of the lists it can appear in, so opening
    // a task and closing it each write as few index entries as possible.
    index('case_tasks_open_region_idx').on(table.regionCode).where(sql`${table.status} = 'open'`),
    index('case_tasks_handled_by_idx').on(table.handledBy, table.closedAt).where(sql`${table.handledBy} is not null`),
    index('case_tasks_assigned_idx')
      .on(table.assignedUserId)
      .where(sql`${table.status} = 'open' and ${table.assignedUserId} is not null`),
    // 待办 (issue 9): the open tasks naming any of a person's roles, posts, departments or the person
    // (the ids have distinct prefixes, so one array holds all four lists)
    index('case_tasks_open_assignees_idx')
      .using('gin', sql`(${table.roleIds} || ${table.postIds} || ${table.departmentIds} || ${table.userIds})`)
      .where(sql`${table.status} = 'open'`),
  ],
);

/** 办件过程库 (R9.2): one row per step record, with the fields supervision feeds expect. */
export const caseHistory = pgTable(
  'case_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id').notNull(),
    /** Engine record id (`h-n`); unique within the case. */
    recordId: text('record_id').notNull(),
    at: ts('at').notNull(),
    action: text('action').notNull(),
    /** Supervision stage: 申办, 受理, 不予受理, 承办, 审核, 批准, 办结, 补齐补正告知 … */
    stage: text('stage'),
    nodeId: text('node_id'),
    /** 环节 */
    step: text('step'),
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    departmentId: text('department_id'),
    departmentName: text('department_name'),
    /** 办理机构 (the handler's organisation, e.g. a window). */
    officeName: text('office_name'),
    handlerId: text('handler_id'),
    handlerName: text('handler_name'),
    /** 环节状态: 已办理 / 退回 / 暂停计时 / 恢复计时 / 已办结 … */
    stepStatus: text('step_status').notNull(),
    opinion: text('opinion'),
    attachments: jsonb('attachments').$type<Array<{ name: string; ref?: string }>>().notNull().default([]),
    message: text('message').notNull(),
    promisedDays: integer('promised_days'),
    riskKind: text('risk_kind'),
    riskDescription: text('risk_description'),
    controlMeasure: text('control_measure'),
  },
  (table) => [uniqueIndex('case_history_record_unique').on(table.caseId, table.recordId), index('case_history_at_idx').on(table.at)],
);

/** 自然人库 (R9.6), filled by cases and reused by later ones. */
export const persons = pgTable('persons', {
  id: text('id').primaryKey(),
  idNumber: text('id_number').notNull().unique('persons_id_number_unique'),
  name: text('name').notNull(),
  sex: text('sex'),
  birthDate: date('birth_date', { mode: 'string' }),
  address: text('address'),
  occupation: text('occupation'),
  phone: text('phone'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** 法人库 (R9.5). */
export const enterprises = pgTable('enterprises', {
  id: text('id').primaryKey(),
  creditCode: text('credit_code').notNull().unique('enterprises_credit_code_unique'),
  name: text('name').notNull(),
  foundedOn: date('founded_on', { mode: 'string' }),
  legalRepresentative: text('legal_representative'),
  address: text('address'),
  phone: text('phone'),
  businessScope: text('business_scope'),
  taxInfo: jsonb('tax_info').$type<Record<string, unknown>>(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Materials received with a case (checklist from the item; reused from earlier cases of the applicant). */
export const caseMaterials = pgTable(
  'case_materials',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    materialId: text('material_id').notNull(),
    name: text('name').notNull(),
    provided: boolean('provided').notNull(),
    medium: text('medium'),
    fileRef: text('file_ref'),
    reusedFromCaseId: text('reused_from_case_id'),
    applicantIdNumber: text('applicant_id_number').notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (table) => [index('case_materials_case_idx').on(table.caseId), index('case_materials_applicant_idx').on(table.applicantIdNumber, table.name)],
);

/** One bill per case (一单式, R2.9). Amounts in fen. */
export const feeBills = pgTable('fee_bills', {
  id: text('id').primaryKey(),
  caseId: text('case_id').notNull().unique('fee_bills_case_unique'),
  /** One line per item fee: standard per unit × quantity (a fee per 件 has quantity 1). */
  lines: jsonb('lines').$type<Array<{ feeId: string; name: string; basis: string; unit: string; unitFen: number; quantity: number; amountFen: number; waivable: boolean }>>().notNull(),
  totalFen: integer('total_fen').notNull(),
  /** unpaid | paid | waived */
  status: text('status').notNull(),
  /** none | requested | approved | refused */
  waiverStatus: text('waiver_status').notNull().default('none'),
  waiverReason: text('waiver_reason'),
  waiverRequestedBy: text('waiver_requested_by'),
  waiverDecidedBy: text('waiver_decided_by'),
  waiverDecisionNote: text('waiver_decision_note'),
  createdAt: ts('created_at').notNull(),
  settledAt: ts('settled_at'),
});

export const feePayments = pgTable(
  'fee_payments',
  {
    id: text('id').primaryKey(),
    billId: text('bill_id').notNull(),
    caseId: text('case_id').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** cash | transfer | provider */
    method: text('method').notNull(),
    receiptNo: text('receipt_no').notNull(),
    recordedBy: text('recorded_by').notNull(),
    at: ts('at').notNull(),
  },
  (table) => [index('fee_payments_case_idx').on(table.caseId), index('fee_payments_at_idx').on(table.at)],
);

/**
 * The engine's yellow/red timers. A row is written in the transition's transaction and deleted when the
 * engine cancels it; the minute sweep (pg-boss cron queue `case-timer-sweep`) hands rows still
 * `scheduled` whose `fire_at` has come to the supervision handler and marks them `fired` (or
 * `cancelled` when the task has closed meanwhile). The partial index serves that sweep. The id is
 * `<case id>:<timer id>`, so it is also the (case, timer) key.
 */
export const caseTimers = pgTable(
  'case_timers',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    timerId: text('timer_id').notNull(),
    kind: text('kind').notNull(),
    taskId: text('task_id'),
    fireAt: ts('fire_at').notNull(),
    fireDate: date('fire_date', { mode: 'string' }).notNull(),
    /** scheduled | cancelled | fired */
    status: text('status').notNull(),
    /**
     * Unused since the sweep replaced one pg-boss job per timer (migration 0017). Kept so that backups
     * written by earlier versions, which carry the column, still restore into this schema.
     */
    jobId: text('job_id'),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [
    index('case_timers_due_idx').on(table.fireAt).where(sql`${table.status} = 'scheduled'`),
  ],
);

/** Per-prefix counters for case numbers; `insert … on conflict do update … returning` is atomic. */
export const caseNumberSequences = pgTable('case_number_sequences', {
  prefix: text('prefix').primaryKey(),
  last: integer('last').notNull(),
});

/** Notices (受理/不予受理/补正/办结通知书) generated for a case. */
export const caseNotices = pgTable(
  'case_notices',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    /** acceptance | refusal | supplement | completion */
    kind: text('kind').notNull(),
    templateId: text('template_id'),
    templateVersion: integer('template_version'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** PDF bytes as base64 (null when rendering was not possible; `error` says why). */
    pdfBase64: text('pdf_base64'),
    error: text('error'),
    createdAt: ts('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [index('case_notices_case_idx').on(table.caseId)],
);

/** 关注: cases a user watches. */
export const caseWatches = pgTable(
  'case_watches',
  {
    userId: text('user_id').notNull(),
    caseId: text('case_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'case_watches_pk', columns: [table.userId, table.caseId] })],
);
