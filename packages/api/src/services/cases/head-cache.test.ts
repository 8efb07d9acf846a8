import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf, type DatabaseHandle } from '@xlgl/db';
import { openTestDatabase, testDatabaseKinds } from '@xlgl/db/testing';
import { asStoredJson, caseHeadCounts, forgetCaseHead, recentCaseHead, rememberCaseHead } from './head-cache.js';

/** A case state's shape, with what a jsonb column changes: key order, undefined members, a Date. */
const state = {
  version: 7,
  status: 'running',
  outcome: undefined,
  tasks: [{ id: 'task-3', nodeId: 'register', label: '审核登记', assignee: { by: 'role', roleIds: ['role-approver'] }, note: undefined }],
  variables: { 状态: '待审', zz: 1, a: [1, undefined, { b: 2, a: 1 }], longerKey: null, 状况: '正常', abcdef: 6 },
  at: new Date('2026-06-01T08:00:00Z'),
  sequence: 12,
};

describe.each(testDatabaseKinds())('remembered case heads on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('gives a JSON value back as a jsonb column returns it: same members, same key order', async () => {
    const [row] = rowsOf<{ value: unknown }>(await handle.db.execute(sql`select ${JSON.stringify(state)}::jsonb as value`));
    const stored = typeof row!.value === 'string' ? JSON.parse(row!.value) : row!.value;
    expect(JSON.stringify(asStoredJson(state))).toBe(JSON.stringify(stored));
    // Not a reordering alone: the original order differs.
    expect(JSON.stringify(JSON.parse(JSON.stringify(state)))).not.toBe(JSON.stringify(stored));
  });

  it('answers only for the version asked, forgets a row on a newer version, and never remembers inside a transaction', async () => {
    const { db } = handle;
    const before = caseHeadCounts(db);
    rememberCaseHead(db, 'case-a', { version: 3, state: { version: 3 } });
    expect(recentCaseHead(db, 'case-a', 3)).toEqual({ version: 3, state: { version: 3 } });
    expect(caseHeadCounts(db)).toEqual({ remembered: before.remembered + 1, read: before.read });
    // Asked for another version (written elsewhere, or a stale client): no answer, and the row is dropped.
    expect(recentCaseHead(db, 'case-a', 4)).toBeUndefined();
    expect(recentCaseHead(db, 'case-a', 3)).toBeUndefined();
    expect(caseHeadCounts(db)).toEqual({ remembered: before.remembered + 1, read: before.read + 2 });
    rememberCaseHead(db, 'case-b', { version: 1 });
    forgetCaseHead(db, 'case-b');
    expect(recentCaseHead(db, 'case-b', 1)).toBeUndefined();
    // Inside a transaction the write may still roll back: nothing is remembered.
    await db.transaction(async (tx) => {
      rememberCaseHead(tx, 'case-c', { version: 2 });
    });
    expect(recentCaseHead(db, 'case-c', 2)).toBeUndefined();
  });

  it('keeps at most 4,096 rows per database, the least recently used going first', () => {
    const { db } = handle;
    for (let index = 0; index < 4096; index += 1) rememberCaseHead(db, `lru-${index}`, { version: 1 });
    // Using the oldest makes it the most recent; the next one in line is dropped by the 4,097th.
    expect(recentCaseHead(db, 'lru-0', 1)).toEqual({ version: 1 });
    rememberCaseHead(db, 'lru-new', { version: 1 });
    expect(recentCaseHead(db, 'lru-1', 1)).toBeUndefined();
    expect(recentCaseHead(db, 'lru-0', 1)).toEqual({ version: 1 });
    expect(recentCaseHead(db, 'lru-4095', 1)).toEqual({ version: 1 });
    expect(recentCaseHead(db, 'lru-new', 1)).toEqual({ version: 1 });
  });
});
