import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { cases } from '@xlgl/db';
import type { FormDocument } from '@xlgl/schema';
import { createTestApp, exampleValues, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { runDoctor } from '../doctor/doctor.js';
import { acceptanceScope, isStrictlyBelow } from './acceptance-scope.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

/** The code and message a call is refused with. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('acceptance scope (受理范围)', () => {
  it('offers own items, and higher items only as far as their area of general handling reaches', () => {
    expect(acceptanceScope({ regionCode: '152502', handlingArea: 'local' }, '152502')).toEqual({ kind: 'own' });
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'local' }, '152502')).toBeNull();
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'banner' }, '152502')).toBeNull();
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'league' }, '152502')).toEqual({ kind: 'general', owningRegionCode: '152500', area: 'league' });
    expect(acceptanceScope({ regionCode: '152500', handlingArea: 'league' }, '152502101')).toEqual({ kind: 'general', owningRegionCode: '152500', area: 'league' });
    expect(acceptanceScope({ regionCode: '152502', handlingArea: 'banner' }, '152502101')).toEqual({ kind: 'general', owningRegionCode: '152502', area: 'banner' });
    // A sibling centre's item is never offered (its owner is not a higher centre), nor a lower one's.
    expect(acceptanceScope({ regionCode: '152531', handlingArea: 'national' }, '152502')).toBeNull();
    expect(acceptanceScope({ regionCode: '152502', handlingArea: 'league' }, '152500')).toBeNull();
    expect(isStrictlyBelow('152502', '152500')).toBe(true);
    expect(isStrictlyBelow('152600', '152500')).toBe(false);
  });
});

describe.each(testDatabaseKinds())('通办: a banner window accepts a league item on %s', (kind) => {
  let app: TestApp;
  let xlWindow: TestClient;
  let lgWindow: TestClient;
  let gjjApprover: TestClient;
  let returned: { caseId: string; number: string; queryPassword: string };
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    [xlWindow, lgWindow, gjjApprover] = await Promise.all([app.signIn('xl.window'), app.signIn('lg.window'), app.signIn('lg.gjj.approver')]);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists league items of 全盟通办 for the banner window, never local league items or a sibling banner’s', async () => {
    const items = await xlWindow.api.desk.items({});
    const ids = items.map((item) => item.id);
    expect(ids).toContain('item-xl-grassland-occupation');
    expect(items.find((item) => item.id === 'item-housing-fund-registration')?.generalHandling).toEqual({ area: '全盟通办', owningRegionCode: '152500', owningRegionName: '锡林郭勒盟' });
    expect(ids).not.toContain('item-enterprise-registration');
    expect(ids).not.toContain('item-dl-food-business');
    // The league window does not see the banner's items.
    expect((await lgWindow.api.desk.items({})).map((item) => item.id)).not.toContain('item-xl-grassland-occupation');
    const refused = await xlWindow.api.desk.acceptance({ itemId: 'item-enterprise-registration' }).catch((error: TRPCError) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toContain('不在本中心的受理范围内');
  });

  it('accepts at the banner, is handled by the league department and stays visible to the accepting window', async () => {
    const acceptance = await xlWindow.api.desk.acceptance({ itemId: 'item-housing-fund-registration' });
    expect(acceptance.generalHandling?.owningRegionCode).toBe('152500');
    const formValues = exampleValues(acceptance.form as unknown as FormDocument, (await xlWindow.api.desk.rendererServices()).dictionaries);
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const accepted = await xlWindow.api.desk.accept({ itemId: 'item-housing-fund-registration', applicant: { kind: 'enterprise', creditCode: '91330102MA28NBU477', name: '锡林浩特市草原能源有限公司' }, formValues, materials, decision: 'accept' });
    expect(accepted.number).toMatch(/^152502260601\d{6}$/);
    const [row] = await app.db.select({ regionCode: cases.regionCode, escalatedTo: cases.escalatedTo }).from(cases).where(eq(cases.id, accepted.caseId));
    expect(row).toEqual({ regionCode: '152502', escalatedTo: '152500' });

    // The league housing-fund department has the next step; the league window is not asked to accept.
    const todo = await gjjApprover.api.desk.inbox({ box: 'todo' });
    expect(todo.rows.find((entry) => entry.caseId === accepted.caseId)?.taskLabel).toBe('缴存登记');
    expect((await lgWindow.api.desk.inbox({ box: 'todo' })).rows.some((entry) => entry.caseId === accepted.caseId)).toBe(false);
    const detail = await gjjApprover.api.desk.case({ caseId: accepted.caseId });
    expect(detail.history.map((entry) => entry.message).join('\n')).toContain('全盟通办事项：受理后转至事项所属的政务服务中心（152500）办理');
    const action = detail.actions.find((entry) => entry.type === 'approve' && !entry.disabledReason)!;
    await gjjApprover.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: '已登记' } });

    const after = await xlWindow.api.desk.case({ caseId: accepted.caseId });
    expect(after.case.status).toBe('concluded');
    expect(after.case.outcome).toBe('approved');
    returned = { caseId: accepted.caseId, number: accepted.number, queryPassword: accepted.queryPassword };
  });

  it('returns the league’s result to the accepting banner window, which alone delivers it (送达); the history is complete', async () => {
    const { caseId } = returned;
    // 办结 at the league; the result is down at the banner window as a 结果送达 task (not at the league window).
    const todo = await xlWindow.api.desk.inbox({ box: 'todo' });
    expect(todo.rows.find((entry) => entry.caseId === caseId)).toMatchObject({ taskLabel: '结果送达', status: 'concluded', outcome: 'approved' });
    expect((await lgWindow.api.desk.inbox({ box: 'todo' })).rows.some((entry) => entry.caseId === caseId)).toBe(false);
    let detail = await xlWindow.api.desk.case({ caseId });
    expect(detail.delivery).toMatchObject({ status: 'pending', toCentreName: '锡林浩特市政务服务中心', fromRegionCode: '152500', canDeliver: true });
    expect(detail.history.map((entry) => `${entry.stage}/${entry.stepStatus}`).slice(-2)).toEqual(['办结/已办结', '结果下发/结果已下发']);

    const delivery = { caseId, expectedVersion: detail.case.version, method: 'window' as const, recipient: '张三', deliveredOn: '2026-06-01' };
    // Only a window of the accepting centre: the league window that could have handed it over is refused.
    expect(await refusal(lgWindow.api.desk.deliver(delivery))).toEqual({ code: 'FORBIDDEN', message: '只有受理中心（锡林浩特市政务服务中心）的窗口人员可以登记送达' });
    expect(await refusal(gjjApprover.api.desk.deliver(delivery))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(xlWindow.api.desk.deliver({ ...delivery, method: 'post' }))).toEqual({ code: 'BAD_REQUEST', message: '邮寄送达必须填写邮寄地址' });
    expect(await refusal(xlWindow.api.desk.deliver({ ...delivery, deliveredOn: '2026-06-02' }))).toEqual({ code: 'BAD_REQUEST', message: '送达日期不能晚于今天（2026-06-01）' });
    expect(await refusal(xlWindow.api.desk.deliver({ ...delivery, recipient: ' ' }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('请填写签收人') });

    const done = await xlWindow.api.desk.deliver({ ...delivery, method: 'post', address: '锡林浩特市团结大街1号', trackingNo: 'EMS1234567890', note: '申请人要求邮寄' });
    expect(done.delivery).toMatchObject({ status: 'delivered', methodLabel: '邮寄', recipient: '张三', deliveredOn: '2026-06-01', deliveredByName: expect.any(String) });
    // Once: a second delivery (or a stale view) is refused.
    expect(await refusal(xlWindow.api.desk.deliver({ ...delivery, expectedVersion: done.version }))).toEqual({ code: 'CONFLICT', message: '办理结果已于2026-06-01送达，无需重复登记' });
    expect((await xlWindow.api.desk.inbox({ box: 'todo' })).rows.some((entry) => entry.caseId === caseId)).toBe(false);
    expect((await xlWindow.api.desk.inbox({ box: 'done' })).rows.some((entry) => entry.caseId === caseId)).toBe(true);

    detail = await xlWindow.api.desk.case({ caseId });
    expect(detail.case).toMatchObject({ status: 'concluded', outcome: 'approved', version: done.version });
    expect(detail.delivery).toMatchObject({ status: 'delivered', canDeliver: false, address: '锡林浩特市团结大街1号', trackingNo: 'EMS1234567890' });
    const last = detail.history.at(-1)!;
    expect(last).toMatchObject({ stage: '送达', step: '结果送达', stepStatus: '已送达', officeName: '锡林浩特市政务服务中心', opinion: '申请人要求邮寄' });
    expect(last.message).toBe('办理结果已送达申请人（送达方式：邮寄；签收人：张三；送达日期：2026-06-01；地址：锡林浩特市团结大街1号；邮件单号：EMS1234567890）');
    // History complete: 申办 → 受理 → 上报 → 缴存登记 → 办结 → 结果下发 → 送达, one record id per engine step.
    expect(detail.history.map((entry) => entry.stepStatus)).toEqual(expect.arrayContaining(['已申办（窗口登记）', '已受理', '上报', '已办理', '已办结', '结果已下发', '已送达']));
    expect(new Set(detail.history.map((entry) => entry.recordId)).size).toBe(detail.history.length);
    expect(detail.history.length).toBeGreaterThanOrEqual(detail.case.version);
    // No timers left, no open tasks: the case is consistent for the doctor.
    const report = await runDoctor(app.db);
    expect(report.violations).toEqual([]);

    // The applicant's public progress page: 结果已下发 → 已送达.
    const anonymous = app.client({ ip: '10.9.1.1' });
    await anonymous.api.auth.me();
    const progress = await anonymous.api.progress.lookup({ number: returned.number, password: returned.queryPassword });
    expect(progress.history.slice(-2).map((entry) => `${entry.step}/${entry.stepStatus}`)).toEqual(['结果下发/结果已下发', '结果送达/已送达']);
    expect(progress.status).toBe('已办结（准予），已送达');
  });

  it('an escalated banner case refused at the league (不予许可) returns to the banner window for delivery', async () => {
    const acceptance = await xlWindow.api.desk.acceptance({ itemId: 'item-xl-grassland-occupation' });
    const formValues = exampleValues(acceptance.form as unknown as FormDocument, (await xlWindow.api.desk.rendererServices()).dictionaries);
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const accepted = await xlWindow.api.desk.accept({ itemId: 'item-xl-grassland-occupation', applicant: { kind: 'enterprise', creditCode: '91330102MA28NBU477', name: '锡林郭勒草原牧业有限公司' }, formValues: { ...formValues, f_area_sqm: 1000 }, materials, decision: 'accept' });
    const steps: Array<[string, 'approve' | 'reject']> = [
      ['xl.lcj.approver', 'approve'], // 现场查验
      ['xl.lcj.approver', 'approve'], // 初审, then 上报盟级
      ['lg.lcj.approver', 'reject'], // 盟级审核: 不予许可 while up at the league
    ];
    for (const [account, type] of steps) {
      const client = await app.signIn(account);
      const detail = await client.api.desk.case({ caseId: accepted.caseId });
      const action = detail.actions.find((entry) => entry.type === type && !entry.disabledReason)!;
      expect(action, `${account} ${type}`).toBeTruthy();
      await client.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: type === 'approve' ? { type, taskId: action.taskId! } : { type, taskId: action.taskId!, reason: '占用区域位于基本草原保护红线内' } });
    }
    const detail = await xlWindow.api.desk.case({ caseId: accepted.caseId });
    expect(detail.case).toMatchObject({ status: 'concluded', outcome: 'rejected' });
    expect(detail.delivery).toMatchObject({ status: 'pending', fromRegionCode: '152500', canDeliver: true });
    expect((await xlWindow.api.desk.inbox({ box: 'todo' })).rows.find((entry) => entry.caseId === accepted.caseId)?.taskLabel).toBe('结果送达');
    // Two deliveries at once (two tabs): exactly one is recorded, the other gets a conflict.
    const input = { caseId: accepted.caseId, expectedVersion: detail.case.version, method: 'window' as const, recipient: '巴图', deliveredOn: '2026-06-01' };
    const outcomes = await Promise.allSettled([xlWindow.api.desk.deliver(input), xlWindow.api.desk.deliver({ ...input, recipient: '其其格' })]);
    const done = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(done).toHaveLength(1);
    expect(done[0]!.delivery).toMatchObject({ status: 'delivered', methodLabel: '窗口领取' });
    const lost = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as TRPCError).code).toBe('CONFLICT');
    const history = (await xlWindow.api.desk.case({ caseId: accepted.caseId })).history;
    expect(history.filter((entry) => entry.stepStatus === '已送达')).toHaveLength(1);
    expect(history.filter((entry) => entry.stepStatus === '结果已下发')).toHaveLength(1);
    expect((await runDoctor(app.db)).violations).toEqual([]);
  });

  it('refuses a sibling banner’s item at acceptance with a clear message', async () => {
    const refused = await xlWindow.api.desk
      .accept({ itemId: 'item-dl-food-business', applicant: { kind: 'person', idNumber: '11010519491231002X', name: '王芳' }, formValues: {}, materials: [], decision: 'accept' })
      .catch((error: TRPCError) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('FORBIDDEN');
    expect((refused as TRPCError).message).toContain('通办范围（本级办理）不含您所在的中心');
  });
});
