import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The platform's own certificate authority (one row, id `platform`). It issues the department seal
 * certificates; its private key is stored encrypted with the master key (never in plain text).
 */
export const platformCa = pgTable('platform_ca', {
  id: text('id').primaryKey(),
  certificatePem: text('certificate_pem').notNull(),
  /** `encryptSecret` output (AES-256-GCM under the master key, associated data = the row id). */
  encryptedPrivateKey: text('encrypted_private_key').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
});

/**
 * 电子印章: one key pair per department (RSA for the PDF signature, SM2 for the platform record), the
 * certificate issued by the platform CA. A new seal retires the previous one of the department.
 */
export const seals = pgTable(
  'seals',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    /** The department name drawn along the seal's rim. */
    name: text('name').notNull(),
    /** Text under the star (e.g. 行政审批专用章). */
    subtitle: text('subtitle'),
    /** active | retired */
    status: text('status').notNull(),
    certificatePem: text('certificate_pem').notNull(),
    publicKeyPem: text('public_key_pem').notNull(),
    sm2PublicKey: text('sm2_public_key').notNull(),
    /** Encrypted JSON `{ privateKeyPem, sm2PrivateKey }` (associated data = the seal id). */
    encryptedKeys: text('encrypted_keys').notNull(),
    validUntil: ts('valid_until').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    retiredAt: ts('retired_at'),
  },
  (table) => [
    index('seals_organization_idx').on(table.organizationId),
    uniqueIndex('seals_one_active_per_organization').on(table.organizationId).where(sql`status = 'active'`),
  ],
);

/**
 * 证照库 (R9.7): every issued certificate or approval document. The PDF is kept in the file store by
 * its sha256; the SM3 digest and SM2 signature are the platform's record of the signed file.
 * `status` is valid or revoked; expiry is derived from `valid_until`.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    /** certificate (证照) or approval (批文 / 文书). */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    templateKind: text('template_kind').notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    holderName: text('holder_name').notNull(),
    holderIdNumber: text('holder_id_number').notNull(),
    issuerOrganizationId: text('issuer_organization_id').notNull(),
    issuerName: text('issuer_name').notNull(),
    caseId: text('case_id'),
    itemId: text('item_id'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    status: text('status').notNull(),
    variant: text('variant').notNull(),
    /** The values the PDF was filled with (form + case keys), for reissue and audit. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    pdfSha256: text('pdf_sha256').notNull(),
    pdfSize: integer('pdf_size').notNull(),
    sm3: text('sm3').notNull(),
    sm2Signature: text('sm2_signature').notNull(),
    sm2PublicKey: text('sm2_public_key').notNull(),
    sealId: text('seal_id').notNull(),
    /** Random token in the QR code's verification URL (the id alone does not reveal a certificate). */
    verifyToken: text('verify_token').notNull(),
    issuedAt: ts('issued_at').notNull(),
    issuedBy: text('issued_by').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: text('revoked_by'),
    revokeReason: text('revoke_reason'),
  },
  (table) => [
    uniqueIndex('certificates_number_unique').on(table.number),
    index('certificates_holder_idx').on(table.holderIdNumber, table.status),
    index('certificates_case_idx').on(table.caseId),
    index('certificates_issued_idx').on(table.issuedAt),
    index('certificates_pdf_idx').on(table.pdfSha256),
  ],
);

/** Every print and reprint of a certificate (T4, R2.8): a reprint carries its reason. */
export const certificatePrints = pgTable(
  'certificate_prints',
  {
    id: text('id').primaryKey(),
    certificateId: text('certificate_id').notNull(),
    windowId: text('window_id').notNull(),
    reprint: boolean('reprint').notNull(),
    reason: text('reason'),
    offsetXMm: doublePrecision('offset_x_mm').notNull(),
    offsetYMm: doublePrecision('offset_y_mm').notNull(),
    printedAt: ts('printed_at').notNull(),
    printedBy: text('printed_by').notNull(),
  },
  (table) => [index('certificate_prints_certificate_idx').on(table.certificateId, table.printedAt)],
);

/** Per-window printer calibration for overlay printing (套打), applied when printing. */
export const windowPrintOffsets = pgTable('window_print_offsets', {
  windowId: text('window_id').primaryKey(),
  xMm: doublePrecision('x_mm').notNull(),
  yMm: doublePrecision('y_mm').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

/** Counters behind certificate number rules, one per rule scope (template, region, year). */
export const certificateNumberSequences = pgTable(
  'certificate_number_sequences',
  {
    templateId: text('template_id').notNull(),
    scope: text('scope').notNull(),
    value: integer('value').notNull(),
  },
  (table) => [primaryKey({ name: 'certificate_number_sequences_pk', columns: [table.templateId, table.scope] })],
);

/**
 * Certificates to issue automatically when a case completes (the item's result is a certificate with
 * a bound template). One row per case, written in the completion transaction, so the request is
 * durable; a worker issues it after the commit (and retries), and the row's lock plus its status make
 * sure the case gets exactly one certificate.
 */
export const certificateAutoIssues = pgTable(
  'certificate_auto_issues',
  {
    caseId: text('case_id').primaryKey(),
    itemId: text('item_id').notNull(),
    itemVersion: integer('item_version').notNull(),
    templateId: text('template_id').notNull(),
    /** pending → issued (certificateId set) | skipped (one was already issued for the case) | failed (gave up after retries). */
    status: text('status').notNull(),
    certificateId: text('certificate_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: ts('requested_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (table) => [index('certificate_auto_issues_status_idx').on(table.status, table.requestedAt)],
);
