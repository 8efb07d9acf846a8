import { createHash } from 'node:crypto';
import { asc, desc, is, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { databaseKey, trackBackground, type Db } from './database.js';
import { auditLog, auditPending } from './schema/audit.js';
import { stableJson } from './stable-json.js';
import { executeText, insertRows } from './statements.js';
import { rowsOf } from './rows.js';

export type AuditEntry = {
  /** User id, or `system` / `cli` for changes without a signed-in user. */
  actor: string;
  /** Dotted verb, e.g. `document.save`, `auth.signIn`, `user.resetPassword`. */
  action: string;
  /** What was changed, e.g. `user/lg.window`. */
  target: string;
  detail?: Record<string, unknown>;
};

export type AuditRow = typeof auditLog.$inferSelect;

/** The `prev_hash` of the first row. */
export const auditGenesisHash = '0'.repeat(64);

/** The hash of one row: sha256 over the previous hash and the row's content in stable JSON. */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const content = stableJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    target: row.target,
    detail: row.detail,
  });
  return createHash('sha256').update(`${row.prevHash}\n${content}`).digest('hex');
}

/**
 * Appends one entry to the hash chain. Runs in the caller's transaction (or its own when called with
 * the database) and takes a transaction-scoped advisory lock, so concurrent appends are serialised and
 * the entry commits or rolls back together with the change it records.
 *
 * The lock is held until the caller commits, so this is the one serial section of every audited
 * write: the lock and the read of the chain's end go out together (one round trip; the read's
 * snapshot is taken after the lock is granted), then the insert.
 */
export async function appendAudit(db: Db, entry: AuditEntry, now: Date = new Date()): Promise<AuditRow> {
  if (is(db, PgTransaction)) return appendInTransaction(db, entry, now);
  return db.transaction((tx) => appendInTransaction(tx, entry, now));
}

async function appendInTransaction(tx: Db, entry: AuditEntry, now: Date): Promise<AuditRow> {
  const [, [last]] = await Promise.all([
    tx.execute(sql`select pg_advisory_xact_lock(hashtext('xlgl.audit_log'))`),
    tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1),
  ]);
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: now,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>,
    prevHash: last?.hash ?? auditGenesisHash,
  };
  const row: AuditRow = { ...base, hash: auditRowHash(base) };
  await tx.insert(auditLog).values(row);
  return row;
}

/**
 * Hot paths (case transitions) record their entry with this instead of `appendAudit`: a plain insert
 * in the caller's transaction, so concurrent transitions do not queue on the chain's lock. The entry
 * commits or rolls back with the change; `scheduleAuditChaining` (after the commit) and
 * `chainPendingAudit` move it into the hash chain in order.
 */
export async function appendAuditPending(tx: Db, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await insertRows(tx, auditPending, [
    {
      at: now,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as Record<string, unknown>,
    },
  ]);
}

/** The chain's lock, taken by every writer of `audit_log` (`appendAudit` and the chainer). */
const chainLockText = "select pg_advisory_xact_lock(hashtext('xlgl.audit_log'))";
const pendingBatchText = 'select id, at, actor, action, target, detail from audit_pending order by id limit $1';
const chainEndText = 'select seq, hash from audit_log order by seq desc limit 1';
/** A batch of chain rows in one statement with one fixed text (one JSON array parameter), whatever its size. */
const chainInsertText =
  "insert into audit_log (seq, at, actor, action, target, detail, prev_hash, hash) select (r->>'seq')::bigint, (r->>'at')::timestamptz, r->>'actor', r->>'action', r->>'target', r->'detail', r->>'prevHash', r->>'hash' from jsonb_array_elements($1::text::jsonb) r";
/**
 * `= any(array(…))`: looked up by primary key. As `in (select …)` the generic plan of the prepared
 * statement (from its sixth run on) hashed the ids and read the whole of audit_pending, so the chainer
 * slowed down as its backlog grew (2 s a batch seen under load, 3 ms for 3 ids of 20,000 rows against 0.09).
 */
const pendingDeleteText = 'delete from audit_pending where id = any(array(select jsonb_array_elements_text($1::text::jsonb)::bigint))';

/**
 * Moves committed pending entries into the chain: the single writer of a batch, under the same lock
 * as `appendAudit`, in one transaction (chain rows inserted, pending rows deleted by id — an entry
 * still uncommitted is simply taken by a later batch). Returns how many entries were chained.
 *
 * Three round trips per batch: the lock and both reads go out together (statements on a connection
 * run in order, so the reads see the chain after the lock is granted), then the insert and the delete,
 * then COMMIT. The statements have fixed texts (prepared once per connection, whatever the batch size).
 */
