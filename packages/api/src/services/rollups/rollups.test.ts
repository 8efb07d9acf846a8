import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { caseRollupsMonthly, cases, rowsOf, supervisionCaseFacts } from '@xlgl/db';
import type { ReportDimension, ReportMeasure } from '@xlgl/schema';
import { createTestApp, enterpriseCase, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { compileReport, drillCases, runReport, type ReportDefinition } from '../reports/index.js';
import { scopeOf } from '../supervision/scope.js';
import { caseRollupSource, rollupSourceFor } from './report-source.js';
import { refreshCaseRollups } from './case-rollups.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

const { materials: allMaterials, ...enterprise } = enterpriseCase;

describe.each(testDatabaseKinds())('case roll-ups on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  const scope = scopeOf('152500');
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    window = await app.signIn('lg.window');
    // Cases on working days of June and July 2026; one refused, one waiting for supplements.
    const days = ['2026-06-02T02:00:00Z', '2026-06-03T02:00:00Z', '2026-06-15T02:00:00Z', '2026-07-01T02:00:00Z', '2026-07-02T02:00:00Z'];
    for (const [index, day] of days.entries()) {
      app.setNow(new Date(day));
      const decision = index === 1 ? 'refuse' : index === 3 ? 'supplement' : 'accept';
      await window.api.desk.accept({
        ...enterprise,
        materials: decision === 'supplement' ? allMaterials.slice(0, 3) : allMaterials,
        decision,
        ...(decision === 'accept' ? {} : { reason: '材料不符合要求' }),
      });
    }
    // A card and working days on one case (as supervision records them).
    const [first] = await app.db.select({ id: cases.id }).from(cases).where(eq(cases.status, 'running')).limit(1);
    await app.db
      .insert(supervisionCaseFacts)
      .values({ caseId: first!.id, card: 'yellow', cardCount: 1, workingDaysUsed: 2.5, updatedAt: new Date('2026-07-02T02:00:00Z') });
    // "Today" is well after every due date: running cases count as overdue.
    app.setNow(new Date('2026-08-20T02:00:00Z'));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const now = () => new Date('2026-08-20T02:00:00Z');
  const dimensions: ReportDimension[] = ['region', 'month', 'quarter', 'year', 'department', 'item', 'category', 'status', 'card'];
  const measures: ReportMeasure[] = ['count', 'overdueCount', 'onTimeRate', 'avg', 'sum', 'workingDaysUsed'];

  it('answers whole-month reports from the roll-up with the same numbers as the cases table', async () => {
    for (const dimension of dimensions) {
      // From the first of June: the roll-up; from the second of June (every case is later): the cases table.
      const aligned: ReportDefinition = {
        source: 'cases',
        rows: [dimension],
        series: [],
        measures: measures.map((measure) => ({ measure })),
        filters: [],
        period: { from: '2026-06-01', to: '2026-07-31' },
      };
      const exact: ReportDefinition = { ...aligned, period: { from: '2026-06-02', to: '2026-07-31' } };
      expect(rollupSourceFor(aligned)).toBe(caseRollupSource);
      expect(rollupSourceFor(exact)).toBeUndefined();
      const fromRollup = await runReport(app.db, { definition: aligned, scope, now: now() });
      const fromCases = await runReport(app.db, { definition: exact, scope, now: now() });
      expect(fromRollup.rows, dimension).toEqual(fromCases.rows);
      expect(fromRollup.rows.length, dimension).toBeGreaterThan(0);
    }
    const [total] = await app.db.select({ n: sql<number>`coalesce(sum(${caseRollupsMonthly.cases}), 0)::int` }).from(caseRollupsMonthly);
    expect(Number(total!.n)).toBe(5);
  });

  it('drill-through on the cases source: a page in acceptance order, the total is the cell count', async () => {
    const definition: ReportDefinition = {
      source: 'cases',
      rows: ['status'],
      series: [],
      measures: [{ measure: 'count' }],
      filters: [],
      period: { from: '2026-06-01', to: '2026-07-31' },
    };
    const report = await runReport(app.db, { definition, scope, now: now() });
    for (const row of report.rows) {
      const page = await drillCases(app.db, {
        definition,
        scope,
        now: now(),
        drill: { picks: { status: row.keys[0]! } },
        page: 1,
        pageSize: 2,
      });
      expect(page.total).toBe(row.values[0]);
      expect(page.rows.length).toBe(Math.min(2, page.total));
      expect(page.rows.map((entry) => entry.acceptedAt)).toEqual([...page.rows.map((entry) => entry.acceptedAt)].sort().reverse());
    }
  });

  it('serves the shipped dashboard tiles from the roll-up', () => {
    const lastYear = { period: { lastMonths: 12 }, series: [], filters: [] };
    expect(
      compileReport({ ...lastYear, source: 'cases', rows: ['department'], measures: [{ measure: 'overdueCount' }] }, { scope, now: now() })
        .source,
    ).toBe(caseRollupSource);
    expect(
      compileReport(
        {
          ...lastYear,
          source: 'cases',
          rows: ['region'],
          measures: [{ measure: 'onTimeRate' }, { measure: 'count' }],
          filters: [{ dimension: 'status', values: ['completed'] }],
        },
        { scope, now: now() },
      ).source,
    ).toBe(caseRollupSource);
    expect(
      compileReport({ ...lastYear, source: 'steps', rows: ['department'], measures: [{ measure: 'count' }] }, { scope, now: now() }).source,
    ).not.toBe(caseRollupSource);
  });

  /** Cases by status over the last twelve months (served from the roll-up). */
  const byStatus: ReportDefinition = {
    source: 'cases',
    rows: ['status'],
    series: [],
    measures: [{ measure: 'count' }],
    filters: [],
    period: { lastMonths: 12 },
  };

  it('picks up new cases and changed cases at the next read (incremental refresh of the touched month and item)', async () => {
    const before = await runReport(app.db, { definition: byStatus, scope, now: now() });
    const running = (result: typeof before) => result.rows.find((row) => row.keys[0] === 'running')?.values[0] ?? 0;
    app.setNow(new Date('2026-08-20T02:00:00Z'));
    await window.api.desk.accept({ ...enterprise, materials: allMaterials, decision: 'accept' });
    const after = await runReport(app.db, { definition: byStatus, scope, now: now() });
    expect(running(after)).toBe(running(before) + 1);
    // A second refresh with nothing new changes nothing.
    const again = await refreshCaseRollups(app.db, { now: now() });
    expect(again.full).toBe(false);
    expect((await runReport(app.db, { definition: byStatus, scope, now: now() })).rows).toEqual(after.rows);
    // A full rebuild gives the same rows as the incremental path.
    await refreshCaseRollups(app.db, { now: now(), full: true });
    expect((await runReport(app.db, { definition: byStatus, scope, now: now() })).rows).toEqual(after.rows);
  });

  it('working days supervision records after the case changed (the scan, later) reach the roll-up at the next read', async () => {
    const byMonth: ReportDefinition = { ...byStatus, rows: ['month'], measures: [{ measure: 'sum' }] };
    const total = (result: Awaited<ReturnType<typeof runReport>>) => result.rows.reduce((sum, row) => sum + (row.values[0] ?? 0), 0);
    const before = await runReport(app.db, { definition: byMonth, scope, now: now() });
    // A case with no facts row yet: the scan writes its working days, then corrects them.
    const [target] = await app.db
      .select({ id: cases.id })
      .from(cases)
      .where(sql`not exists (select 1 from ${supervisionCaseFacts} f where f.case_id = ${cases.id})`)
      .limit(1);
    await app.db.insert(supervisionCaseFacts).values({ caseId: target!.id, workingDaysUsed: 4, updatedAt: now() });
    expect(total(await runReport(app.db, { definition: byMonth, scope, now: now() }))).toBeCloseTo(total(before) + 4);
    await app.db.update(supervisionCaseFacts).set({ workingDaysUsed: 6 }).where(eq(supervisionCaseFacts.caseId, target!.id));
    expect(total(await runReport(app.db, { definition: byMonth, scope, now: now() }))).toBeCloseTo(total(before) + 6);
    await app.db.delete(supervisionCaseFacts).where(eq(supervisionCaseFacts.caseId, target!.id));
    expect(total(await runReport(app.db, { definition: byMonth, scope, now: now() }))).toBeCloseTo(total(before));
  });

  it('notes only changes the roll-up counts: a step that changes no counted column notes nothing, a conclusion notes its group', async () => {
    const notes = async () =>
      rowsOf<{ month_start: Date | string; item_id: string }>(
        await app.db.execute(sql`select month_start, item_id from case_rollup_changes`),
      );
    await refreshCaseRollups(app.db, { now: now() });
    expect(await notes()).toEqual([]);
    const [target] = await app.db
      .select({ id: cases.id, itemId: cases.itemId, acceptedAt: cases.acceptedAt, version: cases.version })
      .from(cases)
      .where(eq(cases.status, 'running'))
      .limit(1);
    // What a mid-flow transition writes: new state, version, current step, updated_at.
    await app.db
      .update(cases)
      .set({ version: target!.version + 1, currentNodes: '审核', updatedAt: now() })
      .where(eq(cases.id, target!.id));
    expect(await notes()).toEqual([]);
    const count = (result: Awaited<ReturnType<typeof runReport>>, status: string) =>
      result.rows.find((row) => row.keys[0] === status)?.values[0] ?? 0;
    const before = await runReport(app.db, { definition: byStatus, scope, now: now() });
    await app.db
      .update(cases)
      .set({ status: 'concluded', outcome: 'approved', completedAt: now(), updatedAt: now() })
      .where(eq(cases.id, target!.id));
    const noted = await notes();
    expect(noted.map((row) => row.item_id)).toEqual([target!.itemId]);
    const month = new Date(noted[0]!.month_start);
    expect(month.getTime()).toBeLessThanOrEqual(target!.acceptedAt.getTime());
    expect(target!.acceptedAt.getTime() - month.getTime()).toBeLessThan(31 * 86_400_000);
    // The next read refreshes that group from the note and consumes it.
    const after = await runReport(app.db, { definition: byStatus, scope, now: now() });
    expect(count(after, 'running')).toBe(count(before, 'running') - 1);
    expect(count(after, 'completed')).toBe(count(before, 'completed') + 1);
    expect(await notes()).toEqual([]);
  });
});
