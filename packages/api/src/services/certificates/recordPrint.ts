import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, count, eq } from 'drizzle-orm';
import { renderTemplatePdf, type TemplateData } from '@xlgl/documents';
import type { OrganizationDocument } from '@xlgl/schema';
import { appendAudit, certificatePrints, certificates, readDocument, windowPrintOffsets, type Db } from '@xlgl/db';
import { prepareTemplate } from '../templates/prepareTemplate.js';
import { readTemplateVersion } from '../templates/templates.js';
import { certificateStatus, certificateStatusLabels, readCertificate } from './library.js';
import { loadSealForSigning } from './seals.js';
import { diskFileStore, type FileStore } from './storage.js';
import { progressUrl, verificationUrl } from './issueCertificate.js';

export type PrintOffset = { x: number; y: number };

/** The printer calibration of a window (0/0 until set). */
export async function windowPrintOffset(db: Db, windowId: string): Promise<PrintOffset> {
  const [row] = await db.select().from(windowPrintOffsets).where(eq(windowPrintOffsets.windowId, windowId));
  return row ? { x: row.xMm, y: row.yMm } : { x: 0, y: 0 };
}

export async function setWindowPrintOffset(db: Db, input: { windowId: string; offset: PrintOffset; actor: string; now: Date }): Promise<PrintOffset> {
  const window = (await readDocument(db, 'organization', input.windowId))?.body as unknown as OrganizationDocument | undefined;
  if (!window || window.type !== 'window') throw new TRPCError({ code: 'BAD_REQUEST', message: `“${input.windowId}”不是窗口，打印偏移只能按窗口设置` });
  await db
    .insert(windowPrintOffsets)
    .values({ windowId: input.windowId, xMm: input.offset.x, yMm: input.offset.y, updatedAt: input.now, updatedBy: input.actor })
    .onConflictDoUpdate({ target: windowPrintOffsets.windowId, set: { xMm: input.offset.x, yMm: input.offset.y, updatedAt: input.now, updatedBy: input.actor } });
  await appendAudit(db, { actor: input.actor, action: 'print-offset.set', target: `organization/${input.windowId}`, detail: input.offset }, input.now);
  return input.offset;
}

/**
 * Called inside the print transaction after the first print of a certificate issued for a case. The
 * case runtime registers the engine's `record-print` action here (the certificate-print gate), so a
 * failing gate rolls the print record back.
 */
export type CertificatePrintedEvent = { caseId: string; certificateId: string; certificateNumber: string; windowId: string; actor: string; now: Date; reprint: boolean };
export const printGate: { onPrinted?: (tx: Db, event: CertificatePrintedEvent) => Promise<void> } = {};

export type RecordPrintInput = {
  certificateId: string;
  windowId: string;
  /** Required for every print after the first (补打): why the certificate is printed again. */
  reprintReason?: string;
  actor: string;
  now: Date;
  files?: FileStore;
  /** Runs inside the print transaction for a certificate issued for a case (default: {@link printGate}). */
  onPrinted?: (tx: Db, event: CertificatePrintedEvent) => Promise<void>;
};

export type RecordedPrint = { printId: string; reprint: boolean; offset: PrintOffset; pdf: Uint8Array; certificateNumber: string };

/**
 * Records a print (or reprint, which needs a reason) of a valid certificate at a window and returns
 * the PDF to print: the signed file itself, or — when the window has a printer offset — the same
 * content rendered shifted by the offset (a print copy; the signed file stays the one of record).
 */
export async function recordPrint(db: Db, input: RecordPrintInput): Promise<RecordedPrint> {
  const certificate = await readCertificate(db, input.certificateId);
  const status = certificateStatus(certificate, input.now);
  if (status !== 'valid') throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `证照“${certificate.number}”${certificateStatusLabels[status]}，不能打印` });
  const offset = await windowPrintOffset(db, input.windowId);
  const files = input.files ?? diskFileStore();
  let pdf: Uint8Array;
  if (offset.x === 0 && offset.y === 0) {
    const stored = await files.get(certificate.pdfSha256);
    if (!stored) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `证照文件缺失：${certificate.pdfSha256}` });
    pdf = stored;
  } else {
    const template = await readTemplateVersion(db, certificate.templateKind as 'certificate-template', certificate.templateId, certificate.templateVersion);
    const seal = await loadSealForSigning(db, certificate.issuerOrganizationId, input.actor);
    const data = certificate.data as TemplateData;
    const prepared = prepareTemplate(template, data, { verifyUrl: verificationUrl(certificate), progressUrl: progressUrl(data.case?.caseNumber as string | undefined) });
    pdf = await renderTemplatePdf(prepared, data, { variant: certificate.variant as 'original' | 'copy', seal: seal.appearance, offsetMm: offset, title: `${certificate.name} ${certificate.number}` });
  }
  return db.transaction(async (tx) => {
    // Lock the certificate row so two windows cannot both record "the first print".
    await tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.id, certificate.id)).for('update');
    const [previous] = await tx.select({ total: count() }).from(certificatePrints).where(and(eq(certificatePrints.certificateId, certificate.id)));
    const reprint = Number(previous?.total ?? 0) > 0;
    const reason = input.reprintReason?.trim() || null;
    if (reprint && (!reason || reason.length < 2)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `证照“${certificate.number}”已打印过，补打须填写补打原因` });
    }
    const printId = randomUUID();
    await tx.insert(certificatePrints).values({
      id: printId,
      certificateId: certificate.id,
      windowId: input.windowId,
      reprint,
      reason,
      offsetXMm: offset.x,
      offsetYMm: offset.y,
      printedAt: input.now,
      printedBy: input.actor,
    });
    await appendAudit(tx, { actor: input.actor, action: reprint ? 'certificate.reprint' : 'certificate.print', target: `certificate/${certificate.id}`, detail: { number: certificate.number, windowId: input.windowId, reason } }, input.now);
    const onPrinted = input.onPrinted ?? printGate.onPrinted;
    if (certificate.caseId && onPrinted) {
      await onPrinted(tx, { caseId: certificate.caseId, certificateId: certificate.id, certificateNumber: certificate.number, windowId: input.windowId, actor: input.actor, now: input.now, reprint });
    }
    return { printId, reprint, offset, pdf, certificateNumber: certificate.number };
  });
}

export type PrintRecord = { id: string; windowId: string; reprint: boolean; reason: string | null; printedAt: string; printedBy: string };

export async function listPrints(db: Db, certificateId: string): Promise<PrintRecord[]> {
  const rows = await db.select().from(certificatePrints).where(eq(certificatePrints.certificateId, certificateId)).orderBy(certificatePrints.printedAt);
  return rows.map((row) => ({ id: row.id, windowId: row.windowId, reprint: row.reprint, reason: row.reason, printedAt: row.printedAt.toISOString(), printedBy: row.printedBy }));
}
