import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { verifyPdf, type VerificationDetail } from '@xlgl/documents';
import { certificates, type Db } from '@xlgl/db';
import { certificateStatus, type CertificateStatus } from './library.js';
import { readPlatformCaCertificate } from './seals.js';
import { diskFileStore, type FileStore } from './storage.js';
import { sha256Hex } from './issueCertificate.js';

/** What the public page shows: valid, revoked, expired, altered (any changed byte), or not found. */
export type VerificationOutcome = 'valid' | 'revoked' | 'expired' | 'altered' | 'unknown';

export type PublicCertificate = {
  number: string;
  name: string;
  holderName: string;
  issuerName: string;
  validFrom: string;
  validUntil: string | null;
  issuedAt: string;
  status: CertificateStatus;
  revokedAt: string | null;
  revokeReason: string | null;
  sha256: string;
  sm3: string;
};

export type PublicVerification = {
  outcome: VerificationOutcome;
  message: string;
  certificate: PublicCertificate | null;
  signer: { commonName: string; issuer: string; serialNumber: string } | null;
  signedAt: string | null;
  details: VerificationDetail[];
};

const messages: Record<VerificationOutcome, string> = {
  valid: '证照有效：文件由本平台签发，签名完好，未被注销',
  revoked: '证照已注销：文件签名完好，但该证照已被发证机关注销',
  expired: '证照已过期：文件签名完好，但已超过有效期',
  altered: '文件已被篡改：签名校验未通过，内容与签发时不一致',
  unknown: '未找到该证照：二维码或文件不是本平台签发的证照',
};

type Row = typeof certificates.$inferSelect;

function publicCertificate(row: Row, now: Date): PublicCertificate {
  return {
    number: row.number,
    name: row.name,
    holderName: row.holderName,
    issuerName: row.issuerName,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    issuedAt: row.issuedAt.toISOString(),
    status: certificateStatus(row, now),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeReason: row.revokeReason,
    sha256: row.pdfSha256,
    sm3: row.sm3,
  };
}

async function check(db: Db, pdf: Uint8Array, row: Row | null, now: Date): Promise<PublicVerification> {
  const caPem = await readPlatformCaCertificate(db);
  if (!caPem) return { outcome: 'unknown', message: messages.unknown, certificate: null, signer: null, signedAt: null, details: [] };
  const result = await verifyPdf(pdf, { ca: { certificatePem: caPem }, ...(row ? { recorded: { sm3: row.sm3, sm2Signature: row.sm2Signature, sm2PublicKey: row.sm2PublicKey } } : {}) });
  const signer = result.signer ? { commonName: result.signer.commonName, issuer: result.signer.issuer, serialNumber: result.signer.serialNumber } : null;
  const base = { signer, signedAt: result.signedAt?.toISOString() ?? null, details: result.details };
  if (result.status !== 'valid') {
    const outcome: VerificationOutcome = result.status === 'unsigned' && !row ? 'unknown' : 'altered';
    return { outcome, message: messages[outcome], certificate: row ? publicCertificate(row, now) : null, ...base };
  }
  // A valid signature without a library record: made with the platform's keys but not in the library.
  if (!row) return { outcome: 'unknown', message: messages.unknown, certificate: null, ...base };
  const status = certificateStatus(row, now);
  return { outcome: status, message: messages[status], certificate: publicCertificate(row, now), ...base };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The QR route: certificate id + token → the stored file checked again, plus the library status. */
export async function verifyByToken(db: Db, input: { id: string; token: string; now: Date; files?: FileStore }): Promise<PublicVerification> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, input.id));
  if (!row || !sameToken(row.verifyToken, input.token)) {
    return { outcome: 'unknown', message: messages.unknown, certificate: null, signer: null, signedAt: null, details: [] };
  }
  const stored = await (input.files ?? diskFileStore()).get(row.pdfSha256);
  if (!stored) return { outcome: 'altered', message: '证照文件缺失：平台存档的文件无法读取', certificate: publicCertificate(row, input.now), signer: null, signedAt: null, details: [] };
  return check(db, stored, row, input.now);
}

/**
 * The upload route: the file is looked up by its sha256 in the library; a file that matches no record
 * (any changed byte changes the hash) is checked on its own and reported altered unless its
 * signature is intact.
 */
export async function verifyUpload(db: Db, input: { pdf: Uint8Array; now: Date }): Promise<PublicVerification> {
  const [row] = await db.select().from(certificates).where(eq(certificates.pdfSha256, sha256Hex(input.pdf)));
  return check(db, input.pdf, row ?? null, input.now);
}
