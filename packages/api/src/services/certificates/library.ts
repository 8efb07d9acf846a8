import { TRPCError } from '@trpc/server';
import { and, count, desc, eq, ilike, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { appendAudit, certificatePrints, certificates, type Db, containsPattern } from '@xlgl/db';
import { chinaDateOf } from './chinaDate.js';

export type CertificateStatus = 'valid' | 'revoked' | 'expired';
export const certificateStatusLabels: Record<CertificateStatus, string> = { valid: '有效', revoked: '已注销', expired: '已过期' };

type CertificateRow = typeof certificates.$inferSelect;

export type CertificateSummary = {
  id: string;
  number: string;
  kind: string;
  name: string;
  templateId: string;
  templateVersion: number;
  holderName: string;
  holderIdNumber: string;
  issuerOrganizationId: string;
  issuerName: string;
  caseId: string | null;
  validFrom: string;
  validUntil: string | null;
  status: CertificateStatus;
  pdfSha256: string;
  pdfSize: number;
  sm3: string;
  sm2Signature: string;
  sm2PublicKey: string;
  issuedAt: string;
  issuedBy: string;
  revokedAt: string | null;
  revokeReason: string | null;
  printCount: number;
};

/** valid / revoked from the row; a valid certificate whose last day has passed (China time) is expired. */
export function certificateStatus(row: Pick<CertificateRow, 'status' | 'validUntil'>, now: Date): CertificateStatus {
  if (row.status === 'revoked') return 'revoked';
  if (row.validUntil && row.validUntil < chinaDateOf(now)) return 'expired';
  return 'valid';
}

export function toCertificateSummary(row: CertificateRow, now: Date, printCount = 0): CertificateSummary {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    name: row.name,
    templateId: row.templateId,
    templateVersion: row.templateVersion,
    holderName: row.holderName,
    holderIdNumber: row.holderIdNumber,
    issuerOrganizationId: row.issuerOrganizationId,
    issuerName: row.issuerName,
    caseId: row.caseId,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    status: certificateStatus(row, now),
    pdfSha256: row.pdfSha256,
    pdfSize: row.pdfSize,
    sm3: row.sm3,
    sm2Signature: row.sm2Signature,
    sm2PublicKey: row.sm2PublicKey,
    issuedAt: row.issuedAt.toISOString(),
    issuedBy: row.issuedBy,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeReason: row.revokeReason,
    printCount,
  };
}

export type CertificateListInput = {
  search?: string;
  status?: CertificateStatus;
  kind?: 'certificate' | 'approval';
  issuerOrganizationId?: string;
  templateId?: string;
  issuedFrom?: string;
  issuedTo?: string;
  page: number;
  pageSize: number;
};

function statusCondition(status: CertificateStatus, today: string): SQL {
  if (status === 'revoked') return eq(certificates.status, 'revoked');
  if (status === 'expired') return and(eq(certificates.status, 'valid'), isNotNull(certificates.validUntil), lt(certificates.validUntil, today))!;
  return and(eq(certificates.status, 'valid'), or(sql`${certificates.validUntil} is null`, sql`${certificates.validUntil} >= ${today}`))!;
}

// Qualified by hand: inside a subquery drizzle renders bare column names, and both tables have `id`.
const printCountSql = sql<number>`(select count(*)::int from ${certificatePrints} p where p.certificate_id = ${certificates}.id)`;

/** The certificate library: search by number, name, holder or id number; filters; newest first. */
export async function listCertificates(db: Db, input: CertificateListInput, now: Date): Promise<{ rows: CertificateSummary[]; total: number }> {
  const where: SQL[] = [];
  if (input.search) {
    const pattern = containsPattern(input.search);
    where.push(or(ilike(certificates.number, pattern), ilike(certificates.name, pattern), ilike(certificates.holderName, pattern), ilike(certificates.holderIdNumber, pattern))!);
  }
  if (input.status) where.push(statusCondition(input.status, chinaDateOf(now)));
  if (input.kind) where.push(eq(certificates.kind, input.kind));
  if (input.issuerOrganizationId) where.push(eq(certificates.issuerOrganizationId, input.issuerOrganizationId));
  if (input.templateId) where.push(eq(certificates.templateId, input.templateId));
  if (input.issuedFrom) where.push(sql`${certificates.issuedAt} >= ${`${input.issuedFrom}T00:00:00+08:00`}::timestamptz`);
  if (input.issuedTo) where.push(sql`${certificates.issuedAt} < (${input.issuedTo}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ row: certificates, prints: printCountSql })
      .from(certificates)
      .where(condition)
      .orderBy(desc(certificates.issuedAt), desc(certificates.number))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(certificates).where(condition),
  ]);
  return { rows: rows.map(({ row, prints }) => toCertificateSummary(row, now, Number(prints))), total: Number(total?.total ?? 0) };
}

export async function readCertificate(db: Db, id: string): Promise<CertificateRow> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `证照“${id}”不存在` });
  return row;
}

/** A holder's certificates in force (T6: offered to later cases instead of asking for them again). */
export async function holderValidCertificates(db: Db, holderIdNumber: string, now: Date): Promise<CertificateSummary[]> {
  const rows = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderIdNumber, holderIdNumber.trim().toUpperCase()), statusCondition('valid', chinaDateOf(now))))
    .orderBy(desc(certificates.issuedAt));
  return rows.map((row) => toCertificateSummary(row, now));
}

/** Revokes (注销) a certificate with a reason; a revoked certificate verifies as revoked from then on. */
export async function revokeCertificate(db: Db, input: { id: string; reason: string; actor: string; now: Date }): Promise<CertificateSummary> {
  const reason = input.reason.trim();
  if (reason.length < 2) throw new TRPCError({ code: 'BAD_REQUEST', message: '注销证照须填写注销原因' });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(certificates)
      .set({ status: 'revoked', revokedAt: input.now, revokedBy: input.actor, revokeReason: reason })
      .where(and(eq(certificates.id, input.id), eq(certificates.status, 'valid')))
      .returning();
    if (!row) {
      const existing = await readCertificate(tx, input.id);
      throw new TRPCError({ code: 'CONFLICT', message: `证照“${existing.number}”已注销，不能重复注销` });
    }
    await appendAudit(tx, { actor: input.actor, action: 'certificate.revoke', target: `certificate/${row.id}`, detail: { number: row.number, reason } }, input.now);
    return toCertificateSummary(row, input.now);
  });
}
