import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { appendAudit, appendAuditPending, chainPendingAudit, scheduleAuditChaining, verifyAuditChain } from './audit.js';
import type { DatabaseHandle } from './database.js';
import { rowsOf } from './rows.js';
import { openTestDatabase, testDatabaseKinds } from './testing.js';

describe.each(testDatabaseKinds())('pending audit entries on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const count = async (table: string) =>
    Number(rowsOf<{ n: number }>(await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);

  it('chains committed entries in order, skips rolled-back ones and keeps one contiguous chain with direct appends', async () => {
    const { db } = handle;
    await Promise.all([
      ...Array.from({ length: 30 }, (_, index) =>
        db.transaction((tx) => appendAuditPending(tx, { actor: 'test', action: 'case.approve', target: `case/${index}`, detail: { index } })),
      ),
      ...Array.from({ length: 5 }, (_, index) => appendAudit(db, { actor: 'test', action: 'document.save', target: `doc/${index}` })),
      db
        .transaction(async (tx) => {
          await appendAuditPending(tx, { actor: 'test', action: 'case.approve', target: 'case/rolled-back' });
          throw new Error('rollback');
        })
        .catch(() => undefined),
    ]);
    expect(await count('audit_pending')).toBe(30);
    expect(await chainPendingAudit(db)).toBe(30);
    expect(await count('audit_pending')).toBe(0);
    const rows = rowsOf<{ seq: number; target: string }>(await db.execute(sql`select seq, target from audit_log order by seq`));
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 35 }, (_, index) => index + 1));
    expect(rows.filter((row) => row.target.startsWith('case/')).map((row) => row.target).sort()).toEqual(Array.from({ length: 30 }, (_, index) => `case/${index}`).sort());
    expect(rows.some((row) => row.target === 'case/rolled-back')).toBe(false);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 35, problems: [] });
  });

  it('pending rows cannot be altered, and verify chains what is pending first', async () => {
    const { db } = handle;
    await db.transaction((tx) => appendAuditPending(tx, { actor: 'test', action: 'case.return', target: 'case/x' }));
    await expect(db.execute(sql`update audit_pending set actor = 'mallory'`)).rejects.toThrow();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 36 });
    expect(await count('audit_pending')).toBe(0);
  });

  it('background chaining after commits coalesces, and closing the database waits for it', async () => {
    const own = await openTestDatabase(kind);
    await Promise.all(
      Array.from({ length: 20 }, async (_, index) => {
        await own.db.transaction((tx) => appendAuditPending(tx, { actor: 'test', action: 'case.approve', target: `case/${index}` }));
        scheduleAuditChaining(own.db);
      }),
    );
    for (let attempt = 0; attempt < 200 && (await pendingOf(own)) > 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await pendingOf(own)).toBe(0);
    expect(await verifyAuditChain(own.db)).toMatchObject({ ok: true, checked: 20 });
    // A chaining run still going when the database closes finishes first (no "connection ended" error).
    const errors = vi.spyOn(console, 'error');
    try {
      await own.db.transaction((tx) => appendAuditPending(tx, { actor: 'test', action: 'case.approve', target: 'case/last' }));
      scheduleAuditChaining(own.db);
      await own.close();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});

async function pendingOf(handle: DatabaseHandle): Promise<number> {
  return Number(rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from audit_pending`))[0]!.n);
}
