import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The item catalogue's lifecycle (R1). Published item versions live in `metadata_documents` (with
 * `metadata_heads` naming the version in force); this table holds every revision of an item as the
 * studio sees it: drafts, submissions, returns, approvals, and the revision behind each published or
 * abolished version. A change request is a new revision while the published version stays in force.
 */
export const itemRevisions = pgTable(
  'item_revisions',
  {
    itemId: text('item_id').notNull(),
    /** 1, 2, 3 … per item. */
    revision: integer('revision').notNull(),
    /** `create` (new item), `change` (change request), `abolish` (abolition request), `import` (shipped content). */
    changeType: text('change_type', { enum: ['create', 'change', 'abolish', 'import'] }).notNull(),
    /** Item status of this revision: draft, submitted, returned, approved, coded, published, superseded, abolished. */
    status: text('status').notNull(),
    /** The proposed item document. */
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    /** Copied from the body for filters and permission checks. */
    name: text('name').notNull(),
    departmentId: text('department_id').notNull(),
    /** The published metadata version this revision was started from (null for a new item). */
    baseVersion: integer('base_version'),
    /** The metadata version written when this revision was published (or abolished). */
    publishedVersion: integer('published_version'),
    abolishReason: text('abolish_reason'),
    /** Date the abolition takes effect (yyyy-MM-dd). */
    abolishDate: text('abolish_date'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedBy: text('submitted_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedBy: text('decided_by'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    primaryKey({ name: 'item_revisions_pk', columns: [table.itemId, table.revision] }),
    // At most one open (not yet published or abolished) revision per item.
    uniqueIndex('item_revisions_open_uq')
      .on(table.itemId)
      .where(sql`${table.status} in ('draft', 'submitted', 'returned', 'approved', 'coded')`),
    index('item_revisions_status_idx').on(table.status),
    index('item_revisions_department_idx').on(table.departmentId),
  ],
);

/** Every lifecycle step of every revision: who, when, from which status to which, and why. */
export const itemEvents = pgTable(
  'item_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: text('item_id').notNull(),
    revision: integer('revision').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    comment: text('comment'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index('item_events_item_idx').on(table.itemId, table.revision)],
);

/** Every code ever assigned. Rows are never deleted, so a code is never reused (R1.3). */
export const itemCodes = pgTable(
  'item_codes',
  {
    code: text('code').primaryKey(),
    /** `basic`, `implementation` or `handling`. */
    kind: text('kind', { enum: ['basic', 'implementation', 'handling'] }).notNull(),
    itemId: text('item_id').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    assignedBy: text('assigned_by').notNull(),
  },
  (table) => [
    uniqueIndex('item_codes_single_uq')
      .on(table.itemId, table.kind)
      .where(sql`${table.kind} in ('basic', 'implementation')`),
  ],
);

/** The stable 3-digit catalogue code of each department, allocated on its first coded item. */
export const itemDepartmentCodes = pgTable('item_department_codes', {
  departmentId: text('department_id').primaryKey(),
  code: text('code').notNull().unique('item_department_codes_code_uq'),
  assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Counters behind code sequences; incremented with `… on conflict do update … returning` (row-locked). */
export const itemCodeCounters = pgTable('item_code_counters', {
  scope: text('scope').primaryKey(),
  value: integer('value').notNull(),
});

/** Announcements of added, changed and abolished items (R1.4). */
export const itemAnnouncements = pgTable(
  'item_announcements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: text('item_id').notNull(),
    revision: integer('revision').notNull(),
    version: integer('version').notNull(),
    type: text('type', { enum: ['added', 'changed', 'abolished'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    publishedBy: text('published_by').notNull(),
  },
  (table) => [index('item_announcements_published_idx').on(table.publishedAt)],
);

/** Editable announcement templates, one per announcement type, with `{{占位符}}` placeholders. */
export const itemAnnouncementTemplates = pgTable('item_announcement_templates', {
  type: text('type', { enum: ['added', 'changed', 'abolished'] }).primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * Grants by which a higher level lets a lower-level organisation edit one of its items (P3: a lower
 * level never changes text set by a higher level unless authorised).
 */
export const itemEditGrants = pgTable(
  'item_edit_grants',
  {
    itemId: text('item_id').notNull(),
    organizationId: text('organization_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    grantedBy: text('granted_by').notNull(),
    note: text('note'),
  },
  (table) => [primaryKey({ name: 'item_edit_grants_pk', columns: [table.itemId, table.organizationId] })],
);