export async function chainPendingAudit(db: Db, batchSize = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const chained = await db.transaction(async (tx) => {
      const [, pendingResult, endResult] = await Promise.all([
        executeText(tx, chainLockText, []),
        executeText(tx, pendingBatchText, [batchSize]),
        executeText(tx, chainEndText, []),
      ]);
      const pending = rowsOf<Record<string, unknown>>(pendingResult);
      if (pending.length === 0) return 0;
      const [last] = rowsOf<{ seq: unknown; hash: string }>(endResult);
      let seq = last ? Number(last.seq) : 0;
      let prevHash = last?.hash ?? auditGenesisHash;
      const rows = pending.map((entry) => {
        seq += 1;
        const base = {
          seq,
          at: auditPending.at.mapFromDriverValue(entry.at as string) as Date,
          actor: entry.actor as string,
          action: entry.action as string,
          target: entry.target as string,
          detail: auditPending.detail.mapFromDriverValue(entry.detail) as Record<string, unknown>,
          prevHash,
        };
        prevHash = auditRowHash(base);
        return { ...base, at: base.at.toISOString(), hash: prevHash };
      });
      await Promise.all([
        executeText(tx, chainInsertText, [JSON.stringify(rows)]),
        executeText(tx, pendingDeleteText, [JSON.stringify(pending.map((entry) => String(entry.id)))]),
      ]);
      return rows.length;
    });
    total += chained;
    if (chained < batchSize) return total;
  }
}

type Chainer = { running: boolean; again: boolean };
const chainers = new WeakMap<object, Chainer>();

/**
 * How long a chaining run waits after the first commit that asks for it, so that the entries of every
 * transition committed meanwhile go into the chain in one transaction (one commit and one fsync per
 * batch instead of one per transition; measured: about half of a transition's statements and commits
 * were the chain's). Entries reach the chain within about this delay; `verifyAuditChain` and the
 * doctor chain whatever is pending first, so nothing reads a chain that is behind.
 */
export const auditChainDelayMs = 100;

/**
 * After a commit that wrote pending entries: chains them soon, in the background. Calls coalesce (one
 * run at a time per database, started `auditChainDelayMs` after the first call; a call during a run
 * makes it go round once more), the run is tracked so closing the database waits for it, and a
 * failure leaves the entries pending for the next run or the start-up pass (`chainPendingAudit`).
 */
export function scheduleAuditChaining(db: Db): void {
  // Called with a caller's open transaction (e.g. a print that completes a case's gate inside the print
  // transaction), a background run would use that transaction after it ended: leave the entries to the
  // next run on the database itself (the next transition, the minute job or start-up).
  if (is(db, PgTransaction)) return;
  const key = databaseKey(db);
  let chainer = chainers.get(key);
  if (!chainer) chainers.set(key, (chainer = { running: false, again: false }));
  if (chainer.running) {
    chainer.again = true;
    return;
  }
  chainer.running = true;
  const state = chainer;
  trackBackground(db, async () => {
    try {
      // Commits during a run are chained by the next run, again after the delay: under a steady stream of
      // transitions one chaining transaction per delay, not one per few transitions back to back.
      do {
        await new Promise((resolve) => setTimeout(resolve, auditChainDelayMs));
        state.again = false;
        await chainPendingAudit(db);
      } while (state.again);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'audit chaining failed (entries stay pending)', error: String(error) }));
    } finally {
      state.running = false;
    }
  });
}

export type AuditProblem = { seq: number; message: string };
export type AuditVerification = { ok: boolean; checked: number; problems: AuditProblem[] };

/** Chains pending entries, then walks the whole chain and reports altered rows, broken links and missing sequence numbers. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  // Entries committed but not chained yet are chained first, so the walk covers every entry.
  await chainPendingAudit(db);
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = auditGenesisHash;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.seq} >= ${expectedSeq}`)
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        problems.push({ seq: row.seq, message: `审计记录缺失：序号${expectedSeq}至${row.seq - 1}不存在（可能被删除）` });
      }
      if (row.prevHash !== prevHash) {
        problems.push({ seq: row.seq, message: `审计记录${row.seq}的前序哈希与上一条记录不符` });
      }
      if (auditRowHash(row) !== row.hash) {
        problems.push({ seq: row.seq, message: `审计记录${row.seq}的内容与其哈希不符（可能被篡改）` });
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      checked += 1;
    }
  }
  return { ok: problems.length === 0, checked, problems };
}
