import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log. Each row's `hash` is sha256 over the previous row's hash and the row's own
 * content, so an altered, inserted or deleted row breaks the chain (see `verifyAuditChain`).
 */
export const auditLog = pgTable('audit_log', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * Audit entries written by hot paths (case transitions) without waiting for the chain: inserted in the
 * change's own transaction (no lock), then moved into `audit_log` in id order by `chainPendingAudit`,
 * a single writer under the chain's lock, usually within milliseconds of the commit. Rows here are
 * never updated (trigger) and are deleted only by the chainer when they enter the chain.
 */
export const auditPending = pgTable('audit_pending', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
});
