import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId } from '../ids.js';
import { label, optionalText } from '../common.js';

/**
 * Case data a template can show, with the label the designer offers. `supplementItems` is the list of
 * materials to supplement (补正), `issuedAt` the date the document or certificate is issued.
 */
export const templateCaseKeyLabels = {
  caseNumber: '办件编号',
  itemName: '事项名称',
  itemCode: '事项编码',
  applicantName: '申请人',
  applicantIdNumber: '申请人证件号码',
  holderName: '持证人',
  acceptedAt: '受理日期',
  completedAt: '办结日期',
  issuedAt: '签发日期',
  departmentName: '办理部门',
  centreName: '政务服务中心',
  queryPassword: '查询密码',
  certificateNumber: '证照编号',
  validFrom: '有效期起',
  validUntil: '有效期至',
  feeTotal: '收费金额',
  supplementItems: '补正材料清单',
  refusalReason: '不予受理理由',
  decisionOpinion: '审批意见',
} as const;
export type TemplateCaseKey = keyof typeof templateCaseKeyLabels;
export const templateCaseKeys = Object.keys(templateCaseKeyLabels) as [TemplateCaseKey, ...TemplateCaseKey[]];

/** What a template element shows: fixed text, a bound value, an image, a QR code or the seal. */
export const templateBinding = z.discriminatedUnion('source', [
  z.object({ source: z.literal('form'), fieldId: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/) }),
  z.object({ source: z.literal('case'), key: z.enum(templateCaseKeys) }),
]);

export const templateElementTypes = {
  text: '固定文字',
  field: '绑定字段',
  list: '清单',
  image: '图片',
  qr: '二维码',
  seal: '印章',
  line: '线条',
} as const;
export type TemplateElementType = keyof typeof templateElementTypes;

export const templateElement = z.object({
  id: documentId,
  /** `list` shows a bound array one entry per line, numbered (e.g. the materials to supplement). */
  type: z.enum(Object.keys(templateElementTypes) as [TemplateElementType, ...TemplateElementType[]]),
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
  fontWeight: z.enum(['normal', 'bold']).default('normal'),
  align: z.enum(['left', 'center', 'right']).default('left'),
  /** Vertical placement of the text in its box; by default one line is centred, several start at the top. */
  verticalAlign: z.enum(['top', 'middle', 'bottom']).optional(),
  /** Line height as a multiple of the font size (default 1.5). */
  lineHeight: z.number().min(1).max(3).optional(),
  wrap: z.boolean().default(true),
  imageHash: z.string().max(128).optional(),
  /** QR elements: the public certificate verification page or the public case progress page. */
  qrTarget: z.enum(['verify', 'progress']).optional(),
  /** Seal elements: whose seal; defaults to the template's department. */
  organizationId: documentId.optional(),
  variants: z.array(z.enum(['original', 'copy'])).default(['original', 'copy']),
});

export type TemplateElement = z.infer<typeof templateElement>;

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

function templateReferences(doc: { formId?: string; departmentId?: string; elements: TemplateElement[] }): DocumentReference[] {
  const refs: DocumentReference[] = [];
  if (doc.formId) refs.push({ path: ['formId'], kind: 'form', id: doc.formId });
  if (doc.departmentId) refs.push({ path: ['departmentId'], kind: 'organization', id: doc.departmentId });
  doc.elements.forEach((element, index) => {
    if (element.organizationId) refs.push({ path: ['elements', index, 'organizationId'], kind: 'organization', id: element.organizationId });
  });
  return refs;
}
export const certificateTemplateReferences = (doc: CertificateTemplateDocument) => templateReferences(doc);
export function documentTemplateReferences(doc: DocumentTemplateDocument): DocumentReference[] {
  const refs = templateReferences(doc);
  if (doc.itemId) refs.push({ path: ['itemId'], kind: 'item', id: doc.itemId });
  return refs;
}
