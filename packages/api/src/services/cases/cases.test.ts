import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, count, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { caseHistory, cases, caseTasks, caseTimers, feeBills, openDatabase, rowsOf } from '@xlgl/db';
import { sql } from 'drizzle-orm';
import { createTestApp, exampleValues, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import type { FormDocument } from '@xlgl/schema';
import { caseNumberPrefix, caseNumberRuleProblem } from './case-number.js';
import { automaticCertificatesSettled } from '../certificates/automaticIssue.js';
import { attachDeskEventRelay, deskEventChannel } from './events.js';


const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

/** Text of a PDF (poppler's pdftotext). */
function pdfText(base64: string): string {
  return execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(base64, 'base64') }).toString('utf8');
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused');
}

const enterpriseForm = {
  f_enterprise_name: '锡林郭勒草原牧业有限公司',
  f_enterprise_type: 'llc',
  f_address: { regionCode: '152502', detail: '锡林浩特市额尔敦路18号' },
  f_registered_capital: 50000000,
  f_legal_rep: '巴图',
  f_legal_rep_id: '11010519491231002X',
  f_mobile: '13904791234',
  f_business_scope: '牛羊肉加工、销售',
  f_delivery_method: 'window',
};
const enterpriseApplicant = { kind: 'enterprise' as const, creditCode: '91330102MA28NBU477', name: '锡林郭勒草原牧业有限公司', legalRepresentative: '巴图' };
const allMaterials = ['m-application', 'm-articles', 'm-id', 'm-officers', 'm-premises'].map((materialId) => ({ materialId, provided: true }));

