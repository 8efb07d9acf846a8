import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The studio's working copy of a flow or form: at most one draft per document, overwritten by every
 * "save draft". A draft is not a version: publishing validates it, appends a published version to
 * `metadata_documents` (moving `metadata_heads`) and deletes the draft. Published versions stay
 * immutable and running cases keep the version they started with.
 */
export const studioDrafts = pgTable(
  'studio_drafts',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    /** The draft document as the designer saved it (valid under the kind's schema). */
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    /** The published version the draft was started from; null for a document never published. */
    baseVersion: integer('base_version'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [primaryKey({ name: 'studio_drafts_pk', columns: [table.kind, table.id] })],
);
