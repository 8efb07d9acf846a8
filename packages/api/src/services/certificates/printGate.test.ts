import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { caseHistory, certificatePrints, certificates, readDocument } from '@xlgl/db';
import type { FormDocument } from '@xlgl/schema';
import { acceptFoodBusinessCase, createCertificateTestApp, exampleValues, foodBusinessApplicant as applicant, foodBusinessMaterials as materials, refusal, testDatabaseKinds, type CertificateTestApp, type TestApp, type TestClient } from '../../testing/index.js';
import { dictionaries } from '../cases/runtime.js';
import { printGateRefusal } from './caseCertificates.js';

// Seal certificates are valid from the real clock (minus five minutes): the test clock runs just after it.
const now = new Date(Date.now() + 60_000);

describe.each(testDatabaseKinds())('the certificate-print gate on %s', (kind) => {
  let setup: CertificateTestApp | undefined;
  let app: TestApp;
  let window: TestClient;
  let approver: TestClient;
  let leader: TestClient;

  beforeAll(async () => {
    setup = await createCertificateTestApp({ kind, prefix: 'xlgl-print-gate-', now });
    ({ app, window, approver, leader } = setup);
    await setup.admin.api.certificates.seals.create({ organizationId: 'org-lg-scjgj', subtitle: '行政审批专用章' });
  }, 120_000);

  afterAll(async () => {
    await setup?.close();
  });

  /** Accepts a 食品经营许可 case and approves every step until the window holds its print gate. */
  async function caseAtPrintGate(): Promise<string> {
    const caseId = await acceptFoodBusinessCase(app, window);
    for (let round = 0; round < 20; round++) {
      if ((await window.api.desk.case({ caseId })).actions.some((action) => action.type === 'record-print')) return caseId;
      let acted = false;
      for (const client of [approver, leader, window]) {
        const detail = await client.api.desk.case({ caseId });
        const action = detail.actions.find((entry) => entry.type === 'approve' && !entry.disabledReason);
        if (!action) continue;
        await client.api.desk.act({ caseId, expectedVersion: detail.case.version, action: { type: 'approve', taskId: action.taskId!, comment: '同意' } });
        acted = true;
        break;
      }
      if (!acted) throw new Error(`no action available on case ${caseId}`);
    }
    throw new Error(`case ${caseId} never reached the print gate`);
  }

  const historyCount = async (caseId: string) => Number((await app.db.select({ total: count() }).from(caseHistory).where(eq(caseHistory.caseId, caseId)))[0]!.total);

  it('refuses record-print without a certificate printed through the system, and writes nothing', async () => {
    const caseId = await caseAtPrintGate();
    const before = await window.api.desk.case({ caseId });
    const entries = await historyCount(caseId);
    expect(await refusal(window.api.desk.act({ caseId, expectedVersion: before.case.version, action: { type: 'record-print', certificateNo: 'JY1525002026000001' } }))).toEqual({ code: 'PRECONDITION_FAILED', message: printGateRefusal });

    // Issued but not printed: still refused.
    const panel = await window.api.certificates.forCase({ caseId });
    expect(panel).toMatchObject({ template: { id: 'cert-food-business', published: true, hasVariants: true, departmentId: 'org-lg-scjgj' }, certificates: [], printed: false, mayIssue: true, mayPrint: true });
    const issued = await window.api.certificates.issueForCase({ caseId, variant: 'original' });
    expect(issued.certificate).toMatchObject({ templateId: 'cert-food-business', caseId, holderName: applicant.name, printCount: 0 });
    expect(await refusal(window.api.desk.act({ caseId, expectedVersion: before.case.version, action: { type: 'record-print' } }))).toMatchObject({ code: 'PRECONDITION_FAILED', message: printGateRefusal });

    const after = await window.api.desk.case({ caseId });
    expect(after.case.version).toBe(before.case.version);
    expect(after.actions.map((action) => action.type)).toContain('record-print');
    expect(await historyCount(caseId)).toBe(entries);
    // A second original of the same template is refused: the window reprints instead.
    expect(await refusal(window.api.certificates.issueForCase({ caseId, variant: 'original' }))).toEqual({ code: 'CONFLICT', message: `本办件已签发正本证照“${issued.certificate.number}”，如需再次打印请使用“补打”` });
  }, 180_000);

  it('issue and print on the case advance the case past its gate; a reprint needs a reason and is recorded', async () => {
    const caseId = await caseAtPrintGate();
    const before = await window.api.desk.case({ caseId });
    const { certificate } = await window.api.certificates.issueForCase({ caseId, variant: 'original' });
    const printed = await window.api.certificates.print({ certificateId: certificate.id });
    expect(printed.reprint).toBe(false);

    const after = await window.api.desk.case({ caseId });
    expect(after.case.version).toBeGreaterThan(before.case.version);
    expect(after.actions.map((action) => action.type)).not.toContain('record-print');
    expect(after.history.some((entry) => entry.stepStatus === '已制证')).toBe(true);
    const panel = await window.api.certificates.forCase({ caseId });
    expect(panel.printed).toBe(true);
    expect(panel.certificates).toEqual([expect.objectContaining({ id: certificate.id, printCount: 1, variant: 'original' })]);

    // 补打: refused without a reason, recorded with one; the case does not move again.
    expect(await refusal(window.api.certificates.print({ certificateId: certificate.id }))).toEqual({ code: 'BAD_REQUEST', message: `证照“${certificate.number}”已打印过，补打须填写补打原因` });
    const reprinted = await window.api.certificates.print({ certificateId: certificate.id, reprintReason: '打印机卡纸，重新打印' });
    expect(reprinted.reprint).toBe(true);
    expect((await window.api.desk.case({ caseId })).case.version).toBe(after.case.version);
    const prints = await app.db.select().from(certificatePrints).where(eq(certificatePrints.certificateId, certificate.id));
    expect(prints.map((print) => [print.reprint, print.reason])).toEqual([
      [false, null],
      [true, '打印机卡纸，重新打印'],
    ]);

    // Printing a copy (副本) later is allowed and does not touch the case either.
    const copy = await window.api.certificates.issueForCase({ caseId, variant: 'copy' });
    expect(copy.certificate.number).not.toBe(certificate.number);
    expect(await app.db.select({ variant: certificates.variant }).from(certificates).where(eq(certificates.caseId, caseId))).toHaveLength(2);
  }, 180_000);

  it('a running case gets its certificate only at the print gate, after the approvals', async () => {
    const form = (await readDocument(app.db, 'form', 'form-food-business'))!.body as unknown as FormDocument;
    const values = exampleValues(form, await dictionaries(app.db));
    const { caseId } = await window.api.desk.accept({ itemId: 'item-food-business', applicant, formValues: { ...values, f_applicant_name: applicant.name }, materials, decision: 'accept' });
    expect(await refusal(window.api.certificates.issueForCase({ caseId, variant: 'original' }))).toEqual({ code: 'PRECONDITION_FAILED', message: '办件尚未办理到“证照打印”环节，审批通过后才能签发证照' });
    expect(await app.db.select().from(certificates).where(eq(certificates.caseId, caseId))).toHaveLength(0);
  }, 180_000);

  it('only users who may open the case see its certificate panel', async () => {
    const caseId = await caseAtPrintGate();
    const other = await app.signIn('xl.window');
    expect((await refusal(other.api.certificates.forCase({ caseId }))).code).toBe('FORBIDDEN');
    expect((await refusal(other.api.certificates.issueForCase({ caseId, variant: 'original' }))).code).toBe('FORBIDDEN');
  }, 180_000);
});
