import { bigint, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Maintained roll-up of cases for reports and the supervision dashboard at league scale (issue 9):
 * additive counters per month of acceptance (China time) × region × department × item × category ×
 * status × card. Running cases also keep their due date in the key, so "overdue as of today" stays
 * answerable from the roll-up on any day. Rebuilt month by month from `cases` (+ card facts and the
 * item's category) by `refreshCaseRollups` (services/rollups): whole months are recomputed, so a
 * refresh is idempotent and heals itself.
 */
export const caseRollupsMonthly = pgTable(
  'case_rollups_monthly',
  {
    /** The instant the month of acceptance starts in China time (e.g. 2026-05-31T16:00Z for 2026-06). */
    monthStart: ts('month_start').notNull(),
    regionCode: text('region_code').notNull(),
    departmentId: text('department_id').notNull(),
    itemId: text('item_id').notNull(),
    /** The item version's category ('' when the item document is missing). */
    category: text('category').notNull(),
    /** running | completed | refused (the report's case status). */
    status: text('status').notNull(),
    /** none | yellow | red (worst card of the case). */
    card: text('card').notNull(),
    /** Due date of running cases (null for concluded ones). */
    dueDate: text('due_date'),
    cases: integer('cases').notNull(),
    /** Concluded, not refused. */
    completed: integer('completed').notNull(),
    /** Completed on or before the due date. */
    onTime: integer('on_time').notNull(),
    /** Concluded (incl. refused) after the due date. */
    lateConcluded: integer('late_concluded').notNull(),
    workingDaysSum: doublePrecision('working_days_sum').notNull(),
    workingDaysCount: integer('working_days_count').notNull(),
  },
  (table) => [
    index('case_rollups_monthly_month_idx').on(table.monthStart, table.regionCode),
    index('case_rollups_monthly_item_idx').on(table.itemId, table.monthStart),
    // drill-through totals of one department (issue 9): its months without scanning every department's rows
    index('case_rollups_monthly_department_idx').on(table.departmentId, table.monthStart),
  ],
);

/** Book-keeping of a roll-up refresher: when it last ran and which months were still open then. */
export const rollupRefreshes = pgTable('rollup_refreshes', {
  name: text('name').primaryKey(),
  refreshedAt: ts('refreshed_at').notNull(),
  /** Months (YYYY-MM) that had running cases at the last refresh: re-checked next time. */
  openMonths: jsonb('open_months').$type<string[]>().notNull(),
});

/**
 * Roll-up groups (month of acceptance × item) whose cases changed in a way the roll-up counts: written
 * by triggers on `cases` (migration 0018) when a case is inserted or deleted, or when a column the
 * roll-up reads changes (status, outcome, due date, completion, acceptance, item, region, department).
 * Most transitions change none of these, and write nothing here. `refreshCaseRollups` deletes the rows
 * it has seen and recomputes their groups.
 */
export const caseRollupChanges = pgTable('case_rollup_changes', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  monthStart: ts('month_start').notNull(),
  itemId: text('item_id').notNull(),
});
