import { TRPCError } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import { certificateAutoIssues, certificatePrints, certificates, cases, readDocument, type Db } from '@xlgl/db';
import type { TemplateDocument } from '@xlgl/documents';
import type { CertificateTemplateDocument, FlowDocument, ItemDocument } from '@xlgl/schema';
import { readDocumentVersion } from '../cases/runtime.js';
import { automaticIssueMaxAttempts, caseFormValues, issueAutomaticCertificates } from './automaticIssue.js';
import { issueCertificate, issuingDepartmentOf, type IssuedCertificate } from './issueCertificate.js';
import { toCertificateSummary, type CertificateSummary } from './library.js';
import type { FileStore } from './storage.js';

/** The refusal when the print gate is to be passed without a certificate printed through the system (T4). */
export const printGateRefusal = '请先签发并打印本办件的证照：证照打印关口只能通过在办件页面签发证照并打印通过，不能直接登记';

/**
 * Whether a certificate issued for the case has been printed (a `certificate_prints` row). Run on the
 * print transaction by the print gate, so the print row written there is seen.
 */
export async function caseCertificatePrinted(db: Db, caseId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: certificatePrints.id })
    .from(certificatePrints)
    .innerJoin(certificates, eq(certificates.id, certificatePrints.certificateId))
    .where(eq(certificates.caseId, caseId))
    .limit(1);
  return Boolean(row);
}

/** The print gate refuses `record-print` unless a certificate of the case was printed through the system. */
export async function assertCaseCertificatePrinted(db: Db, caseId: string): Promise<void> {
  if (!(await caseCertificatePrinted(db, caseId))) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: printGateRefusal });
}

type CaseRow = typeof cases.$inferSelect;

async function caseRowOf(db: Db, caseId: string): Promise<CaseRow> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '办件不存在' });
  return row;
}

/**
 * The certificate template a case is issued from: the one chosen on the flow's print gate, else the
 * item's result (办理结果 → 证照模板), in the versions the case runs with.
 */
export async function boundTemplateIdOf(db: Db, row: Pick<CaseRow, 'flowId' | 'flowVersion' | 'itemId' | 'itemVersion'>): Promise<string | null> {
  const flow = await readDocumentVersion<FlowDocument>(db, 'flow', row.flowId, row.flowVersion);
  const gate = flow.nodes.find((node) => node.type === 'print-gate' && (node.settings as { certificateTemplateId?: string } | undefined)?.certificateTemplateId);
  const fromGate = (gate?.settings as { certificateTemplateId?: string } | undefined)?.certificateTemplateId;
  if (fromGate) return fromGate;
  const item = await readDocumentVersion<ItemDocument>(db, 'item', row.itemId, row.itemVersion);
  return item.result.certificateTemplateId ?? null;
}

/** Whether a template draws anything differently on the original and the copy (正本/副本). */
export function templateHasVariants(template: Pick<TemplateDocument, 'elements'>): boolean {
  return template.elements.some((element) => {
    const variants = (element as { variants?: string[] }).variants ?? ['original', 'copy'];
    return !(variants.includes('original') && variants.includes('copy'));
  });
}

export type CaseCertificateTemplate = { id: string; name: string; certificateName: string; published: boolean; version: number | null; hasVariants: boolean; departmentId: string | null };

export type CaseCertificates = {
  template: CaseCertificateTemplate | null;
  certificates: Array<CertificateSummary & { variant: string }>;
  automaticIssue: { status: string; attempts: number; maxAttempts: number; lastError: string | null; updatedAt: string } | null;
  printed: boolean;
};

