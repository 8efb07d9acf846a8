import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { verifyPdf } from '@xlgl/documents';
import { auditLog, certificateAutoIssues, certificateNumberSequences, certificates, readDocument, writeDocument } from '@xlgl/db';
import type { FlowDocument } from '@xlgl/schema';
import { acceptFoodBusinessCase, createCertificateTestApp, foodBusinessApplicant as applicant, refusal, testDatabaseKinds, type CertificateTestApp, type TestApp, type TestClient } from '../../testing/index.js';
import { housekeeping } from '../housekeeping.js';
import { automaticCertificatesSettled, issueAutomaticCertificates } from './automaticIssue.js';
import { chinaDateOf } from './chinaDate.js';
import { ensurePlatformCa } from './seals.js';
import { diskFileStore } from './storage.js';

// Seal certificates are valid from the real clock (minus five minutes): the test clock runs just after it.
const now = new Date(Date.now() + 60_000);
const today = chinaDateOf(now);

describe.each(testDatabaseKinds())('certificates issued automatically at completion on %s', (kind) => {
  let setup: CertificateTestApp | undefined;
  let app: TestApp;
  let dataDir: string;
  let window: TestClient;
  let approver: TestClient;
  let leader: TestClient;
  let admin: TestClient;

  beforeAll(async () => {
    setup = await createCertificateTestApp({ kind, prefix: 'xlgl-auto-cert-', now });
    ({ app, dataDir, window, approver, leader, admin } = setup);
    // Automatic issue serves flows without a print gate (with one, the window issues and prints on the case
    // screen before completion — printGate.test.ts): publish the food flow with its gate taken out.
    const flow = (await readDocument(app.db, 'flow', 'flow-food-business'))!.body as unknown as FlowDocument;
    const gate = flow.nodes.find((node) => node.type === 'print-gate')!;
    const after = flow.edges.find((edge) => edge.source === gate.id)!.target;
    const withoutGate = {
      ...flow,
      nodes: flow.nodes.filter((node) => node.id !== gate.id),
      edges: flow.edges.filter((edge) => edge.source !== gate.id).map((edge) => (edge.target === gate.id ? { ...edge, target: after } : edge)),
    };
    await app.db.transaction((tx) => writeDocument(tx, { kind: 'flow', id: flow.id, body: withoutGate as unknown as Record<string, unknown>, references: [], actor: 'test' }));
  }, 120_000);

  afterAll(async () => {
    await setup?.close();
  });

  const acceptFoodCase = () => acceptFoodBusinessCase(app, window);

  /** Walks the case through every open step (approvals, delivery) until it completes. */
  async function completeCase(caseId: string): Promise<void> {
    for (let round = 0; round < 20; round++) {
      let acted = false;
      for (const client of [approver, leader, window]) {
        const detail = await client.api.desk.case({ caseId });
        if (detail.case.status === 'concluded') return;
        const action = detail.actions.find((entry) => entry.type === 'approve' && !entry.disabledReason);
        if (!action) continue;
        await client.api.desk.act({ caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: '同意' }, result: { deliveryMethod: '窗口领取' } });
        acted = true;
        break;
      }
      if (!acted) throw new Error(`no action available on case ${caseId}`);
    }
    throw new Error(`case ${caseId} did not complete`);
  }

  const certificatesOf = (caseId: string) => app.db.select().from(certificates).where(eq(certificates.caseId, caseId));
  const requestOf = async (caseId: string) => (await app.db.select().from(certificateAutoIssues).where(eq(certificateAutoIssues.caseId, caseId)))[0];

  it('completion issues the certificate once: number by the rule, holder, validity, signed PDF with its hash and the seal; a retry is a no-op', async () => {
    await admin.api.certificates.seals.create({ organizationId: 'org-lg-scjgj', subtitle: '行政审批专用章' });
    const caseId = await acceptFoodCase();
    expect(await requestOf(caseId)).toBeUndefined();
    await completeCase(caseId);
    await automaticCertificatesSettled();

    const issued = await certificatesOf(caseId);
    expect(issued).toHaveLength(1);
    const certificate = issued[0]!;
    expect(certificate).toMatchObject({
      templateId: 'cert-food-business',
      kind: 'certificate',
      name: '食品经营许可证',
      holderName: applicant.name,
      holderIdNumber: applicant.creditCode,
      issuerOrganizationId: 'org-lg-scjgj',
      itemId: 'item-food-business',
      validFrom: today,
      status: 'valid',
      issuedBy: 'user-lg-window',
    });
    // cert-food-business: number rule JY{regionCode}{seq:6}, five years of validity.
    expect(certificate.number).toMatch(/^JY152500\d{6}$/);
    const until = new Date(`${today}T00:00:00Z`);
    until.setUTCFullYear(until.getUTCFullYear() + 5);
    until.setUTCDate(until.getUTCDate() - 1);
    expect(certificate.validUntil).toBe(until.toISOString().slice(0, 10));
    // The form's option codes are printed as their labels (display-ready data).
    const data = certificate.data as { form: Record<string, unknown>; case: Record<string, unknown> };
    expect(data.form.f_applicant_name).toBe(applicant.name);
    expect(typeof data.form.f_business_form).toBe('string');
    expect(String(data.form.f_business_form)).not.toMatch(/^[a-z0-9_-]+$/);

    // The PDF is stored by its hash and verifies against the platform CA with the stored SM2 record.
    const pdf = await diskFileStore(join(dataDir, 'files')).get(certificate.pdfSha256);
    expect(pdf).not.toBeNull();
    const ca = await ensurePlatformCa(app.db, 'test');
    const verification = await verifyPdf(pdf!, { ca: { certificatePem: ca.certificatePem }, recorded: { sm3: certificate.sm3, sm2Signature: certificate.sm2Signature, sm2PublicKey: certificate.sm2PublicKey } });
    expect(verification.status).toBe('valid');
    expect(verification.signer?.commonName).toContain('锡林郭勒盟市场监督管理局');

    const request = await requestOf(caseId);
    expect(request).toMatchObject({ status: 'issued', certificateId: certificate.id, attempts: 1, templateId: 'cert-food-business', requestedBy: 'user-lg-window' });
    const audit = await app.db.select().from(auditLog).where(and(eq(auditLog.action, 'certificate.issue'), eq(auditLog.target, `certificate/${certificate.id}`)));
    expect(audit).toHaveLength(1);

    // Running the worker again, or twice at once on a request forced back to pending, never issues a second one.
    expect(await issueAutomaticCertificates(app.db, { caseId })).toEqual([]);
    await app.db.update(certificateAutoIssues).set({ status: 'pending' }).where(eq(certificateAutoIssues.caseId, caseId));
    const [first, second] = await Promise.all([issueAutomaticCertificates(app.db, { caseId, now }), issueAutomaticCertificates(app.db, { caseId, now })]);
    expect([...first, ...second].map((outcome) => outcome.status)).toEqual(['skipped']);
    expect(await certificatesOf(caseId)).toHaveLength(1);
  }, 120_000);

  it('a certificate issued by hand before completion is kept: the automatic request is skipped', async () => {
    const caseId = await acceptFoodCase();
    const manual = await window.api.certificates.issue({ templateId: 'cert-food-business', caseId });
    await completeCase(caseId);
    await automaticCertificatesSettled();
    expect((await certificatesOf(caseId)).map((row) => row.id)).toEqual([manual.certificate.id]);
    expect(await requestOf(caseId)).toMatchObject({ status: 'skipped', certificateId: manual.certificate.id });
  }, 120_000);

  it('concurrent workers on one pending request issue exactly one certificate', async () => {
    const caseId = await acceptFoodCase();
    // A durable request as the completion transaction writes it (the case itself need not be complete for the worker).
    await app.db.insert(certificateAutoIssues).values({ caseId, itemId: 'item-food-business', itemVersion: 1, templateId: 'cert-food-business', status: 'pending', requestedBy: 'user-lg-window', requestedAt: now, updatedAt: now });
    const outcomes = (await Promise.all([1, 2, 3].map(() => issueAutomaticCertificates(app.db, { caseId, now })))).flat();
    expect(outcomes.filter((outcome) => outcome.status === 'issued')).toHaveLength(1);
    expect(await certificatesOf(caseId)).toHaveLength(1);
  }, 120_000);

  it('a failure (no seal for the department) is recorded, spends no number, and a later run issues it', async () => {
    const caseId = await acceptFoodCase();
    await app.db.insert(certificateAutoIssues).values({ caseId, itemId: 'item-dl-food-business', itemVersion: 1, templateId: 'cert-dl-food-business', status: 'pending', requestedBy: 'user-lg-window', requestedAt: now, updatedAt: now });
    const sequencesBefore = await app.db.select().from(certificateNumberSequences).where(eq(certificateNumberSequences.templateId, 'cert-dl-food-business'));
    const [failed] = await issueAutomaticCertificates(app.db, { caseId, now });
    expect(failed).toMatchObject({ caseId, status: 'pending' });
    expect(failed!.error).toContain('尚未生成电子印章');
    expect(await requestOf(caseId)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await certificatesOf(caseId)).toHaveLength(0);
    expect(await app.db.select().from(certificateNumberSequences).where(eq(certificateNumberSequences.templateId, 'cert-dl-food-business'))).toEqual(sequencesBefore);

    const template = (await readDocument(app.db, 'certificate-template', 'cert-dl-food-business'))!.body as { departmentId?: string; elements: Array<{ type: string; organizationId?: string }> };
    const department = template.elements.find((element) => element.type === 'seal' && element.organizationId)?.organizationId ?? template.departmentId!;
    await admin.api.certificates.seals.create({ organizationId: department });
    // The hourly housekeeping job works pending requests (after a crash or a failure like this one).
    await housekeeping(app.db);
    expect(await certificatesOf(caseId)).toHaveLength(1);
    expect(await requestOf(caseId)).toMatchObject({ status: 'issued', attempts: 2, lastError: null });
  }, 120_000);
  it('a failed automatic issue shows on the case panel and 重试 issues it now', async () => {
    const caseId = await acceptFoodCase();
    await app.db.insert(certificateAutoIssues).values({ caseId, itemId: 'item-food-business', itemVersion: 1, templateId: 'cert-food-business', status: 'failed', attempts: 5, lastError: '锡林郭勒盟市场监督管理局尚未生成电子印章', requestedBy: 'user-lg-window', requestedAt: now, updatedAt: now });
    expect((await window.api.certificates.forCase({ caseId })).automaticIssue).toMatchObject({ status: 'failed', attempts: 5, maxAttempts: 5, lastError: '锡林郭勒盟市场监督管理局尚未生成电子印章' });
    // Housekeeping gave up on it; the retry works it once more, now.
    expect(await issueAutomaticCertificates(app.db, { caseId, now })).toEqual([]);
    const outcome = await window.api.certificates.retryAutomatic({ caseId });
    expect(outcome).toMatchObject({ caseId, status: 'issued' });
    const panel = await window.api.certificates.forCase({ caseId });
    expect(panel.automaticIssue).toMatchObject({ status: 'issued', lastError: null });
    expect(panel.certificates.map((certificate) => certificate.id)).toEqual([outcome.certificateId]);
    expect((await refusal(window.api.certificates.retryAutomatic({ caseId }))).message).toBe('该办件的证照已签发，无需重试');
  }, 120_000);
});
