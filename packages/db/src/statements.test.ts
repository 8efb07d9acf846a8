import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import type { DatabaseHandle } from './database.js';
import { rowsOf } from './rows.js';
import { calendarOverrides } from './schema/calendar.js';
import { auditPending } from './schema/audit.js';
import { commitEarly } from './database.js';
import { executeText, insertRows, missingRow, requiredRowStart, selectRows, updatePart, updateRows } from './statements.js';
import { openTestDatabase, testDatabaseKinds } from './testing.js';

describe.each(testDatabaseKinds())('prebuilt statements on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('inserts rows as drizzle would: JSON, timestamps, and the database default where a row leaves a column out', async () => {
    const { db } = handle;
    const at = new Date('2026-03-01T08:00:00.000Z');
    await insertRows(db, calendarOverrides, [
      { date: '2026-03-02', kind: 'holiday', note: '测试', updatedAt: at, updatedBy: 'a' },
      { date: '2026-03-03', kind: 'workday', updatedBy: 'b' },
    ]);
    const rows = await db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
    expect(rows.map((row) => [row.date, row.kind, row.note, row.updatedBy])).toEqual([
      ['2026-03-02', 'holiday', '测试', 'a'],
      ['2026-03-03', 'workday', null, 'b'],
    ]);
    expect(rows[0]!.updatedAt.toISOString()).toBe(at.toISOString());
    expect(Math.abs(rows[1]!.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    await db.transaction((tx) => insertRows(tx, auditPending, [{ at, actor: 'x', action: 'case.approve', target: 'case/1', detail: { nested: { n: 1 }, list: ['甲'] } }]));
    const [pending] = await db.select().from(auditPending);
    expect(pending).toMatchObject({ actor: 'x', detail: { nested: { n: 1 }, list: ['甲'] } });
    expect(() => insertRows(db, calendarOverrides, [{ date: '2026-03-04', kind: 'holiday', updatedBy: 'c', bogus: 1 } as never])).toThrow('没有字段bogus');
  });

  it('updates by equality and returns the changed rows (none when the condition does not hold)', async () => {
    const { db } = handle;
    const hit = rowsOf<{ date: string }>(
      await updateRows(db, calendarOverrides, { set: { note: '改', updatedBy: 'z' }, where: { date: '2026-03-03', kind: 'workday' }, returning: ['date'] }),
    );
    expect(hit).toEqual([{ date: '2026-03-03' }]);
    const miss = rowsOf(await updateRows(db, calendarOverrides, { set: { note: '不应写入' }, where: { date: '2026-03-03', kind: 'holiday' }, returning: ['date'] }));
    expect(miss).toEqual([]);
    const rows = await db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
    expect(rows[1]).toMatchObject({ note: '改', updatedBy: 'z' });
  });

  it('requireRow: an update that matches no row fails in the statement (missingRow), so an early COMMIT commits nothing', async () => {
    const { db } = handle;
    const changed = rowsOf(await updateRows(db, calendarOverrides, { set: { note: '必改' }, where: { date: '2026-03-03', kind: 'workday' }, requireRow: true }));
    expect(changed).toHaveLength(1);
    const error = await updateRows(db, calendarOverrides, { set: { note: '不应写入' }, where: { date: '2026-03-03', kind: 'holiday' }, requireRow: true }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(missingRow(error)).toBe(true);
    expect(missingRow(new Error('other'))).toBe(false);
    const failed = await db
      .transaction(async (tx) => {
        const check = updateRows(tx, calendarOverrides, { set: { note: '不应写入' }, where: { date: '2026-03-03', kind: 'holiday' }, requireRow: true });
        const write = insertRows(tx, calendarOverrides, [{ date: '2026-03-09', kind: 'holiday', updatedBy: 'early' }]);
        commitEarly(tx);
        await Promise.all([check, write]);
      })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(missingRow(failed)).toBe(true);
    if (kind === 'postgres') {
      // Awaiting a later statement first (it fails only because the check aborted the transaction):
      // the transaction reports the check's failure.
      const later = await db
        .transaction(async (tx) => {
          const check = updateRows(tx, calendarOverrides, { set: { note: '不应写入' }, where: { date: '2026-03-03', kind: 'holiday' }, requireRow: true });
          const write = insertRows(tx, calendarOverrides, [{ date: '2026-03-10', kind: 'holiday', updatedBy: 'early' }]);
          check.catch(() => undefined);
          commitEarly(tx);
          await write;
        })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(missingRow(later)).toBe(true);
    }
    const rows = await db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
    expect(rows.map((row) => row.date)).not.toContain('2026-03-09');
    expect(rows.find((row) => row.date === '2026-03-03')).toMatchObject({ note: '必改' });
  });

  it('updatePart: a gating update inside a larger statement; null keeps a column, a missed row fails the statement (missingRow)', async () => {
    const { db } = handle;
    const part = updatePart(calendarOverrides, { set: ['updatedAt'], keep: ['note', 'updatedBy'], where: ['date', 'kind'], first: 2 });
    expect(part.text).toBe('update "calendar_overrides" set "updated_at" = $2, "note" = coalesce($3, "note"), "updated_by" = coalesce($4, "updated_by") where "date" = $5 and "kind" = $6');
    const text = `${requiredRowStart}${part.text} returning 1) select 1 / (select count(*) from required_row) as changed, $1::text as label`;
    const at = new Date('2026-03-04T01:02:03Z');
    const [row] = rowsOf<{ label: string }>(await executeText(db, text, ['一', ...part.values({ updatedAt: at, updatedBy: 'p' }, { date: '2026-03-03', kind: 'workday' })]));
    expect(row!.label).toBe('一');
    const [stored] = await selectRows(db, calendarOverrides, { columns: ['note', 'updatedBy', 'updatedAt'], where: { date: '2026-03-03' } });
    expect(stored).toMatchObject({ updatedBy: 'p', updatedAt: at });
    expect(stored!.note).not.toBeNull();
    const missed = await Promise.resolve(executeText(db, text, ['二', ...part.values({ updatedAt: at }, { date: '2026-03-03', kind: 'holiday' })])).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(missingRow(missed)).toBe(true);
    expect(() => part.values({ kind: 'holiday' } as never, { date: '2026-03-03', kind: 'workday' })).toThrow('updatePart: 字段kind不在语句中');
  });

  it('selects by equality with values decoded as drizzle select decodes them (timestamps, JSON, nulls)', async () => {
    const { db } = handle;
    const selected = await selectRows(db, calendarOverrides, { columns: ['date', 'note', 'updatedAt', 'updatedBy'], where: { date: '2026-03-02' } });
    const [expected] = await db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date)).limit(1);
    expect(selected).toEqual([{ date: '2026-03-02', note: '测试', updatedAt: expected!.updatedAt, updatedBy: 'a' }]);
    expect(selected[0]!.updatedAt).toBeInstanceOf(Date);
    const [json] = await selectRows(db, auditPending, { columns: ['actor', 'detail'], where: { actor: 'x' } });
    expect(json).toEqual({ actor: 'x', detail: { nested: { n: 1 }, list: ['甲'] } });
    expect(await selectRows(db, calendarOverrides, { columns: ['date'], where: { date: '2030-01-01' } })).toEqual([]);
    expect(await selectRows(db, calendarOverrides, { columns: ['note'], where: { date: '2026-03-02', kind: 'workday' } })).toEqual([]);
    await insertRows(db, calendarOverrides, [{ date: '2026-03-05', kind: 'holiday', updatedBy: 'n' }]);
    expect(await selectRows(db, calendarOverrides, { columns: ['note', 'kind'], where: { date: '2026-03-05' } })).toEqual([{ note: null, kind: 'holiday' }]);
    await expect(selectRows(db, calendarOverrides, { columns: ['date'], where: { date: undefined } as never })).rejects.toThrow('条件字段date不能为空');
  });
});
