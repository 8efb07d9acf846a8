import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every version of every metadata document ever written. Rows are never updated; a save appends
 * version n+1. The current version of each document is named by `metadata_heads`.
 */
export const metadataDocuments = pgTable(
  'metadata_documents',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    /** `published` for documents in force; later issues add `draft`, `in-review`, `retired`. */
    status: text('status').notNull().default('published'),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    /** sha256 of the stable JSON of the body without its `version`: equal checksums mean equal content. */
    checksum: text('checksum').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [primaryKey({ name: 'metadata_documents_pk', columns: [table.kind, table.id, table.version] })],
);

/** The current version of each live document; removing a document deletes its head and keeps its history. */
export const metadataHeads = pgTable(
  'metadata_heads',
  {
    kind: text('kind').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
  },
  (table) => [primaryKey({ name: 'metadata_heads_pk', columns: [table.kind, table.id] })],
);

/**
 * References between current documents (from → to), rewritten with every save, so "who references
 * this?" is one indexed query instead of a scan of every document body.
 */
export const metadataReferences = pgTable(
  'metadata_references',
  {
    fromKind: text('from_kind').notNull(),
    fromId: text('from_id').notNull(),
    /** JSON path inside the referencing document, e.g. `["roleIds",0]`. */
    path: jsonb('path').$type<(string | number)[]>().notNull(),
    toKind: text('to_kind').notNull(),
    toId: text('to_id').notNull(),
  },
  (table) => [
    index('metadata_references_to_idx').on(table.toKind, table.toId),
    index('metadata_references_from_idx').on(table.fromKind, table.fromId),
  ],
);

/** Small key/value state of the installation (e.g. when metadata was first imported). */
export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
    .notNull()
    .default(sql`now()`),
});
