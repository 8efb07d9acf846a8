import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId } from '../ids.js';
import { label, optionalText } from '../common.js';

/** What a template element shows: fixed text, a bound value, an image, a QR code or the seal. */
export const templateBinding = z.discriminatedUnion('source', [
  z.object({ source: z.literal('form'), fieldId: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/) }),
  z.object({
    source: z.literal('case'),
    key: z.enum(['caseNumber', 'itemName', 'applicantName', 'applicantIdNumber', 'acceptedAt', 'completedAt', 'departmentName', 'centreName', 'queryPassword', 'certificateNumber', 'validFrom', 'validUntil', 'feeTotal']),
  }),
]);

export const templateElement = z.object({
  id: documentId,
  type: z.enum(['text', 'field', 'image', 'qr', 'seal', 'line']),
  /** Position and size in millimetres from the page's top-left corner. */
  x: z.number().min(0).max(2000),
  y: z.number().min(0).max(2000),
  width: z.number().min(1).max(2000),
  height: z.number().min(1).max(2000),
  text: z.string().max(2000).optional(),
  binding: templateBinding.optional(),
  format: z.enum(['plain', 'date-cn', 'money-cn', 'money']).default('plain'),
  font: z.enum(['serif', 'sans']).default('serif'),
  fontSize: z.number().min(5).max(96).default(12),
  align: z.enum(['left', 'center', 'right']).default('left'),
  wrap: z.boolean().default(true),
  imageHash: z.string().max(128).optional(),
  variants: z.array(z.enum(['original', 'copy'])).default(['original', 'copy']),
});

const templateBody = z.object({
  schemaVersion: z.literal(1),
  name: label('模板名称', 100),
  description: optionalText(500),
  page: z.object({
    size: z.enum(['A4', 'A3', 'A5', 'custom']).default('A4'),
    width: z.number().min(50).max(1200).optional(),
    height: z.number().min(50).max(1200).optional(),
    orientation: z.enum(['portrait', 'landscape']).default('portrait'),
  }),
  /** A scan of pre-printed paper shown for positioning, never printed (套打). */
  backgroundHash: z.string().max(128).optional(),
  elements: z.array(templateElement),
  formId: documentId.optional(),
  departmentId: documentId.optional(),
});

export const certificateTemplateDocument = documentBase('certificate-template').extend({
  ...templateBody.shape,
  certificateName: label('证照名称', 100),
  numberRule: z.string().max(100).default('{regionCode}{year}{seq:6}'),
  validityYears: z.number().int().min(0).max(100).optional(),
});
export type CertificateTemplateDocument = z.infer<typeof certificateTemplateDocument>;

export const documentTemplatePurposes = {
  acceptance: '受理通知书',
  refusal: '不予受理通知书',
  supplement: '补正告知书',
  completion: '办结通知书',
  approval: '准予许可决定书',
  rejection: '不予许可决定书',
  other: '其他文书',
} as const;

export const documentTemplateDocument = documentBase('document-template').extend({
  ...templateBody.shape,
  purpose: z.enum(Object.keys(documentTemplatePurposes) as [keyof typeof documentTemplatePurposes]),
  /** Variants: unified (none), per department, per item (R3.8). */
  itemId: documentId.optional(),
});
export type DocumentTemplateDocument = z.infer<typeof documentTemplateDocument>;

function templateReferences(doc: { formId?: string; departmentId?: string }): DocumentReference[] {
  const refs: DocumentReference[] = [];
  if (doc.formId) refs.push({ path: ['formId'], kind: 'form', id: doc.formId });
  if (doc.departmentId) refs.push({ path: ['departmentId'], kind: 'organization', id: doc.departmentId });
  return refs;
}
export const certificateTemplateReferences = (doc: CertificateTemplateDocument) => templateReferences(doc);
export function documentTemplateReferences(doc: DocumentTemplateDocument): DocumentReference[] {
  const refs = templateReferences(doc);
  if (doc.itemId) refs.push({ path: ['itemId'], kind: 'item', id: doc.itemId });
  return refs;
}
