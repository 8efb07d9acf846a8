import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Publication reviews of items run by the flow engine (R1.2, R1.8). One row per review instance: a
 * submission (new item, change or abolition) starts an instance of the configured review flow's
 * published version; the engine's case state is kept here (`state`, plain JSON) with its version for
 * optimistic locking. A return to the submitter or a withdrawal concludes the instance; the next
 * submission starts a new one. At most one running instance per item.
 */
export const itemReviews = pgTable(
  'item_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: text('item_id').notNull(),
    /** The item revision under review (`item_revisions.revision`). */
    revision: integer('revision').notNull(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    /** Region of the centre whose review office runs the instance. */
    regionCode: text('region_code').notNull(),
    /** The engine's CaseState. */
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    /** `state.version`, for optimistic locking and queries. */
    version: integer('version').notNull(),
    /** `running` or `concluded`. */
    status: text('status', { enum: ['running', 'concluded'] }).notNull(),
    /** approved (published / abolished), rejected (returned to the submitter), withdrawn. */
    outcome: text('outcome'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    startedBy: text('started_by').notNull(),
    concludedAt: timestamp('concluded_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('item_reviews_running_uq').on(table.itemId).where(sql`${table.status} = 'running'`),
    index('item_reviews_item_idx').on(table.itemId, table.revision),
    index('item_reviews_status_region_idx').on(table.status, table.regionCode),
  ],
);

/**
 * Codes of sub-items (子项 / 办理项, R1.3): each sub-item of an item gets its own sub-item segment
 * (001, 002 …) once, at the first approval that includes it. Segments come from the item's
 * `sub:<itemId>` counter and rows are never deleted, so a segment — and its codes, which are also
 * primary keys of `item_codes` — is never reused, not even after the sub-item is removed.
 */
export const itemSubItemCodes = pgTable(
  'item_sub_item_codes',
  {
    itemId: text('item_id').notNull(),
    subItemId: text('sub_item_id').notNull(),
    /** 1 … 999: the 3-digit sub-item segment. */
    segment: integer('segment').notNull(),
    basic: text('basic').notNull(),
    implementation: text('implementation').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    assignedBy: text('assigned_by').notNull(),
  },
  (table) => [
    primaryKey({ name: 'item_sub_item_codes_pk', columns: [table.itemId, table.subItemId] }),
    unique('item_sub_item_codes_segment_uq').on(table.itemId, table.segment),
    unique('item_sub_item_codes_basic_uq').on(table.basic),
    unique('item_sub_item_codes_implementation_uq').on(table.implementation),
  ],
);
