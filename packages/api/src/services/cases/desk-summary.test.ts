import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createTestApp, enterpriseCase, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));
const { applicant, formValues, materials } = enterpriseCase;

describe.each(testDatabaseKinds())('窗口工作台 landing figures on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  let approver: TestClient;
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    [window, approver] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.approver')]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  /** The summary next to what 我的办件 lists for the same colours. */
  async function compare(client: TestClient) {
    const [summary, all, yellow, red] = await Promise.all([
      client.api.desk.summary(),
      client.api.desk.inbox({ box: 'todo' }),
      client.api.desk.inbox({ box: 'todo', status: 'yellow' }),
      client.api.desk.inbox({ box: 'todo', status: 'red' }),
    ]);
    expect(summary).toMatchObject({ todo: all.total, todoYellow: yellow.total, todoRed: red.total });
    return summary;
  }

  it('counts the to-do box and its yellow and red cases as the box lists them, as time goes by', async () => {
    const before = await compare(approver);
    await window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant, formValues, materials, decision: 'accept' });
    const fresh = await compare(approver);
    expect(fresh.todo).toBe(before.todo + 1);
    expect(fresh.todoRed).toBe(before.todoRed);
    expect((await compare(window)).hasAccepted).toBe(true);
    // A month later the case is past its limit: red in the box and on the landing page.
    app.setNow(new Date('2026-07-01T02:00:00Z'));
    // (The sessions of a month ago have expired.)
    const late = await compare(await app.signIn('lg.approver'));
    expect(late.todo).toBe(fresh.todo);
    expect(late.todoRed).toBeGreaterThan(fresh.todoRed);
  }, 60_000);
});
