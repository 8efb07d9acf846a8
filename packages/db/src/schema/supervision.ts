import { bigint, date, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 红黄牌 and warnings (R3.6, R7): one row per finding, with the rule that raised it and the reason.
 * `dedupeKey` makes a rule's finding idempotent (a re-fired job or a re-run scan adds nothing).
 */
export const supervisionCards = pgTable(
  'supervision_cards',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    /** yellow | red */
    color: text('color').notNull(),
    /** Rule id, e.g. `time.case.red`, `irregular.refusal-without-reason`. */
    ruleId: text('rule_id').notNull(),
    reason: text('reason').notNull(),
    /** The engine task the finding concerns (step limits), if any. */
    taskId: text('task_id'),
    stepLabel: text('step_label'),
    regionCode: text('region_code').notNull(),
    departmentId: text('department_id').notNull(),
    itemId: text('item_id').notNull(),
    /** Users told about it (handler, supervisors). */
    notified: jsonb('notified').$type<string[]>().notNull().default([]),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('supervision_cards_dedupe_unique').on(table.dedupeKey),
    index('supervision_cards_case_idx').on(table.caseId),
    index('supervision_cards_region_created_idx').on(table.regionCode, table.createdAt),
    // Roll-up maintenance (issue 9): cards raised since the last refresh.
    index('supervision_cards_created_idx').on(table.createdAt),
  ],
);

/**
 * Per-case supervision facts maintained as cards and conclusions arrive: the worst card and the
 * working days used. Reports join it (one row per case) instead of aggregating cards per query;
 * it is also the seed of the roll-up tables the dashboard reads at league scale.
 */
export const supervisionCaseFacts = pgTable('supervision_case_facts', {
  caseId: text('case_id').primaryKey(),
  /** none | yellow | red */
  card: text('card').notNull().default('none'),
  cardCount: integer('card_count').notNull().default(0),
  /** Working days from acceptance to conclusion, pauses excluded (null while running). */
  workingDaysUsed: real('working_days_used'),
  updatedAt: ts('updated_at').notNull(),
});

/** 催办 / 督办 sent to a handler, and the handler's response. */
export const supervisionUrges = pgTable(
  'supervision_urges',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    /** urge (催办) | supervise (督办) */
    kind: text('kind').notNull(),
    /** manual | rule id that raised it (e.g. `urge.near-due`). */
    origin: text('origin').notNull(),
    fromUserId: text('from_user_id'),
    fromName: text('from_name'),
    toUserId: text('to_user_id').notNull(),
    toName: text('to_name').notNull(),
    message: text('message').notNull(),
    /** Date the handler should answer by (督办). */
    replyBy: date('reply_by', { mode: 'string' }),
    /** sent | read | responded */
    status: text('status').notNull(),
    response: text('response'),
    readAt: ts('read_at'),
    respondedAt: ts('responded_at'),
    regionCode: text('region_code').notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [
    index('supervision_urges_to_idx').on(table.toUserId, table.status),
    index('supervision_urges_case_idx').on(table.caseId),
    uniqueIndex('supervision_urges_dedupe_unique').on(table.dedupeKey),
  ],
);

/**
 * SMS outbox: every text goes here first (in the caller's transaction); a gateway adapter sends
 * pending rows and records the outcome. The local adapter only marks them as recorded.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: text('id').primaryKey(),
    mobile: text('mobile').notNull(),
    userId: text('user_id'),
    body: text('body').notNull(),
    /** What produced it: `card/<id>`, `urge/<id>`. */
    ref: text('ref').notNull(),
    /** pending | sent | recorded | failed */
    status: text('status').notNull(),
    gateway: text('gateway'),
    providerId: text('provider_id'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (table) => [index('sms_outbox_status_idx').on(table.status, table.createdAt), index('sms_outbox_ref_idx').on(table.ref)],
);

/** 重点项目 (R7.4): a case followed against planned milestones. */
export const keyProjects = pgTable('key_projects', {
  caseId: text('case_id').primaryKey(),
  name: text('name').notNull(),
  /** Milestones: a supervision stage (受理, 批准, 办结 …) or a step label, with its planned date. */
  milestones: jsonb('milestones').$type<Array<{ name: string; match: string; plannedDate: string }>>().notNull(),
  markedBy: text('marked_by').notNull(),
  regionCode: text('region_code').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Watermark of the irregularity scan over `case_history` (one row per scanner). */
export const supervisionCursors = pgTable('supervision_cursors', {
  name: text('name').primaryKey(),
  lastHistoryId: bigint('last_history_id', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});
