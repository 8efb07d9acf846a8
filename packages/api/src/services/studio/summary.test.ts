import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newItem, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';

const shippedMetadata = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

describe.each(testDatabaseKinds())('配置中心 landing figures on %s', (kind) => {
  let app: TestApp;
  let config: TestClient;
  let reviewer: TestClient;
  let supervisor: TestClient;
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir: shippedMetadata });
    [config, reviewer, supervisor] = await Promise.all([app.signIn('lg.config'), app.signIn('lg.review'), app.signIn('lg.super')]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  /** What 事项管理 lists with a status filter. */
  const listed = async (...statuses: string[]) => {
    let total = 0;
    for (const status of statuses) total += (await config.api.studio.items.list({ status, page: 1, pageSize: 1 })).total;
    return total;
  };

  it('counts what the studio’s own lists show, and follows a new draft', async () => {
    const summary = await config.api.studio.summary();
    expect(summary.items.total).toBe((await config.api.studio.items.list({ page: 1, pageSize: 1 })).total);
    expect(summary.items.total).toBeGreaterThan(0);
    expect(summary.items.published).toBe(await listed('published'));
    expect(summary.items.inProgress).toBe(await listed('draft', 'returned'));
    expect(summary.items.inReview).toBe(await listed('submitted', 'approved', 'coded'));
    // A configurator has no review queue; a reviewer's is their inbox.
    expect(summary.reviewQueue).toBeNull();
    expect((await reviewer.api.studio.summary()).reviewQueue).toBe((await reviewer.api.studio.items.review.inbox()).length);
    for (const templateKind of ['certificate-template', 'document-template'] as const) {
      const rows = await config.api.templates.list({ kind: templateKind });
      expect(summary.documents[templateKind].published).toBe(rows.filter((row) => row.version !== null).length);
      expect(summary.documents[templateKind].drafts).toBe(rows.filter((row) => row.hasDraft).length);
    }
    expect(summary.documents.report.published).toBe((await supervisor.api.reports.list()).length);
    expect(summary.documents.flow.published).toBeGreaterThan(0);
    expect(summary.documents.form.published).toBeGreaterThan(0);

    await config.api.studio.items.create({ document: await newItem('item-test-summary', '测试统计事项') });
    const after = await config.api.studio.summary();
    expect(after.items).toEqual({ ...summary.items, total: summary.items.total + 1, inProgress: summary.items.inProgress + 1 });
  }, 60_000);

  it('is for the studio’s users only', async () => {
    expect((await refusal(supervisor.api.studio.summary())).code).toBe('FORBIDDEN');
  });
});