/** The case screen's certificate panel: the bound template, the certificates issued for the case with their prints, the automatic issue. */
export async function caseCertificates(db: Db, caseId: string, now: Date): Promise<CaseCertificates> {
  const row = await caseRowOf(db, caseId);
  const templateId = await boundTemplateIdOf(db, row);
  let template: CaseCertificateTemplate | null = null;
  if (templateId) {
    const published = await readDocument(db, 'certificate-template', templateId);
    const body = published?.body as unknown as CertificateTemplateDocument | undefined;
    template = {
      id: templateId,
      name: body?.name ?? templateId,
      certificateName: body?.certificateName ?? body?.name ?? templateId,
      published: Boolean(body),
      version: published?.version ?? null,
      hasVariants: body ? templateHasVariants(body) : false,
      departmentId: body ? (issuingDepartmentOf(body as unknown as TemplateDocument, row.departmentId) ?? null) : null,
    };
  }
  const rows = await db
    .select({ row: certificates, prints: sql<number>`(select count(*)::int from ${certificatePrints} p where p.certificate_id = ${certificates}.id)` })
    .from(certificates)
    .where(eq(certificates.caseId, caseId))
    .orderBy(asc(certificates.issuedAt), asc(certificates.number));
  const [automatic] = await db.select().from(certificateAutoIssues).where(eq(certificateAutoIssues.caseId, caseId));
  const list = rows.map(({ row: certificate, prints }) => ({ ...toCertificateSummary(certificate, now, Number(prints)), variant: certificate.variant }));
  return {
    template,
    certificates: list,
    automaticIssue: automatic ? { status: automatic.status, attempts: automatic.attempts, maxAttempts: automaticIssueMaxAttempts, lastError: automatic.lastError, updatedAt: automatic.updatedAt.toISOString() } : null,
    printed: list.some((certificate) => certificate.printCount > 0),
  };
}

/**
 * 签发证照 on the case screen: from the template bound to the case's item (or its print gate), with the
 * case's form record made display-ready, the applicant as holder — exactly what automatic issue does.
 * A case that already has a valid certificate of that template and variant is refused (补打 instead).
 */
export async function issueCaseCertificate(db: Db, input: { caseId: string; variant: 'original' | 'copy'; actor: string; now: Date; files?: FileStore }): Promise<IssuedCertificate> {
  const row = await caseRowOf(db, input.caseId);
  if (row.outcome && row.outcome !== 'approved') throw new TRPCError({ code: 'PRECONDITION_FAILED', message: '办件未获准予，不能签发证照' });
  // While the case runs, the certificate is made at its print gate (after the approvals), not before.
  const state = row.state as { tasks?: Array<{ nodeType?: string }>; facts?: { certificatePrinted?: boolean } };
  if (row.status === 'running' && !state.facts?.certificatePrinted && !(state.tasks ?? []).some((task) => task.nodeType === 'print-gate')) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: '办件尚未办理到“证照打印”环节，审批通过后才能签发证照' });
  }
  const templateId = await boundTemplateIdOf(db, row);
  if (!templateId) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `事项“${row.itemName}”未绑定证照模板，不能签发证照（请配置员在事项的办理结果中选择证照模板）` });
  const [existing] = await db
    .select({ number: certificates.number })
    .from(certificates)
    .where(and(eq(certificates.caseId, row.id), eq(certificates.templateId, templateId), eq(certificates.variant, input.variant), eq(certificates.status, 'valid')));
  if (existing) throw new TRPCError({ code: 'CONFLICT', message: `本办件已签发${input.variant === 'copy' ? '副本' : '正本'}证照“${existing.number}”，如需再次打印请使用“补打”` });
  const form = await caseFormValues(db, row);
  return issueCertificate(db, { templateId, caseId: row.id, data: { form }, variant: input.variant, actor: input.actor, now: input.now, files: input.files });
}

/** 重试: works a case's automatic issue again now (one more attempt after it failed or while it waits). */
export async function retryAutomaticIssue(db: Db, input: { caseId: string; now: Date; files?: FileStore }) {
  const [request] = await db.select().from(certificateAutoIssues).where(eq(certificateAutoIssues.caseId, input.caseId));
  if (!request) throw new TRPCError({ code: 'NOT_FOUND', message: '该办件没有自动签发证照的记录' });
  if (request.status === 'issued' || request.status === 'skipped') throw new TRPCError({ code: 'CONFLICT', message: '该办件的证照已签发，无需重试' });
  await db
    .update(certificateAutoIssues)
    .set({ status: 'pending', attempts: Math.min(request.attempts, automaticIssueMaxAttempts - 1), updatedAt: input.now })
    .where(and(eq(certificateAutoIssues.caseId, input.caseId), eq(certificateAutoIssues.status, request.status)));
  const [outcome] = await issueAutomaticCertificates(db, { caseId: input.caseId, now: input.now, files: input.files });
  return outcome ?? { caseId: input.caseId, status: 'pending' as const };
}
