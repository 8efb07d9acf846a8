import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { printableText, renderTemplatePdf, signPdf, sm2SignDigest, type TemplateData, type TemplateDocument } from '@xlgl/documents';
import type { CertificateTemplateDocument, OrganizationDocument, TemplateCaseKey } from '@xlgl/schema';
import { appendAudit, cases, certificates, readDocument, type Db } from '@xlgl/db';
import { prepareTemplate } from '../templates/prepareTemplate.js';
import { readPublishedTemplate, type TemplateKind } from '../templates/templates.js';
import { nextCertificateNumber } from './numberRule.js';
import { loadSealForSigning } from './seals.js';
import { diskFileStore, type FileStore } from './storage.js';
import { toCertificateSummary, type CertificateSummary } from './library.js';
import { chinaDateOf } from './chinaDate.js';

/** The public address the QR codes point to: `XLGL_PUBLIC_URL` (e.g. https://zwfw.xlgl.gov.cn), else http://localhost:3000. */
export function publicBaseUrl(): string {
  return (process.env.XLGL_PUBLIC_URL || 'http://localhost:3000').replace(/\/+$/, '');
}

export function verificationUrl(certificate: { id: string; verifyToken: string }): string {
  return `${publicBaseUrl()}/verify?id=${encodeURIComponent(certificate.id)}&t=${encodeURIComponent(certificate.verifyToken)}`;
}

export function progressUrl(caseNumber: string | undefined): string | undefined {
  return caseNumber ? `${publicBaseUrl()}/progress?number=${encodeURIComponent(caseNumber)}` : undefined;
}


function addYearsMinusOneDay(isoDate: string, years: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export type IssueCertificateInput = {
  templateId: string;
  /** certificate-template (证照) or document-template (批文 and other documents kept in the library). */
  templateKind?: TemplateKind;
  /** The case it concludes: its number, item, applicant, dates and department fill the case keys. */
  caseId?: string;
  /** Form values (display-ready) and case keys; these win over what the case provides. */
  data?: TemplateData;
  /** The holder (持证人); defaults to the case's applicant. */
  holder?: { name: string; idNumber: string };
  validFrom?: string;
  validUntil?: string;
  variant?: 'original' | 'copy';
  actor: string;
  now: Date;
  files?: FileStore;
};

export type IssuedCertificate = { certificate: CertificateSummary; pdf: Uint8Array };

/**
 * Values as printed: every string reduced by `printableText` (control and invisible format characters
 * removed), so the library stores what the PDF shows — PostgreSQL also refuses U+0000 in text and jsonb.
 */
function printableData<T>(value: T): T {
  if (typeof value === 'string') return printableText(value) as T;
  if (Array.isArray(value)) return value.map(printableData) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, printableData(entry)])) as T;
  return value;
}

type CaseRow = typeof cases.$inferSelect;

async function organizationName(db: Db, id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  return ((await readDocument(db, 'organization', id))?.body as unknown as OrganizationDocument | undefined)?.name;
}

/** The department whose seal signs a template: the seal element's, the template's, else the case's. */
export function issuingDepartmentOf(template: TemplateDocument, caseDepartmentId?: string): string | undefined {
  const sealElement = template.elements.find((element) => element.type === 'seal' && element.organizationId);
  return sealElement?.organizationId ?? template.departmentId ?? caseDepartmentId;
}

/**
 * Issues a certificate (or approval document): fills the published template, draws the department's
 * seal, signs the PDF (CMS with the seal certificate) and records the SM3 digest with an SM2 signature,
 * stores the PDF by content hash and adds the certificate to the library. Returns the signed PDF.
 */
