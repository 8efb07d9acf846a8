import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { TRPCError } from '@trpc/server';
import { readDocument } from '@xlgl/db';
import { createTestApp, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused');
}

const report = (id: string, name: string, dashboard?: Array<{ reportId: string; x: number; y: number; w: number; h: number }>) => ({
  kind: 'report',
  id,
  version: 1,
  schemaVersion: 1,
  name,
  source: 'cases',
  rows: [],
  series: [],
  measures: [{ measure: 'count' }],
  chart: dashboard ? 'kpi' : 'table',
  filters: [],
  period: {},
  ...(dashboard ? { dashboard } : {}),
});

describe.each(testDatabaseKinds())('deleting a saved report on %s', (kind) => {
  let app: TestApp;
  let designer: TestClient;
  let viewer: TestClient;

  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    designer = await app.signIn('lg.super');
    viewer = await app.signIn('lg.window');
    await designer.api.reports.save({ document: report('report-qa-tile', '待删除的报表') });
    await designer.api.reports.save({ document: report('report-qa-board', '待删除的驾驶舱', [{ reportId: 'report-qa-tile', x: 0, y: 0, w: 12, h: 8 }]) });
  }, 120_000);
  afterAll(async () => app?.close());

  it('refuses while a dashboard still shows the report, naming the dashboard', async () => {
    const refused = await refusal(designer.api.reports.remove({ reportId: 'report-qa-tile' }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('待删除的驾驶舱');
    expect(await readDocument(app.db, 'report', 'report-qa-tile')).toBeTruthy();
  });

  it('deletes the dashboard, then the report, and says so for one already gone', async () => {
    await designer.api.reports.remove({ reportId: 'report-qa-board' });
    await designer.api.reports.remove({ reportId: 'report-qa-tile' });
    expect(await readDocument(app.db, 'report', 'report-qa-tile')).toBeNull();
    expect((await designer.api.reports.list()).some((row) => row.id === 'report-qa-tile')).toBe(false);
    const again = await refusal(designer.api.reports.remove({ reportId: 'report-qa-tile' }));
    expect(again.code).toBe('NOT_FOUND');
  });

  it('is only for report designers', async () => {
    expect((await refusal(viewer.api.reports.remove({ reportId: 'report-supervision-dashboard' }))).code).toBe('FORBIDDEN');
  });
});