describe.each(testDatabaseKinds())('case runtime on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  let approver: TestClient;
  let leader: TestClient;
  const previousEnv = { dataDir: process.env.DATA_DIR, key: process.env.XLGL_MASTER_KEY };
  let dataDir: string;
  beforeAll(async () => {
    // Certificates printed at the print gate: their PDFs and the seal keys go to a scratch data directory.
    dataDir = mkdtempSync(join(tmpdir(), 'xlgl-cases-'));
    process.env.DATA_DIR = dataDir;
    process.env.XLGL_MASTER_KEY = randomBytes(32).toString('base64');
    app = await createTestApp({ kind, metadataDir });
    // A Monday in a year the calendar covers.
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    [window, approver, leader] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.approver'), app.signIn('lg.leader')]);
    await (await app.signIn('admin')).api.certificates.seals.create({ organizationId: 'org-lg-scjgj' });
  }, 180_000);
  afterAll(async () => {
    await automaticCertificatesSettled();
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.env.DATA_DIR = previousEnv.dataDir;
    process.env.XLGL_MASTER_KEY = previousEnv.key;
  });

  async function acceptEnterpriseCase(decision: 'accept' | 'supplement' = 'accept') {
    return window.api.desk.accept({
      itemId: 'item-enterprise-registration',
      applicant: enterpriseApplicant,
      formValues: enterpriseForm,
      materials: decision === 'accept' ? allMaterials : allMaterials.slice(0, 3),
      decision,
      ...(decision === 'supplement' ? { reason: '缺少任职文件和住所证明' } : {}),
    });
  }

  async function taskOf(client: TestClient, caseId: string, type = 'approve') {
    const detail = await client.api.desk.case({ caseId });
    const action = detail.actions.find((entry) => entry.type === type && !entry.disabledReason);
    if (!action) throw new Error(`no ${type} action; actions: ${detail.actions.map((entry) => entry.type).join(',')}; tasks: ${JSON.stringify(detail.tasks)}`);
    return { detail, action };
  }

  it('documents and checks the case number rule', () => {
    expect(caseNumberPrefix('{region}{yyMMdd}{seq:6}', '152502200', new Date('2026-06-01T17:00:00Z'))).toEqual({ prefix: '152502260602', digits: 6 });
    expect(caseNumberRuleProblem('{region}{yyMMdd}')).toBe('办件编号规则必须恰好包含一个流水号“{seq:N}”');
    expect(caseNumberRuleProblem('{region}{seq:6}{dd}')).toBe('流水号“{seq:N}”应位于编号规则的末尾');
  });

  it('finds items by pinyin initials and name', async () => {
    const items = await window.api.desk.items({ search: 'qysl' });
    expect(items.map((item) => item.id)).toContain('item-enterprise-registration');
    expect((await window.api.desk.items({ search: '企业设立' })).map((item) => item.id)).toEqual(['item-enterprise-registration']);
  });

  it('accepts, returns, supplements and completes a simple item; the history is complete', async () => {
    const accepted = await acceptEnterpriseCase();
    expect(accepted.number).toMatch(/^152500260601\d{6}$/);
    expect(accepted.queryPassword).toMatch(/^\d{6}$/);
    // The acceptance notice with the query password: rendered for the window right after acceptance, checked against the hash.
    const wrong = accepted.queryPassword === '000000' ? '111111' : '000000';
    expect(await refusal(window.api.desk.notice({ noticeId: accepted.noticeId, queryPassword: wrong }))).toEqual({ code: 'BAD_REQUEST', message: '查询密码不正确' });
    const withPassword = await window.api.desk.notice({ noticeId: accepted.noticeId, queryPassword: accepted.queryPassword });
    expect(pdfText(withPassword.pdfBase64)).toContain(accepted.queryPassword);
    expect(pdfText((await window.api.desk.notice({ noticeId: accepted.noticeId })).pdfBase64)).not.toContain(accepted.queryPassword);
    // The enterprise entered the library and is found by credit code.
    const found = await window.api.desk.lookupApplicant({ kind: 'enterprise', key: enterpriseApplicant.creditCode });
    expect(found.applicant?.name).toBe('锡林郭勒草原牧业有限公司');
    expect(found.materialsOnFile.map((material) => material.name)).toContain('公司章程');

    const todo = await approver.api.desk.inbox({ box: 'todo' });
    expect(todo.rows.find((row) => row.caseId === accepted.caseId)).toMatchObject({ taskLabel: '审核登记', timeStatus: 'yellow' }); // a one-day step is yellow on its only day (one working day before the deadline)

    // Return to the window, which approves again.
    let { detail, action } = await taskOf(approver, accepted.caseId, 'return');
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'return', taskId: action.taskId!, targetNodeId: 'accept', reason: '经营范围表述不规范' } });
    ({ detail, action } = await taskOf(window, accepted.caseId));
    await window.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: '已更正' } });
    // Supplement stops the clock; the approver cannot restart it, the window records the materials (补正完成), the approver approves.
    ({ detail, action } = await taskOf(approver, accepted.caseId, 'supplement'));
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'supplement', taskId: action.taskId!, reason: '补充股东会决议' } });
    const [pausedRow] = await app.db.select({ paused: cases.paused }).from(cases).where(eq(cases.id, accepted.caseId));
    expect(pausedRow!.paused).toBe(true);
    detail = await approver.api.desk.case({ caseId: accepted.caseId });
    const resume = detail.actions.find((entry) => entry.type === 'resume')!;
    expect(resume.disabledReason).toContain('补正完成');
    expect(await refusal(approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'resume', taskId: resume.taskId! } }))).toMatchObject({ code: 'BAD_REQUEST' });
    await window.api.desk.materials.receiveSupplement({ caseId: accepted.caseId, expectedVersion: detail.case.version, taskId: resume.taskId!, materials: [{ materialId: 'm-articles', files: [] }] });
    ({ detail, action } = await taskOf(approver, accepted.caseId));
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: '同意登记' } });
    // Print gate, then delivery completes the case.
    // The print gate passes only by printing the case's certificate through the system (T4).
    ({ detail, action } = await taskOf(window, accepted.caseId, 'record-print'));
    expect((await refusal(window.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'record-print', certificateNo: 'ZZ2026001' } }))).code).toBe('PRECONDITION_FAILED');
    const { certificate } = await window.api.certificates.issueForCase({ caseId: accepted.caseId, variant: 'original' });
    expect(certificate.templateId).toBe('cert-enterprise-registration');
    await window.api.certificates.print({ certificateId: certificate.id });
    ({ detail, action } = await taskOf(window, accepted.caseId));
    const done = await window.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId! }, result: { deliveryMethod: '窗口领取' } });
    expect(done).toMatchObject({ status: 'concluded', outcome: 'approved' });

    const final = await window.api.desk.case({ caseId: accepted.caseId });
    expect(final.history.map((entry) => `${entry.stage ?? '-'}|${entry.step ?? '-'}|${entry.stepStatus}|${entry.handlerName ?? '-'}`)).toEqual([
      '申办|申请|已申办（窗口登记）|萨仁高娃',
      '受理|受理|已受理|萨仁高娃',
      '-|审核登记|退回|李建国',
      '受理|受理|已办理|萨仁高娃',
      '补齐补正告知|审核登记|暂停计时（补正）|李建国',
      '补齐补正受理|审核登记|恢复计时（补正）|萨仁高娃',
      '批准|审核登记|已办理|李建国',
      '制证|-|已制证|萨仁高娃',
      '制证|制照|已通过|萨仁高娃',
      '送达|发照|已办理|萨仁高娃',
      '办结|办结|已办结|萨仁高娃',
    ]);
    expect(final.history.find((entry) => entry.stepStatus === '退回')?.opinion).toBe('经营范围表述不规范');
    expect(final.history.every((entry) => entry.itemCode && entry.handlerId && entry.at)).toBe(true);
    expect(final.notices.map((notice) => notice.kind)).toEqual(['acceptance', 'supplement', 'completion']);
    const pdf = await window.api.desk.notice({ noticeId: final.notices[0]!.id });
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // Every task row is closed and every timer cancelled (a cancelled timer's row is deleted).
    const open = await app.db.select({ n: count() }).from(caseTasks).where(eq(caseTasks.caseId, accepted.caseId));
    expect(open[0]!.n).toBeGreaterThan(4);
    const timers = await app.db.select({ status: caseTimers.status }).from(caseTimers).where(eq(caseTimers.caseId, accepted.caseId));
    expect(timers.filter((timer) => timer.status === 'scheduled')).toEqual([]);
  }, 180_000);

  it('20 concurrent approvals of one task: exactly one wins, the rest get the conflict message', async () => {
    const accepted = await acceptEnterpriseCase();
    const { detail, action } = await taskOf(approver, accepted.caseId);
    const clients = await Promise.all(Array.from({ length: 4 }, () => app.signIn('lg.approver')));
    const attempts = Array.from({ length: 20 }, (_, index) =>
      clients[index % clients.length]!.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: `并发${index}` } }),
    );
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((result) => result.status === 'fulfilled');
    const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const failure of failed) {
      expect(failure.reason).toBeInstanceOf(TRPCError);
      expect((failure.reason as TRPCError).code).toBe('CONFLICT');
      expect((failure.reason as TRPCError).message).toMatch(/^该办件已被他人处理，请刷新后重试/);
    }
    const approvals = await app.db.select({ n: count() }).from(caseHistory).where(eq(caseHistory.caseId, accepted.caseId));
    const rows = await app.db.select().from(caseHistory).where(eq(caseHistory.caseId, accepted.caseId));
    expect(rows.filter((row) => row.step === '审核登记' && row.action === 'approve')).toHaveLength(1);
    expect(approvals[0]!.n).toBe(rows.length);
  }, 180_000);

  it.runIf(kind === 'postgres')('with a relay, a transition sends its desk events to the other server processes after it commits: the winner of a race once, the losers never', async () => {
    const accepted = await acceptEnterpriseCase();
    const { detail, action } = await taskOf(approver, accepted.caseId);
    // Another server process of the database, listening as every server does.
    const other = await openDatabase({ url: app.handle.url!, maxConnections: 1 });
    const seen: Array<{ event: { caseId?: string; message: string } }> = [];
    await other.sql!.listen(deskEventChannel, (payload) => seen.push(JSON.parse(payload) as (typeof seen)[number]));
    const detach = await attachDeskEventRelay(app.handle);
    try {
      const clients = await Promise.all(Array.from({ length: 3 }, () => app.signIn('lg.approver')));
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, index) =>
          clients[index % clients.length]!.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: `并发${index}` } }),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      // The tasks the winning approval opened, one event each, and nothing else.
      const opened = await app.db.select().from(caseTasks).where(and(eq(caseTasks.caseId, accepted.caseId), eq(caseTasks.status, 'open')));
      expect(opened.length).toBeGreaterThan(0);
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(opened.length);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.map((entry) => entry.event.message).sort()).toEqual(opened.map((task) => `新待办：${detail.case.itemName}（${accepted.number}）“${task.nodeLabel}”`).sort());
    } finally {
      await detach();
      await other.close();
    }
  }, 180_000);

  it('permission mode one (league): the superior sees but cannot act; a colleague cannot take over; reassignment works', async () => {
    const accepted = await acceptEnterpriseCase();
    const { detail, action } = await taskOf(approver, accepted.caseId);
    // lg.leader sees every case of the centre …
    const all = await leader.api.desk.inbox({ box: 'all' });
    expect(all.rows.some((row) => row.caseId === accepted.caseId)).toBe(true);
    const seen = await leader.api.desk.case({ caseId: accepted.caseId });
    expect(seen.actions).toEqual([]);
    // … but acting is refused.
    expect(await refusal(leader.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId! } }))).toEqual({
      code: 'FORBIDDEN',
      message: '您不是待办“审核登记”的办理人，不能办理（上级可查看办件，但不能代为办理）',
    });
    // A window user of another centre may not view the case.
    const xlWindow = await app.signIn('xl.window');
    expect((await refusal(xlWindow.api.desk.case({ caseId: accepted.caseId }))).code).toBe('FORBIDDEN');
    // An approver does not see the superiors' "all" list.
    expect(await refusal(approver.api.desk.inbox({ box: 'all' }))).toEqual({ code: 'FORBIDDEN', message: '只有部门负责人可以查看本中心全部办件' });
    // The window handled acceptance: in mode one the case's window handler is lg.window; lg.window2 (another window) cannot act on the print step later.
    const window2 = await app.signIn('lg.window2');
    expect((await refusal(window2.api.desk.case({ caseId: accepted.caseId }))).code).toBe('FORBIDDEN');
  }, 180_000);

  it('inbox boxes count every case and page exactly: totals, stable pages, colour filters, literal search', async () => {
    for (let index = 0; index < 3; index += 1) await acceptEnterpriseCase();
    const [inRegion] = rowsOf<{ n: number }>(await app.db.execute(sql`select count(*)::int as n from cases where region_code = '152500' or escalated_to = '152500'`));
    const first = await leader.api.desk.inbox({ box: 'all', page: 1, pageSize: 2 });
    expect(first.total).toBe(inRegion!.n);
    expect(first.rows).toHaveLength(2);
    const pages = [first];
    for (let page = 2; (page - 1) * 2 < first.total; page += 1) pages.push(await leader.api.desk.inbox({ box: 'all', page, pageSize: 2 }));
    const ids = pages.flatMap((entry) => entry.rows.map((row) => row.caseId));
    expect(new Set(ids).size).toBe(first.total);
    const accepted = pages.flatMap((entry) => entry.rows.map((row) => row.acceptedAt));
    expect(accepted).toEqual([...accepted].sort().reverse());
    // Each colour holds exactly the running cases of that colour; together every running case with a deadline.
    const [timed] = rowsOf<{ n: number }>(
      await app.db.execute(sql`select count(*)::int as n from cases where (region_code = '152500' or escalated_to = '152500') and status = 'running' and red_date is not null`),
    );
    let coloured = 0;
    for (const status of ['green', 'yellow', 'red'] as const) {
      const box = await leader.api.desk.inbox({ box: 'all', status, page: 1, pageSize: 100 });
      expect(box.rows.every((row) => row.timeStatus === status)).toBe(true);
      coloured += box.total;
    }
    expect(coloured).toBe(timed!.n);
    // Search wildcards are literal.
    expect((await leader.api.desk.inbox({ box: 'all', search: '%' })).total).toBe(0);
    expect((await leader.api.desk.inbox({ box: 'all', search: '锡林郭勒草原' })).total).toBeGreaterThanOrEqual(3);
    // 已办: every case the window accepted, once each, newest first.
    const [handled] = rowsOf<{ n: number }>(await app.db.execute(sql`select count(distinct case_id)::int as n from case_tasks where handled_by = 'user-lg-window'`));
    const done = await window.api.desk.inbox({ box: 'done', page: 1, pageSize: 2 });
    expect(done.total).toBe(handled!.n);
    expect(done.rows).toHaveLength(2);
    const second = await window.api.desk.inbox({ box: 'done', page: 2, pageSize: 2 });
    expect(second.rows.map((row) => row.caseId)).not.toContain(done.rows[0]!.caseId);
    // 待办: pages of one hold every task once; the colours split the total.
    const todo = await approver.api.desk.inbox({ box: 'todo', page: 1, pageSize: 100 });
    expect(todo.total).toBe(todo.rows.length);
    expect(todo.total).toBeGreaterThanOrEqual(3);
    const single = await Promise.all(Array.from({ length: todo.total }, (_, index) => approver.api.desk.inbox({ box: 'todo', page: index + 1, pageSize: 1 })));
    expect(single.map((entry) => entry.rows[0]!.taskId)).toEqual(todo.rows.map((row) => row.taskId));
    expect(single.every((entry) => entry.total === todo.total)).toBe(true);
    for (const status of ['green', 'yellow', 'red'] as const) {
      const box = await approver.api.desk.inbox({ box: 'todo', status, page: 1, pageSize: 100 });
      expect(box.rows.map((row) => row.taskId)).toEqual(todo.rows.filter((row) => row.timeStatus === status).map((row) => row.taskId));
      expect(box.total).toBe(box.rows.length);
    }
  }, 180_000);

  it('permission mode two (Xilinhot): each stage only by its handler; entry control', async () => {
    const xlWindow = await app.signIn('xl.window');
    const xlApprover = await app.signIn('xl.approver');
    const accepted = await xlWindow.api.desk.accept({
      itemId: 'item-xl-individual-business',
      applicant: { kind: 'person', idNumber: '11010519491231002X', name: '斯日古楞', phone: '13904790000' },
      formValues: {},
      materials: [],
      decision: 'supplement',
      reason: '缺少经营场所证明',
    }).catch((error: TRPCError) => ({ error }));
    if ('error' in accepted) {
      // Form validation may refuse an empty form even as draft; the message is Chinese.
      expect(accepted.error.message).toMatch(/[\u4e00-\u9fa5]/);
    } else {
      expect(accepted.number).toMatch(/^152502/);
      // The approver of another stage cannot see a case still at the window's stage.
      expect(await refusal(xlApprover.api.desk.case({ caseId: accepted.caseId }))).toEqual({ code: 'FORBIDDEN', message: '您不是该办件任何环节的经办人，无权查看（权限模式二）' });
    }
    // Entry control: no case without desk.accept; not for another centre's item; no self-registration at a front-desk centre.
    expect((await refusal(approver.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials, decision: 'accept' }))).code).toBe('FORBIDDEN');
    expect(await refusal(xlWindow.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials, decision: 'accept' }))).toEqual({
      code: 'FORBIDDEN',
      message: '事项“企业设立登记”由152500的政务服务中心受理，且通办范围（本级办理）不含您所在的中心（锡林浩特市政务服务中心），不能受理',
    });
    expect(await refusal(window.api.desk.accept({ itemId: 'item-enterprise-registration', channel: 'self', applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials, decision: 'accept' }))).toEqual({
      code: 'FORBIDDEN',
      message: '锡林郭勒盟政务服务中心采用前台登记方式，不接受自助登记的办件',
    });
    expect(await refusal(window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials.slice(0, 2), decision: 'accept' }))).toEqual({
      code: 'BAD_REQUEST',
      message: '材料不齐全，不能直接受理：缺少“股东主体资格证明或者自然人身份证明”、“法定代表人、董事、监事和经理的任职文件及身份证明”、“住所使用相关文件或住所申报承诺书”。请选择“补正告知”',
    });
    // Form values are validated like the form's own screen, dictionary codes included.
    expect(await refusal(window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterpriseApplicant, formValues: { ...enterpriseForm, f_enterprise_type: 'xx' }, materials: allMaterials, decision: 'accept' }))).toEqual({
      code: 'BAD_REQUEST',
      message: '表单填写有误：“企业类型”的值不在可选项中',
    });
    // Refusal needs reasons and creates a concluded case with a refusal notice.
    const refused = await window.api.desk.accept({ itemId: 'item-enterprise-registration', applicant: enterpriseApplicant, formValues: enterpriseForm, materials: allMaterials, decision: 'refuse', reason: '不属于本机关职权范围' });
    expect(refused).toMatchObject({ status: 'concluded', outcome: 'refused' });
    const detail = await window.api.desk.case({ caseId: refused.caseId });
    expect(detail.notices.map((notice) => notice.kind)).toEqual(['refusal']);
    expect(detail.history.map((entry) => entry.stage)).toContain('不予受理');
  }, 180_000);

  it('parallel bundle: five departments in parallel, the lead summarises', async () => {
    const window2 = await app.signIn('lg.window2');
    const acceptance = await window2.api.desk.acceptance({ itemId: 'item-business-startup' });
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const accepted = await window2.api.desk.accept({ itemId: 'item-business-startup', applicant: enterpriseApplicant, formValues: exampleValues(acceptance.form as unknown as FormDocument, (await window.api.desk.rendererServices()).dictionaries), materials, decision: 'accept' }).catch((error: TRPCError) => error);
    if (accepted instanceof TRPCError) throw new Error(`bundle acceptance failed: ${accepted.message}`);
    const accounts = ['lg.approver', 'lg.gaj.approver', 'lg.swj.approver', 'lg.rsj.approver', 'lg.gjj.approver'];
    const handlers = await Promise.all(accounts.map((account) => app.signIn(account)));
    const lead = await approver.api.desk.case({ caseId: accepted.caseId });
    expect(lead.tasks.map((task) => task.label).sort()).toEqual(['公章刻制备案', '公积金缴存登记', '涉税事项及发票', '社保登记', '营业执照登记'].sort());
    // 一表制: the lead department sees every branch's section; the police see their own section only.
    expect(lead.form!.values).toHaveProperty('f_taxpayer_type');
    const police = handlers[1]!;
    const policeView = await police.api.desk.case({ caseId: accepted.caseId });
    expect(policeView.form!.values).not.toHaveProperty('f_taxpayer_type');
    expect(policeView.form!.values).toHaveProperty('f_seal_types');
    expect(policeView.form!.view.fields).toMatchObject({ f_seal_record_no: 'edit' });
    // A department may not change another department's field through its step …
    const policeTask = policeView.actions.find((entry) => entry.type === 'approve')!;
    expect(await refusal(police.api.desk.act({ caseId: accepted.caseId, expectedVersion: policeView.case.version, action: { type: 'approve', taskId: policeTask.taskId! }, formValues: { f_taxpayer_type: '1' } }))).toEqual({
      code: 'FORBIDDEN',
      message: '环节“公章刻制备案”不能修改字段：f_taxpayer_type',
    });
    for (const handler of handlers) {
      const { detail, action } = await taskOf(handler, accepted.caseId);
      const formValues = handler === police ? { f_seal_record_no: 'GA2026-0007' } : undefined;
      await handler.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId! }, ...(formValues ? { formValues } : {}) });
    }
    // … but its own field is saved into the one table.
    expect((await approver.api.desk.case({ caseId: accepted.caseId })).form!.values).toMatchObject({ f_seal_record_no: 'GA2026-0007' });
    const joined = await approver.api.desk.case({ caseId: accepted.caseId });
    expect(joined.tasks.map((task) => task.label)).toEqual(['牵头部门汇总']);
  }, 180_000);

  it('parallel branches approved at the same moment: one commits, the others get the conflict message (no deadlock), and they can go on', async () => {
    const window2 = await app.signIn('lg.window2');
    const acceptance = await window2.api.desk.acceptance({ itemId: 'item-business-startup' });
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const accepted = await window2.api.desk.accept({ itemId: 'item-business-startup', applicant: enterpriseApplicant, formValues: exampleValues(acceptance.form as unknown as FormDocument, (await window.api.desk.rendererServices()).dictionaries), materials, decision: 'accept' });
    // The four branches whose steps need no form values of their own (the police's needs its record number).
    const handlers = await Promise.all(['lg.approver', 'lg.swj.approver', 'lg.rsj.approver', 'lg.gjj.approver'].map((account) => app.signIn(account)));
    const steps = await Promise.all(handlers.map((handler) => taskOf(handler, accepted.caseId)));
    const version = steps[0]!.detail.case.version;
    const results = await Promise.allSettled(
      handlers.map((handler, index) => handler.api.desk.act({ caseId: accepted.caseId, expectedVersion: version, action: { type: 'approve', taskId: steps[index]!.action.taskId! } })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((entry): entry is PromiseRejectedResult => entry.status === 'rejected')) {
      expect(result.reason).toBeInstanceOf(TRPCError);
      expect((result.reason as TRPCError).message).toMatch(/^该办件已被他人处理，请刷新后重试/);
    }
    const tasks = await app.db.select().from(caseTasks).where(eq(caseTasks.caseId, accepted.caseId));
    expect(tasks.filter((task) => task.status === 'completed' && task.nodeLabel !== '受理')).toHaveLength(1);
    // The others refresh and approve one after another.
    for (const [index, handler] of handlers.entries()) {
      if (results[index]!.status === 'fulfilled') continue;
      const { detail, action } = await taskOf(handler, accepted.caseId);
      await handler.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId! } });
    }
    const after = await approver.api.desk.case({ caseId: accepted.caseId });
    expect(after.tasks.map((task) => task.label)).toEqual(['公章刻制备案']);
  }, 180_000);

  it('escalation: a banner case goes to the league and back; the fee gate holds until paid', async () => {
    const xlWindow = await app.signIn('xl.window');
    const acceptance = await xlWindow.api.desk.acceptance({ itemId: 'item-xl-grassland-occupation' });
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const formValues = exampleValues(acceptance.form as unknown as FormDocument, (await window.api.desk.rendererServices()).dictionaries);
    const input = { itemId: 'item-xl-grassland-occupation', applicant: enterpriseApplicant, formValues, materials, decision: 'accept' as const };
    // The restoration fee is charged per square metre of the form's 征占用面积: a quantity typed at the desk does not count.
    expect(await refusal(xlWindow.api.desk.accept({ ...input, formValues: { ...formValues, f_area_sqm: 0 } }))).toEqual({ code: 'BAD_REQUEST', message: '收费项目“草原植被恢复费”的数量（表单“征占用面积”）必须大于0' });
    const accepted = await xlWindow.api.desk.accept({ ...input, formValues: { ...formValues, f_area_sqm: 1000 }, feeQuantities: { 'fee-grassland-restoration': 5 } }).catch((error: TRPCError) => error);
    if (accepted instanceof TRPCError) throw new Error(`escalated acceptance failed: ${accepted.message}`);
    const [bill] = await app.db.select().from(feeBills).where(eq(feeBills.caseId, accepted.caseId));
    expect(bill!.totalFen).toBe(300_000);
    expect(bill!.lines).toEqual([expect.objectContaining({ unit: '平方米', unitFen: 300, quantity: 1000, amountFen: 300_000 })]);
    // Not waivable: the green channel refuses with the fee named.
    expect(await refusal(xlWindow.api.desk.requestWaiver({ caseId: accepted.caseId, reason: '公益项目' }))).toEqual({ code: 'BAD_REQUEST', message: '收费项目“草原植被恢复费”不可减免' });
    const steps: Array<[string, string]> = [
      ['xl.lcj.approver', 'approve'], // 现场查验 (special procedure) ends
      ['xl.lcj.approver', 'approve'], // 初审
      ['lg.lcj.approver', 'approve'], // 盟级审核
      ['lg.lcj.leader', 'approve'], // 盟级决定
    ];
    for (const [account, type] of steps) {
      const client = await app.signIn(account);
      const { detail, action } = await taskOf(client, accepted.caseId, type);
      await client.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId! } });
    }
    let detail = await xlWindow.api.desk.case({ caseId: accepted.caseId });
    expect(detail.tasks.map((task) => task.label)).toEqual(['缴纳草原植被恢复费']);
    expect(detail.actions.find((action) => action.type === 'approve')?.disabledReason).toBe('尚未登记缴费');
    expect(await refusal(xlWindow.api.desk.recordPayment({ caseId: accepted.caseId, expectedVersion: detail.case.version, method: 'cash', amountFen: 1, receiptNo: 'R1' }))).toMatchObject({ code: 'BAD_REQUEST' });
    // Only the gate's handler records payment: a league window cannot.
    expect(await refusal(window.api.desk.recordPayment({ caseId: accepted.caseId, expectedVersion: detail.case.version, method: 'cash', amountFen: bill!.totalFen, receiptNo: 'R1' }))).toEqual({
      code: 'FORBIDDEN',
      message: '您不是待办“缴纳草原植被恢复费”的办理人，不能办理（上级可查看办件，但不能代为办理）',
    });
    await xlWindow.api.desk.recordPayment({ caseId: accepted.caseId, expectedVersion: detail.case.version, method: 'transfer', amountFen: bill!.totalFen, receiptNo: 'FS2026-0001' });
    detail = await xlWindow.api.desk.case({ caseId: accepted.caseId });
    expect(detail.case.feeStatus).toBe('paid');
    expect(detail.tasks.map((task) => task.label)).toEqual(['打印审核同意书']);
    expect(detail.history.map((entry) => entry.stage)).toEqual(expect.arrayContaining(['上报', '结果下发', '收费']));
    // Fee statistics and the non-tax export at the banner centre.
    const xlLeader = await app.signIn('xl.lcj.leader');
    const report = await xlLeader.api.desk.feeReport({ from: '2026-06-01', to: '2026-06-01' });
    expect(report).toMatchObject({ totalFen: 300_000, count: 1, byMethod: [{ method: 'transfer', label: '转账', totalFen: 300_000 }] });
    const exported = await xlLeader.api.desk.feeExport({ from: '2026-06-01', to: '2026-06-01' });
    expect(exported.csv.split('\r\n')[1]).toBe(`2026-06-01,FS2026-0001,org-xl-lcj,fee-grassland-restoration,草原植被恢复费,3.00,1000,3000.00,锡林郭勒草原牧业有限公司,转账,${detail.case.number}`);
    expect((await refusal(approver.api.desk.feeReport({ from: '2026-06-01', to: '2026-06-01' }))).code).toBe('FORBIDDEN');
  }, 180_000);

  it('writes the engine timers as rows in the transition and deletes the step timers when the step is done', async () => {
    const accepted = await acceptEnterpriseCase();
    const timers = () => app.db.select().from(caseTimers).where(eq(caseTimers.caseId, accepted.caseId));
    const open = (await timers()).filter((row) => row.status === 'scheduled');
    expect(open.map((row) => row.timerId).sort()).toEqual(['case:red', 'case:yellow', expect.stringMatching(/^task-\d+:red$/), expect.stringMatching(/^task-\d+:yellow$/)]);
    for (const row of open) expect(row.fireAt.getTime()).toBeGreaterThan(Date.parse('2026-01-01'));
    const { detail, action } = await taskOf(approver, accepted.caseId);
    const stepTimers = open.filter((row) => row.taskId === action.taskId);
    expect(stepTimers).toHaveLength(2);
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId! } });
    const after = await timers();
    for (const row of stepTimers) expect(after.find((entry) => entry.id === row.id)).toBeUndefined();
    // The case clock runs on; the next step (if it has a time limit) has its own pair.
    expect(after.filter((row) => row.status === 'scheduled' && row.taskId === null).map((row) => row.timerId).sort()).toEqual(['case:red', 'case:yellow']);
  }, 180_000);

  it('acts on the case row it committed last without reading it, yet refuses a client whose version moved on elsewhere', async () => {
    const accepted = await acceptEnterpriseCase();
    let { detail, action } = await taskOf(approver, accepted.caseId, 'return');
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'return', taskId: action.taskId!, targetNodeId: 'accept', reason: '经营范围表述不规范' } });
    ({ detail, action } = await taskOf(window, accepted.caseId));
    // Another server process moves the case on (simulated in SQL): this process still remembers the version it wrote.
    const seen = detail.case.version;
    const moved = seen + 1;
    await app.db.execute(sql`update cases set version = ${moved}, state = jsonb_set(state, '{version}', to_jsonb(${moved}::int)) where id = ${accepted.caseId}`);
    const approve = { type: 'approve' as const, taskId: action.taskId!, comment: '已更正' };
    expect(await refusal(window.api.desk.act({ caseId: accepted.caseId, expectedVersion: seen, action: approve }))).toEqual({ code: 'CONFLICT', message: '该办件已被他人处理，请刷新后重试' });
    const done = await window.api.desk.act({ caseId: accepted.caseId, expectedVersion: moved, action: approve });
    expect(done.version).toBe(moved + 1);
    // The next step acts on what this process just wrote.
    ({ detail, action } = await taskOf(approver, accepted.caseId));
    expect(detail.case.version).toBe(moved + 1);
    const approved = await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: moved + 1, action: { type: 'approve', taskId: action.taskId!, comment: '同意' } });
    expect(approved.version).toBe(moved + 2);
  }, 180_000);

  it('mode one: a colleague of the handler is refused until the superior reassigns the case', async () => {
    const admin = await app.signIn('admin');
    await admin.api.admin.documents.save({
      document: { kind: 'user', id: 'user-lg-approver2', version: 1, schemaVersion: 1, account: 'lg.approver2', name: '张伟', organizationId: 'org-lg-scjgj', roleIds: ['role-approver'], postIds: ['post-lg-scjgj-review'], active: true },
    });
    await admin.api.admin.users.resetPassword({ userId: 'user-lg-approver2', password: 'Xlgl@2026' });
    const colleague = await app.signIn('lg.approver2');
    const accepted = await acceptEnterpriseCase();
    // Before anyone of the department acted, both approvers have the task.
    expect((await colleague.api.desk.inbox({ box: 'todo' })).rows.some((row) => row.caseId === accepted.caseId)).toBe(true);
    // lg.approver takes it: starts a special procedure (特别程序), so the case is now theirs.
    let { detail, action } = await taskOf(approver, accepted.caseId, 'suspend');
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'suspend', taskId: action.taskId!, procedure: '专家评审', reason: '需专家论证' } });
    expect((await colleague.api.desk.inbox({ box: 'todo' })).rows.some((row) => row.caseId === accepted.caseId)).toBe(false);
    expect(await refusal(colleague.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version + 1, action: { type: 'resume', taskId: action.taskId! } }))).toEqual({
      code: 'FORBIDDEN',
      message: '该办件在“锡林郭勒盟市场监督管理局”已由其他经办人办理（权限模式一：只能办理本人经办的办件），如需接手请由部门负责人改派',
    });
    expect((await refusal(colleague.api.desk.case({ caseId: accepted.caseId }))).message).toBe('您不是该办件的经办人，无权查看（权限模式一）');
    // Only a superior reassigns; an approver cannot.
    expect((await refusal(approver.api.desk.reassign({ caseId: accepted.caseId, expectedVersion: detail.case.version + 1, toUserId: 'user-lg-approver2', reason: '休假' }))).code).toBe('FORBIDDEN');
    await leader.api.desk.reassign({ caseId: accepted.caseId, expectedVersion: detail.case.version + 1, toUserId: 'user-lg-approver2', reason: '原经办人休假' });
    ({ detail, action } = await taskOf(colleague, accepted.caseId, 'resume'));
    await colleague.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'resume', taskId: action.taskId! } });
    // The former handler no longer handles the case (mode one): it leaves their view.
    expect((await refusal(approver.api.desk.case({ caseId: accepted.caseId }))).code).toBe('FORBIDDEN');
    const history = (await colleague.api.desk.case({ caseId: accepted.caseId })).history;
    expect(history.find((entry) => entry.action === 'reassign')).toMatchObject({ stepStatus: '改派', handlerName: '巴特尔', opinion: '原经办人休假' });
  }, 180_000);

  it('self-registration centre (Duolun) accepts self-registered applications at the window', async () => {
    const dlWindow = await app.signIn('dl.window');
    const acceptance = await dlWindow.api.desk.acceptance({ itemId: 'item-dl-food-business' });
    expect(acceptance.entryMode).toBe('self-registration');
    const materials = acceptance.item.materials.map((material) => ({ materialId: material.id, provided: true }));
    const accepted = await dlWindow.api.desk.accept({ itemId: 'item-dl-food-business', channel: 'self', applicant: { kind: 'person', idNumber: '11010519491231002X', name: '王芳' }, formValues: exampleValues(acceptance.form as unknown as FormDocument, (await window.api.desk.rendererServices()).dictionaries), materials, decision: 'accept' });
    expect(accepted.number).toMatch(/^152531/);
    const history = (await dlWindow.api.desk.case({ caseId: accepted.caseId })).history;
    expect(history[0]).toMatchObject({ stage: '申办', stepStatus: '已申办（自助登记）' });
    // The person entered the natural-person library.
    expect((await dlWindow.api.desk.lookupApplicant({ kind: 'person', key: '11010519491231002X' })).applicant).toMatchObject({ name: '王芳' });
  }, 180_000);
});
