import { bigint, date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 共享材料库 — stored files (R9.3): one row per distinct content, keyed by its SHA-256. The bytes live in
 * the file store (`<DATA_DIR>/files/ab/abcdef…`), written once and never deleted. `mimeType` is what
 * the magic bytes say, never what the client claimed; `originalName` is the first name it came with,
 * kept as text only (no path is ever built from it).
 */
export const storedFiles = pgTable('stored_files', {
  hash: text('hash').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mimeType: text('mime_type').notNull(),
  originalName: text('original_name').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * 申请人材料库: a file an applicant (resident ID number or unified social credit code) provided for one
 * item material, offered again in later cases of the same item material and of any item whose material
 * has the same category (the normalised material name). `validUntil` (inclusive) ends the offer.
 */
export const applicantMaterials = pgTable(
  'applicant_materials',
  {
    id: text('id').primaryKey(),
    /** person | enterprise */
    applicantKind: text('applicant_kind').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    itemId: text('item_id').notNull(),
    materialId: text('material_id').notNull(),
    /** Reuse key across items: the material name, whitespace and punctuation normalised. */
    category: text('category').notNull(),
    materialName: text('material_name').notNull(),
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    sourceCaseId: text('source_case_id').notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('applicant_materials_unique').on(table.applicantIdNumber, table.itemId, table.materialId, table.fileHash),
    index('applicant_materials_category_idx').on(table.applicantIdNumber, table.category),
  ],
);

/** The files of a case, per item material: uploaded at the window or reused from the applicant's library. */
export const caseMaterialFiles = pgTable(
  'case_material_files',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    itemId: text('item_id').notNull(),
    materialId: text('material_id').notNull(),
    materialName: text('material_name').notNull(),
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    /** The user who received the file (window staff). */
    providedBy: text('provided_by').notNull(),
    /** The applicant material it was reused from, if any. */
    reusedFrom: text('reused_from'),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [uniqueIndex('case_material_files_unique').on(table.caseId, table.materialId, table.fileHash), index('case_material_files_hash_idx').on(table.fileHash)],
);
