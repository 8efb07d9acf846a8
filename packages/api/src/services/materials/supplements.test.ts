import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { applicantMaterials, caseHistory, caseMaterials, cases } from '@xlgl/db';
import { createTestApp, enterpriseCase, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { receiveMaterialFile } from './library.js';
import { localMaterialStore } from './storage.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

function pdf(tag: string): Buffer {
  return Buffer.from(`%PDF-1.7\n% ${tag} ${Math.random()}\n%%EOF\n`);
}

/** Text of a PDF (poppler's pdftotext). */
function pdfText(base64: string): string {
  return execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(base64, 'base64') }).toString('utf8');
}

describe.each(testDatabaseKinds())('补正 after acceptance and material validity on %s', (kind) => {
  let app: TestApp;
  let window: TestClient;
  let approver: TestClient;
  let bannerWindow: TestClient;
  let windowUserId: string;
  let filesDir: string;
  const clock = new Date('2026-06-01T02:00:00Z');

  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(clock);
    filesDir = mkdtempSync(join(tmpdir(), 'xlgl-supplements-'));
    [window, approver, bannerWindow] = await Promise.all([app.signIn('lg.window'), app.signIn('lg.approver'), app.signIn('xl.window')]);
    windowUserId = (await window.api.auth.me())!.id;
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  /** A file received by the window (what POST /files/materials does). */
  const upload = (name: string, now = clock) => receiveMaterialFile(app.db, { bytes: pdf(name), originalName: name, userId: windowUserId, now, store: localMaterialStore(filesDir) });

  async function actionOf(client: TestClient, caseId: string, type: string) {
    const detail = await client.api.desk.case({ caseId });
    const action = detail.actions.find((entry) => entry.type === type && !entry.disabledReason);
    if (!action) throw new Error(`no ${type} action; actions: ${detail.actions.map((entry) => entry.type).join(',')}`);
    return { detail, action };
  }

  it('lets the window receive the materials an approver asked for, restarting the clock; refuses others and other states', async () => {
    const accepted = await window.api.desk.accept({ ...enterpriseCase });
    // Nothing to supplement yet.
    expect((await window.api.desk.materials.supplements({ caseId: accepted.caseId })).pending).toEqual([]);
    const early = await window.api.desk.case({ caseId: accepted.caseId });
    expect(await refusal(window.api.desk.materials.receiveSupplement({ caseId: accepted.caseId, expectedVersion: early.case.version, taskId: early.tasks[0]!.id, materials: [{ materialId: 'm-articles', files: [] }] }))).toEqual({
      code: 'BAD_REQUEST',
      message: '该办件当前没有等待补正的环节，不能登记补正材料',
    });

    // The approver's step asks for two materials: the clock stops and the notice lists them.
    const asked = await actionOf(approver, accepted.caseId, 'supplement');
    const action = asked.action;
    let detail = asked.detail;
    expect(
      await refusal(approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'supplement', taskId: action.taskId!, reason: '补充', materialIds: ['m-nothing'] } })),
    ).toEqual({ code: 'BAD_REQUEST', message: '事项“企业设立登记”没有材料：m-nothing' });
    await approver.api.desk.act({ caseId: accepted.caseId, expectedVersion: detail.case.version, action: { type: 'supplement', taskId: action.taskId!, reason: '章程须全体股东签字；住所证明须为产权人出具', materialIds: ['m-premises', 'm-articles'] } });
    const reviewTaskId = action.taskId!;
    detail = await approver.api.desk.case({ caseId: accepted.caseId });
    expect(detail.case.paused).toBe(true);
    const notice = detail.notices.find((entry) => entry.kind === 'supplement')!;
    const text = pdfText((await approver.api.desk.notice({ noticeId: notice.id })).pdfBase64);
    expect(text).toContain('1. 公司章程');
    expect(text).toContain('2. 住所使用相关文件或住所申报承诺书');
    expect(text).toContain('补正要求：章程须全体股东签字');

    const pending = await window.api.desk.materials.supplements({ caseId: accepted.caseId });
    expect(pending).toMatchObject({
      mayReceive: true,
      refusal: null,
      pending: [{ taskId: reviewTaskId, label: '审核登记', reason: '章程须全体股东签字；住所证明须为产权人出具', requestedMaterials: [{ id: 'm-articles', name: '公司章程' }, { id: 'm-premises', name: '住所使用相关文件或住所申报承诺书' }] }],
    });
    // The window finds the case under 待补正; another centre's window and approvers do not.
    const waitingBox = await window.api.desk.inbox({ box: 'supplements' });
    expect(waitingBox.rows.filter((entry) => entry.caseId === accepted.caseId)).toEqual([expect.objectContaining({ number: accepted.number, taskLabel: '审核登记（待补正）', paused: true })]);
    expect((await bannerWindow.api.desk.inbox({ box: 'supplements' })).rows.some((entry) => entry.caseId === accepted.caseId)).toBe(false);
    expect(await approver.api.desk.inbox({ box: 'supplements' })).toEqual({ rows: [], total: 0 });
    // The approver sees what is pending but does not receive materials (not a window).
    expect(await approver.api.desk.materials.supplements({ caseId: accepted.caseId })).toMatchObject({ mayReceive: false, refusal: '只有受理该办件的政务服务中心窗口人员可以接收补正材料' });

    const articles = await upload('公司章程（全体股东签字）.pdf');
    const input = { caseId: accepted.caseId, expectedVersion: detail.case.version, taskId: reviewTaskId, materials: [{ materialId: 'm-articles', files: [{ fileId: articles.fileId }] }, { materialId: 'm-premises', files: [] }], comment: '申请人当面递交' };
    // Wrong role, wrong centre, stale view, missing material: refused, nothing written.
    expect((await refusal(approver.api.desk.materials.receiveSupplement(input))).code).toBe('FORBIDDEN');
    expect(await refusal(bannerWindow.api.desk.materials.receiveSupplement(input))).toEqual({ code: 'FORBIDDEN', message: '只有受理该办件的政务服务中心窗口人员可以接收补正材料' });
    expect(await refusal(window.api.desk.materials.receiveSupplement({ ...input, expectedVersion: input.expectedVersion - 1 }))).toEqual({ code: 'CONFLICT', message: '该办件已被他人处理，请刷新后重试' });
    expect(await refusal(window.api.desk.materials.receiveSupplement({ ...input, materials: [input.materials[0]!] }))).toEqual({ code: 'BAD_REQUEST', message: '补正材料未收齐：还缺“住所使用相关文件或住所申报承诺书”' });
    expect(await refusal(window.api.desk.materials.receiveSupplement({ ...input, materials: [...input.materials, { materialId: 'm-id', files: [{ fileId: 'a'.repeat(64) }] }] }))).toEqual({
      code: 'BAD_REQUEST',
      message: '材料“股东主体资格证明或者自然人身份证明”：文件不存在，请重新上传',
    });
    expect((await window.api.desk.materials.ofCase({ caseId: accepted.caseId })).map((file) => file.fileId)).toEqual([]);
    expect((await app.db.select({ paused: cases.paused }).from(cases).where(eq(cases.id, accepted.caseId)))[0]!.paused).toBe(true);

    // The window receives them: the clock restarts, the file is the case's and the applicant's.
    const later = new Date('2026-06-03T03:00:00Z');
    app.setNow(later);
    // (fresh sessions: the earlier ones would have timed out two days later)
    const result = await (await app.signIn('lg.window')).api.desk.materials.receiveSupplement(input);
    app.setNow(clock);
    expect(result).toMatchObject({ status: 'running', version: input.expectedVersion + 1 });
    expect((await window.api.desk.inbox({ box: 'supplements' })).rows.some((entry) => entry.caseId === accepted.caseId)).toBe(false);
    const [row] = await app.db.select({ paused: cases.paused, state: cases.state }).from(cases).where(eq(cases.id, accepted.caseId));
    expect(row!.paused).toBe(false);
    expect((row!.state as { pauses: Array<{ kind: string; from: string; to?: string }> }).pauses).toEqual([expect.objectContaining({ kind: 'supplement', from: '2026-06-01', to: '2026-06-03' })]);
    const history = await app.db.select().from(caseHistory).where(and(eq(caseHistory.caseId, accepted.caseId), eq(caseHistory.action, 'supplement-end')));
    expect(history).toEqual([expect.objectContaining({ handlerId: windowUserId, stepStatus: '恢复计时（补正）', opinion: '收到补正材料：公司章程（电子件1份）、住所使用相关文件或住所申报承诺书（纸质）；申请人当面递交' })]);
    const approverFiles = await approver.api.desk.materials.ofCase({ caseId: accepted.caseId });
    expect(approverFiles).toEqual([expect.objectContaining({ materialId: 'm-articles', fileId: articles.fileId, fileName: '公司章程（全体股东签字）.pdf', createdAt: later.toISOString() })]);
    expect((await app.db.select().from(applicantMaterials).where(eq(applicantMaterials.fileHash, articles.fileId))).map((entry) => entry.sourceCaseId)).toEqual([accepted.caseId]);
    expect((await app.db.select().from(caseMaterials).where(and(eq(caseMaterials.caseId, accepted.caseId), eq(caseMaterials.materialId, 'm-articles'))))[0]!.provided).toBe(true);
    // The approver's step goes on; a second 补正完成 is refused.
    ({ detail } = await actionOf(approver, accepted.caseId, 'approve'));
    expect(detail.history.at(-1)).toMatchObject({ stepStatus: '恢复计时（补正）' });
    expect(await refusal(window.api.desk.materials.receiveSupplement({ ...input, expectedVersion: detail.case.version }))).toEqual({ code: 'BAD_REQUEST', message: '该办件当前没有等待补正的环节，不能登记补正材料' });
  }, 120_000);

  it('receives the supplements of a 补正告知 given at acceptance (the missing required materials)', async () => {
    const accepted = await window.api.desk.accept({ ...enterpriseCase, applicant: { ...enterpriseCase.applicant, creditCode: '91150000MA0N7XRC36', name: '锡林郭勒云牧有限公司' }, materials: enterpriseCase.materials.filter((entry) => entry.materialId !== 'm-officers'), decision: 'supplement', reason: '缺少任职文件' });
    const pending = await window.api.desk.materials.supplements({ caseId: accepted.caseId });
    expect(pending.pending).toEqual([expect.objectContaining({ label: '受理', requestedMaterials: [{ id: 'm-officers', name: '法定代表人、董事、监事和经理的任职文件及身份证明' }] })]);
    const officers = await upload('任职文件.pdf');
    await window.api.desk.materials.receiveSupplement({ caseId: accepted.caseId, expectedVersion: pending.version, taskId: pending.pending[0]!.taskId, materials: [{ materialId: 'm-officers', files: [{ fileId: officers.fileId }] }] });
    const detail = await window.api.desk.case({ caseId: accepted.caseId });
    expect(detail.case.paused).toBe(false);
    expect(detail.actions.map((action) => action.type)).toContain('approve');
  }, 60_000);

  it('keeps validity dates: refuses an expired new file and the reuse of an expired one, and marks expired offers', async () => {
    const applicant = { ...enterpriseCase.applicant, creditCode: '91150000MA0N7XRC36', name: '锡林郭勒云牧有限公司' };
    // Received in May, valid until the end of May.
    const may = new Date('2026-05-20T02:00:00Z');
    app.setNow(may);
    const licence = await upload('旧营业执照.pdf', may);
    const current = await upload('新营业执照.pdf', may);
    await window.api.desk.accept({ ...enterpriseCase, applicant, materials: enterpriseCase.materials.map((entry) => (entry.materialId === 'm-id' ? { ...entry, files: [{ fileId: licence.fileId, validUntil: '2026-05-31' }, { fileId: current.fileId, validUntil: '2027-12-31' }] } : entry)) });
    app.setNow(clock);

    const offers = (await window.api.desk.materials.offers({ itemId: enterpriseCase.itemId, applicantIdNumber: applicant.creditCode }))['m-id']!;
    expect(offers.map((offer) => ({ fileId: offer.fileId, validUntil: offer.validUntil, expired: offer.expired }))).toEqual(
      expect.arrayContaining([
        { fileId: licence.fileId, validUntil: '2026-05-31', expired: true },
        { fileId: current.fileId, validUntil: '2027-12-31', expired: false },
      ]),
    );
    const expired = offers.find((offer) => offer.fileId === licence.fileId)!;
    const reuse = (offer: typeof expired) => enterpriseCase.materials.map((entry) => (entry.materialId === 'm-id' ? { ...entry, files: [{ fileId: offer.fileId, reusedFrom: offer.applicantMaterialId }] } : entry));
    expect(await refusal(window.api.desk.accept({ ...enterpriseCase, applicant, materials: reuse(expired) }))).toEqual({ code: 'BAD_REQUEST', message: '材料“股东主体资格证明或者自然人身份证明”：复用的文件已于2026-05-31过期，请重新上传' });
    // A new file given with a validity that has passed is refused too.
    const stale = await upload('过期身份证.pdf');
    expect(await refusal(window.api.desk.accept({ ...enterpriseCase, applicant, materials: enterpriseCase.materials.map((entry) => (entry.materialId === 'm-id' ? { ...entry, files: [{ fileId: stale.fileId, validUntil: '2026-05-31' }] } : entry)) }))).toEqual({
      code: 'BAD_REQUEST',
      message: '材料“股东主体资格证明或者自然人身份证明”：“过期身份证.pdf”的有效期至2026-05-31，已过期，不能作为有效材料收取',
    });
    // The valid one is reused, keeping its validity in the library.
    const ok = await window.api.desk.accept({ ...enterpriseCase, applicant, materials: reuse(offers.find((offer) => offer.fileId === current.fileId)!) });
    expect((await window.api.desk.materials.ofCase({ caseId: ok.caseId })).map((file) => file.fileId)).toEqual([current.fileId]);
  }, 60_000);
});
