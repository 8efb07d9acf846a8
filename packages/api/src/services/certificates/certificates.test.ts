import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { auditLog, cases, certificatePrints, certificates } from '@xlgl/db';
import { createTestApp, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { printGate } from './recordPrint.js';
import { listCertificates } from './library.js';
import { masterKey } from './storage.js';
import { chinaDateOf } from './chinaDate.js';
import { nextCertificateNumber } from './numberRule.js';

// Seal certificates are valid from the real clock (minus five minutes): the test clock runs just after it.
const now = new Date(Date.now() + 60_000);
const today = chinaDateOf(now);
const fiveYearsLess1Day = (() => {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 5);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
})();

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

const pdfOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

const foodBusiness = {
  f_applicant_name: '锡林浩特市草原印象餐饮有限公司',
  f_credit_code: '91152502MA0N8XYZ3K',
  f_legal_rep: '巴特尔',
  f_address: '锡林浩特市额尔敦路28号',
  f_premises: '锡林浩特市额尔敦路28号一层',
  f_business_form: '餐饮服务经营者（中型餐馆）',
  f_business_scope: ['热食类食品制售', '冷食类食品制售'],
};

describe.each(testDatabaseKinds())('certificates on %s', (kind) => {
  let app: TestApp;
  let dataDir: string;
  let admin: TestClient;
  let window: TestClient;
  let leader: TestClient;
  let config: TestClient;
  const previous = { dataDir: process.env.DATA_DIR, key: process.env.XLGL_MASTER_KEY, url: process.env.XLGL_PUBLIC_URL };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'xlgl-cert-'));
    process.env.DATA_DIR = dataDir;
    process.env.XLGL_MASTER_KEY = randomBytes(32).toString('base64');
    process.env.XLGL_PUBLIC_URL = 'https://zwfw.example.cn/';
    app = await createTestApp({ kind, metadataDir });
    app.setNow(now);
    [admin, window, leader, config] = await Promise.all([app.signIn('admin'), app.signIn('lg.window'), app.signIn('lg.leader'), app.signIn('lg.config')]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.env.DATA_DIR = previous.dataDir;
    process.env.XLGL_MASTER_KEY = previous.key;
    process.env.XLGL_PUBLIC_URL = previous.url;
  });

  it('generates seals only for authorised users, and issuing needs the department seal', async () => {
    const before = await refusal(window.api.certificates.issue({ templateId: 'cert-food-business', data: { form: foodBusiness }, holder: { name: foodBusiness.f_applicant_name, idNumber: foodBusiness.f_credit_code } }));
    expect(before).toEqual({ code: 'PRECONDITION_FAILED', message: '“锡林郭勒盟市场监督管理局”尚未生成电子印章，请先在“电子印章”中为该部门生成印章' });
    expect(await refusal(window.api.certificates.seals.create({ organizationId: 'org-lg-scjgj' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(config.api.certificates.seals.create({ organizationId: 'org-lg-gaj' }))).toEqual({ code: 'FORBIDDEN', message: '没有权限：电子印章只能由系统管理员或本部门的模板设计人员生成' });
    const seal = await config.api.certificates.seals.create({ organizationId: 'org-lg-scjgj', subtitle: '行政审批专用章' });
    expect(seal).toMatchObject({ organizationId: 'org-lg-scjgj', name: '锡林郭勒盟市场监督管理局', status: 'active' });
    const again = await admin.api.certificates.seals.create({ organizationId: 'org-lg-scjgj', subtitle: '行政审批专用章' });
    const seals = await admin.api.certificates.seals.list();
    expect(seals.filter((row) => row.organizationId === 'org-lg-scjgj').map((row) => [row.id, row.status])).toEqual([
      [again.id, 'active'],
      [seal.id, 'retired'],
    ]);
  });

  let issued: { id: string; number: string; pdf: Uint8Array };

  it('issues a signed certificate numbered by the rule that verifies as valid', async () => {
    expect(await refusal(config.api.certificates.issue({ templateId: 'cert-food-business', holder: { name: 'x', idNumber: 'y' } }))).toMatchObject({ code: 'FORBIDDEN' });
    const xlWindow = await app.signIn('xl.window');
    expect(await refusal(xlWindow.api.certificates.issue({ templateId: 'cert-food-business', holder: { name: 'x', idNumber: 'y' } }))).toMatchObject({
      code: 'FORBIDDEN',
      message: '没有权限：只有“锡林郭勒盟市场监督管理局”的人员或受理其事项的窗口人员可以使用该部门的电子印章签发证照',
    });
    const result = await window.api.certificates.issue({ templateId: 'cert-food-business', data: { form: foodBusiness }, holder: { name: foodBusiness.f_applicant_name, idNumber: foodBusiness.f_credit_code.toLowerCase() } });
    const pdf = pdfOf(result.base64);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(result.certificate).toMatchObject({
      number: 'JY152500000001',
      name: '食品经营许可证',
      holderIdNumber: '91152502MA0N8XYZ3K',
      issuerName: '锡林郭勒盟市场监督管理局',
      validFrom: today,
      validUntil: fiveYearsLess1Day,
      status: 'valid',
    });
    issued = { id: result.certificate.id, number: result.certificate.number, pdf };
    const second = await window.api.certificates.issue({ templateId: 'cert-food-business', data: { form: foodBusiness }, holder: { name: '另一家', idNumber: '91152502MA0N8XYZ4L' } });
    expect(second.certificate.number).toBe('JY152500000002');

    const anonymous = app.client();
    await anonymous.api.auth.me();
    const uploaded = await anonymous.api.verify.upload({ base64: result.base64 });
    expect(uploaded.outcome).toBe('valid');
    expect(uploaded.certificate).toMatchObject({ number: 'JY152500000001', status: 'valid' });
    expect(uploaded.details.every((detail) => detail.ok)).toBe(true);
    expect(uploaded.details.map((detail) => detail.check)).toContain('sm2-signature');
  });

  it('verifies through the QR link and refuses a wrong token', async () => {
    const text = Buffer.from(issued.pdf).toString('latin1');
    expect(text).toContain('/Type /Sig');
    const row = await window.api.certificates.get({ id: issued.id });
    expect(row).not.toHaveProperty('verifyToken', expect.any(String));
    const anonymous = app.client();
    const [stored] = await app.db.select({ token: certificates.verifyToken }).from(certificates).where(eq(certificates.id, issued.id));
    const scanned = await anonymous.api.verify.byToken({ id: issued.id, token: stored!.token });
    expect(scanned).toMatchObject({ outcome: 'valid', certificate: { number: 'JY152500000001', issuerName: '锡林郭勒盟市场监督管理局' } });
    const wrong = await anonymous.api.verify.byToken({ id: issued.id, token: 'not-the-token' });
    expect(wrong.outcome).toBe('unknown');
    expect(wrong.certificate).toBeNull();
  });

  it('any changed byte makes an uploaded PDF altered', async () => {
    const anonymous = app.client();
    await anonymous.api.auth.me();
    for (const position of [200, Math.floor(issued.pdf.length / 2), issued.pdf.length - 20]) {
      const changed = new Uint8Array(issued.pdf);
      changed[position] = changed[position]! ^ 0x01;
      const result = await anonymous.api.verify.upload({ base64: Buffer.from(changed).toString('base64') });
      expect(result.outcome, `byte ${position}`).toBe('altered');
    }
    const plain = await anonymous.api.verify.upload({ base64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64') });
    expect(plain.outcome).toBe('unknown');
  });

  it('records every print; a reprint needs a reason; the print gate hook runs in the transaction', async () => {
    expect(await refusal(leader.api.certificates.print({ certificateId: issued.id }))).toMatchObject({ code: 'FORBIDDEN' });
    const first = await window.api.certificates.print({ certificateId: issued.id });
    expect(first.reprint).toBe(false);
    expect(pdfOf(first.base64)).toEqual(issued.pdf);
    expect(await refusal(window.api.certificates.print({ certificateId: issued.id }))).toEqual({ code: 'BAD_REQUEST', message: '证照“JY152500000001”已打印过，补打须填写补打原因' });
    const reprint = await window.api.certificates.print({ certificateId: issued.id, reprintReason: '卡纸，重新打印' });
    expect(reprint.reprint).toBe(true);
    const prints = await app.db.select().from(certificatePrints).where(eq(certificatePrints.certificateId, issued.id)).orderBy(certificatePrints.printedAt);
    expect(prints.map((row) => [row.windowId, row.reprint, row.reason])).toEqual([
      ['org-lg-win-zhsl', false, null],
      ['org-lg-win-zhsl', true, '卡纸，重新打印'],
    ]);
    const audit = await app.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.target, `certificate/${issued.id}`));
    expect(audit.map((row) => row.action)).toEqual(['certificate.issue', 'certificate.print', 'certificate.reprint']);
  });

  it('applies the window printer offset to the printed copy', async () => {
    await window.api.certificates.setPrintOffset({ x: 1.5, y: -2 });
    expect(await window.api.certificates.printOffset({})).toEqual({ windowId: 'org-lg-win-zhsl', x: 1.5, y: -2 });
    const shifted = await window.api.certificates.print({ certificateId: issued.id, reprintReason: '套打偏移校准后重打' });
    expect(shifted.offset).toEqual({ x: 1.5, y: -2 });
    expect(pdfOf(shifted.base64)).not.toEqual(issued.pdf);
    await window.api.certificates.setPrintOffset({ x: 0, y: 0 });
  });

  it('a holder’s valid certificates are listed until revoked; revocation needs the leader of the issuing department and a reason', async () => {
    const held = await window.api.certificates.holderValid({ holderIdNumber: '91152502ma0n8xyz3k' });
    expect(held.map((row) => row.number)).toEqual(['JY152500000001']);
    expect(await refusal(window.api.certificates.revoke({ id: issued.id, reason: '申请人申请注销' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(leader.api.certificates.revoke({ id: issued.id, reason: ' ' }))).toEqual({ code: 'BAD_REQUEST', message: '注销证照须填写注销原因' });
    const revoked = await leader.api.certificates.revoke({ id: issued.id, reason: '申请人申请注销' });
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: '申请人申请注销' });
    expect(await refusal(leader.api.certificates.revoke({ id: issued.id, reason: '再次注销' }))).toEqual({ code: 'CONFLICT', message: '证照“JY152500000001”已注销，不能重复注销' });
    expect(await window.api.certificates.holderValid({ holderIdNumber: '91152502MA0N8XYZ3K' })).toEqual([]);
    const anonymous = app.client();
    await anonymous.api.auth.me();
    const verified = await anonymous.api.verify.upload({ base64: Buffer.from(issued.pdf).toString('base64') });
    expect(verified).toMatchObject({ outcome: 'revoked', certificate: { status: 'revoked', revokeReason: '申请人申请注销' } });
    expect(await refusal(window.api.certificates.print({ certificateId: issued.id, reprintReason: '补打' }))).toEqual({ code: 'PRECONDITION_FAILED', message: '证照“JY152500000001”已注销，不能打印' });
  });

  it('two templates with the same number rule never hand out the same number; numbers already in the library are skipped', async () => {
    const context = { regionCode: '152599', date: now };
    const first = await nextCertificateNumber(app.db, { templateId: 'tpl-a', rule: 'DUP{regionCode}{seq:4}', context });
    const second = await nextCertificateNumber(app.db, { templateId: 'tpl-b', rule: 'DUP{regionCode}{seq:4}', context });
    expect([first, second]).toEqual(['DUP1525990001', 'DUP1525990002']);
    // A number held by the library (issued under an older per-template counter) is not handed out again.
    await app.db.execute(sql`insert into certificate_number_sequences (template_id, scope, value) values ('*', 'TAKEN', 0)`);
    await app.db.execute(sql`update certificates set number = 'TAKEN1' where id = ${issued.id}`);
    expect(await nextCertificateNumber(app.db, { templateId: 'tpl-c', rule: 'TAKEN{seq}', context })).toBe('TAKEN2');
    await app.db.execute(sql`update certificates set number = ${issued.number} where id = ${issued.id}`);
  });

  it('lists the library with search, status filters and pagination; the library needs sign-in', async () => {
    expect(await refusal(app.client().api.certificates.list({}))).toMatchObject({ code: 'UNAUTHORIZED' });
    const all = await window.api.certificates.list({ page: 1, pageSize: 1 });
    expect(all.total).toBe(2);
    expect(all.rows).toHaveLength(1);
    expect((await window.api.certificates.list({ status: 'revoked' })).rows.map((row) => [row.number, row.printCount])).toEqual([['JY152500000001', 3]]);
    expect((await window.api.certificates.list({ status: 'valid' })).rows.map((row) => row.number)).toEqual(['JY152500000002']);
    expect((await window.api.certificates.list({ search: '另一家' })).rows.map((row) => row.number)).toEqual(['JY152500000002']);
    // Five years on (sessions would have expired, so the service is asked directly).
    const later = new Date(now.getTime() + 5 * 366 * 86_400_000);
    expect((await listCertificates(app.db, { status: 'expired', page: 1, pageSize: 20 }, later)).rows.map((row) => [row.number, row.status])).toEqual([['JY152500000002', 'expired']]);
    expect((await listCertificates(app.db, { status: 'valid', page: 1, pageSize: 20 }, later)).total).toBe(0);
  });

  it('the print gate hook runs inside the print transaction for case certificates; a refusing gate rolls the print back', async () => {
    await app.db.insert(cases).values({
      id: 'case-cert-1',
      number: 'LG2026112700001',
      queryPasswordHash: 'x',
      itemId: 'item-food-business',
      itemVersion: 1,
      itemName: '食品经营许可',
      itemCode: '11152500MB1234567X4000112101',
      departmentId: 'org-lg-scjgj',
      flowId: 'flow-food-business',
      flowVersion: 1,
      channel: 'window',
      applicantKind: 'enterprise',
      applicantName: '锡林郭勒盟奶食品有限公司',
      applicantIdType: 'credit-code',
      applicantIdNumber: '91152500MA0N8XYZ5M',
      centreId: 'org-lg-centre',
      regionCode: '152500',
      acceptedBy: 'user-lg-window',
      status: 'running',
      state: {},
      version: 1,
      acceptedAt: now,
    });
    const forCase = await window.api.certificates.issue({ templateId: 'cert-food-business', caseId: 'case-cert-1', data: { form: foodBusiness } });
    expect(forCase.certificate).toMatchObject({ caseId: 'case-cert-1', holderName: '锡林郭勒盟奶食品有限公司', holderIdNumber: '91152500MA0N8XYZ5M' });
    const events: Array<[string, string, boolean]> = [];
    printGate.onPrinted = async (_tx, event) => {
      events.push([event.caseId, event.certificateNumber, event.reprint]);
      if (events.length === 1) throw new TRPCError({ code: 'CONFLICT', message: '办件状态已变化，请刷新后重试' });
    };
    try {
      expect(await refusal(window.api.certificates.print({ certificateId: forCase.certificate.id }))).toEqual({ code: 'CONFLICT', message: '办件状态已变化，请刷新后重试' });
      // Rolled back: the next print is still the first one.
      const printed = await window.api.certificates.print({ certificateId: forCase.certificate.id });
      expect(printed.reprint).toBe(false);
      expect(events).toEqual([
        ['case-cert-1', forCase.certificate.number, false],
        ['case-cert-1', forCase.certificate.number, false],
      ]);
      const other = (await window.api.certificates.list({ search: '另一家' })).rows[0]!;
      await window.api.certificates.print({ certificateId: other.id });
      expect(events).toHaveLength(2);
    } finally {
      delete printGate.onPrinted;
    }
  });
});

describe('master key', () => {
  it('is generated once under the data directory with permissions 0600 when XLGL_MASTER_KEY is absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlgl-key-'));
    const previous = { dataDir: process.env.DATA_DIR, key: process.env.XLGL_MASTER_KEY };
    try {
      process.env.DATA_DIR = dir;
      delete process.env.XLGL_MASTER_KEY;
      const key = masterKey();
      expect(key.length).toBe(32);
      expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
      process.env.XLGL_MASTER_KEY = 'c2hvcnQ=';
      expect(() => masterKey()).toThrow('XLGL_MASTER_KEY 应为 32 字节密钥的 base64 编码');
    } finally {
      process.env.DATA_DIR = previous.dataDir;
      if (previous.key) process.env.XLGL_MASTER_KEY = previous.key;
      else delete process.env.XLGL_MASTER_KEY;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
