import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createTestApp, enterpriseCase, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { progressLimits, progressRateLimited, progressRefusal } from './public-progress.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

const { applicant, formValues: enterpriseForm, materials } = enterpriseCase;

/** An anonymous browser: its first request (auth.me) hands it the CSRF cookie, as the web app's first call does. */
async function visitor(app: TestApp, ip: string): Promise<TestClient> {
  const client = app.client({ ip });
  await client.api.auth.me();
  return client;
}

describe.each(testDatabaseKinds())('public progress page on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  let approver: TestClient;
  let accepted: { caseId: string; number: string; queryPassword: string };
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    [window, approver] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.approver')]);
    accepted = await window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant, contact: { name: '巴图', phone: '13904791234' }, formValues: enterpriseForm, materials, decision: 'accept' });
    // The approver passes an internal opinion, then asks for a supplement (addressed to the applicant).
    let detail = await approver.api.desk.case({ caseId: accepted.caseId });
    const supplement = detail.actions.find((action) => action.type === 'supplement' && !action.disabledReason)!;
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'supplement', taskId: supplement.taskId!, reason: '请补充股东会决议原件' } });
    // The window records the supplementary materials with an internal note (补正完成): the clock restarts.
    detail = await approver.api.desk.case({ caseId: accepted.caseId });
    await window.api.desk.materials.receiveSupplement({
      caseId: accepted.caseId,
      expectedVersion: detail.case.version,
      taskId: supplement.taskId!,
      materials: [{ materialId: 'm-articles', files: [] }],
      comment: '内部意见：申请人来电催问，已电话联系张科长13800000000',
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('shows status, current step, progress and a history without staff details or internal opinions, without signing in', async () => {
    const anonymous = await visitor(app, '10.9.0.1');
    const result = await anonymous.api.progress.lookup({ number: accepted.number, password: accepted.queryPassword });
    expect(result).toMatchObject({ number: accepted.number, itemName: '企业设立登记', applicantName: '锡林郭勒草原牧业有限公司', status: '办理中', running: true, currentSteps: ['审核登记'], promisedDays: expect.any(Number) });
    expect(result.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.progress.nodes.accept?.status).toBe('done');
    expect(Object.values(result.progress.nodes).some((node) => node.status === 'current')).toBe(true);
    // The supplement reason is addressed to the applicant and shown; the internal opinion is not.
    expect(result.history.map((entry) => entry.opinion)).toContain('请补充股东会决议原件');
    const text = JSON.stringify(result);
    expect(text).not.toContain('内部意见');
    expect(text).not.toContain('13800000000');
    expect(text).not.toContain('13904791234');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('91330102MA28NBU477');
    // Staff are named by department, never by person; the diagram carries no assignee rules or conditions.
    const staffNames = await Promise.all([window, approver].map(async (client) => (await client.api.auth.me())!.name));
    for (const name of staffNames) expect(text).not.toContain(name);
    for (const phone of ['13947900104', '13947900105']) expect(text).not.toContain(phone);
    expect(result.progress.nodes.accept?.actors.length).toBeGreaterThan(0);
    expect(text).not.toContain('assignee');
    expect(text).not.toContain('postIds');
  });

  it('refuses a wrong password and an unknown number with the same message', async () => {
    const anonymous = await visitor(app, '10.9.0.2');
    const wrong = accepted.queryPassword === '000000' ? '111111' : '000000';
    expect(await refusal(anonymous.api.progress.lookup({ number: accepted.number, password: wrong }))).toEqual({ code: 'BAD_REQUEST', message: progressRefusal });
    expect(await refusal(anonymous.api.progress.lookup({ number: '152500260601999999', password: wrong }))).toEqual({ code: 'BAD_REQUEST', message: progressRefusal });
    expect((await refusal(anonymous.api.progress.lookup({ number: accepted.number, password: '12ab' }))).message).toContain('查询密码应为6位数字');
  });

  it('rate-limits guessing from one address and against one case number', async () => {
    const wrong = accepted.queryPassword === '000000' ? '111111' : '000000';
    const guesser = await visitor(app, '10.9.0.3');
    for (let index = 0; index < progressLimits.failuresPerIp; index += 1) {
      expect((await refusal(guesser.api.progress.lookup({ number: `99999926060100000${index}`, password: wrong }))).code).toBe('BAD_REQUEST');
    }
    // Even the right password is refused once the address is limited.
    expect(await refusal(guesser.api.progress.lookup({ number: accepted.number, password: accepted.queryPassword }))).toEqual({ code: 'TOO_MANY_REQUESTS', message: progressRateLimited });
    // Guesses spread over many addresses are limited per case number.
    const other = await window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant, formValues: enterpriseForm, materials, decision: 'accept' });
    const otherWrong = other.queryPassword === '000000' ? '111111' : '000000';
    for (let index = 0; index < progressLimits.failuresPerNumber; index += 1) {
      expect((await refusal((await visitor(app, `10.8.0.${index}`)).api.progress.lookup({ number: other.number, password: otherWrong }))).code).toBe('BAD_REQUEST');
    }
    const owner = await visitor(app, '10.7.0.1');
    expect((await refusal(owner.api.progress.lookup({ number: other.number, password: other.queryPassword }))).code).toBe('TOO_MANY_REQUESTS');
    // After the window the owner gets in again.
    app.setNow(new Date(new Date('2026-06-01T02:00:00Z').getTime() + progressLimits.failureWindowMs + 60_000));
    expect((await owner.api.progress.lookup({ number: other.number, password: other.queryPassword })).number).toBe(other.number);
  });
});