export async function issueCertificate(db: Db, input: IssueCertificateInput): Promise<IssuedCertificate> {
  const templateKind = input.templateKind ?? 'certificate-template';
  const { document: template, version } = await readPublishedTemplate(db, templateKind, input.templateId);
  let caseRow: CaseRow | undefined;
  if (input.caseId) {
    [caseRow] = await db.select().from(cases).where(eq(cases.id, input.caseId));
    if (!caseRow) throw new TRPCError({ code: 'NOT_FOUND', message: `办件“${input.caseId}”不存在` });
  }
  const departmentId = issuingDepartmentOf(template, caseRow?.departmentId);
  if (!departmentId) throw new TRPCError({ code: 'BAD_REQUEST', message: `模板“${template.name}”未指定发证部门（模板的所属部门或印章元素的部门）` });
  const departmentName = (await organizationName(db, departmentId)) ?? departmentId;
  const givenHolder = input.holder ?? (caseRow ? { name: caseRow.applicantName, idNumber: caseRow.applicantIdNumber } : undefined);
  const holder = givenHolder ? { name: printableText(givenHolder.name).replace(/\n/g, ' '), idNumber: printableText(givenHolder.idNumber).replace(/\n/g, '') } : undefined;
  if (!holder?.name.trim() || !holder.idNumber.trim()) throw new TRPCError({ code: 'BAD_REQUEST', message: '签发证照须指定持证人名称和证件号码（或关联办件）' });

  const validFrom = input.validFrom ?? chinaDateOf(input.now);
  const validityYears = template.kind === 'certificate-template' ? (template as CertificateTemplateDocument).validityYears : undefined;
  const validUntil = input.validUntil ?? (validityYears ? addYearsMinusOneDay(validFrom, validityYears) : undefined);
  if (validUntil && validUntil < validFrom) throw new TRPCError({ code: 'BAD_REQUEST', message: `有效期至（${validUntil}）早于有效期起（${validFrom}）` });
  const seal = await loadSealForSigning(db, departmentId, input.actor);
  const regionCode = ((await readDocument(db, 'organization', departmentId))?.body as unknown as OrganizationDocument | undefined)?.regionCode ?? caseRow?.regionCode ?? '';
  const centreName = caseRow ? await organizationName(db, caseRow.centreId) : undefined;

  const id = randomUUID();
  const verifyToken = randomBytes(18).toString('base64url');
  const files = input.files ?? diskFileStore();

  return db.transaction(async (tx) => {
    const rule = template.kind === 'certificate-template' ? (template as CertificateTemplateDocument).numberRule : `WS{regionCode}{year}{seq:6}`;
    const number = await nextCertificateNumber(tx, { templateId: template.id, rule, context: { regionCode, date: input.now } });
    const caseData: Partial<Record<TemplateCaseKey, unknown>> = {
      ...(caseRow
        ? {
            caseNumber: caseRow.number,
            itemName: caseRow.itemName,
            itemCode: caseRow.itemCode,
            applicantName: caseRow.applicantName,
            applicantIdNumber: caseRow.applicantIdNumber,
            acceptedAt: caseRow.acceptedAt.toISOString(),
            completedAt: (caseRow.completedAt ?? input.now).toISOString(),
            centreName,
          }
        : {}),
      departmentName,
      holderName: holder.name,
      certificateNumber: number,
      issuedAt: chinaDateOf(input.now),
      validFrom,
      validUntil,
      ...input.data?.case,
    };
    const data: TemplateData = printableData({ form: input.data?.form ?? {}, case: caseData });
    const prepared = prepareTemplate(template, data, {
      verifyUrl: `${publicBaseUrl()}/verify?id=${encodeURIComponent(id)}&t=${encodeURIComponent(verifyToken)}`,
      progressUrl: progressUrl(caseData.caseNumber as string | undefined),
    });
    const variant = input.variant ?? 'original';
    let rendered: Uint8Array;
    try {
      rendered = await renderTemplatePdf(prepared, data, { variant, seal: seal.appearance, title: `${template.kind === 'certificate-template' ? (template as CertificateTemplateDocument).certificateName : template.name} ${number}` });
    } catch (error) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `证照生成失败：${(error as Error).message}`, cause: error });
    }
    const pdf = await signPdf(rendered, { sealCertificate: seal.key.certificatePem, sealPrivateKey: seal.key.privateKeyPem, ca: seal.ca, signingTime: input.now });
    const record = await sm2SignDigest(pdf, seal.key.sm2);
    const stored = await files.put(pdf);
    const name = template.kind === 'certificate-template' ? (template as CertificateTemplateDocument).certificateName : template.name;
    const [row] = await tx
      .insert(certificates)
      .values({
        id,
        number,
        kind: template.kind === 'certificate-template' ? 'certificate' : 'approval',
        name,
        templateKind,
        templateId: template.id,
        templateVersion: version,
        holderName: holder.name.trim(),
        holderIdNumber: holder.idNumber.trim().toUpperCase(),
        issuerOrganizationId: departmentId,
        issuerName: departmentName,
        caseId: caseRow?.id ?? null,
        itemId: caseRow?.itemId ?? null,
        validFrom,
        validUntil: validUntil ?? null,
        status: 'valid',
        variant,
        data: data as Record<string, unknown>,
        pdfSha256: stored.sha256,
        pdfSize: stored.size,
        sm3: record.sm3,
        sm2Signature: record.sm2Signature,
        sm2PublicKey: record.sm2PublicKey,
        sealId: seal.id,
        verifyToken,
        issuedAt: input.now,
        issuedBy: input.actor,
      })
      .returning();
    await appendAudit(tx, { actor: input.actor, action: 'certificate.issue', target: `certificate/${id}`, detail: { number, templateId: template.id, caseId: caseRow?.id ?? null, sha256: stored.sha256 } }, input.now);
    return { certificate: toCertificateSummary(row!, input.now), pdf };
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
