import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId, fieldId } from '../ids.js';
import { label, optionalText, workingDays } from '../common.js';
import { regionLevels } from './region.js';

/** 事项类型 codes used by provincial catalogues. */
export const itemCategories = {
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;
export type ItemCategory = keyof typeof itemCategories;

export const caseTypes = { immediate: '即办件', promised: '承诺件', joint: '联办件', escalated: '上报件' } as const;
export type CaseType = keyof typeof caseTypes;

export const powerSources = {
  '1': '法定本级行使',
  '2': '上级下放',
  '3': '上级授权',
  '4': '同级授权',
  '5': '上级委托',
  '6': '同级委托',
} as const;
export const implementerNatures = { '1': '法定机关', '2': '授权组织', '3': '受委托组织' } as const;
export const serviceObjects = {
  '1': '自然人',
  '2': '企业法人',
  '3': '事业法人',
  '4': '社会组织法人',
  '5': '非法人企业',
  '6': '行政机关',
  '9': '其他组织',
} as const;
export const handlingAreas = { local: '本级办理', banner: '旗县域通办', league: '全盟通办', province: '全区通办', national: '跨省通办' } as const;

/** Item lifecycle states (R1). */
export const itemStatuses = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已审核',
  coded: '已赋码',
  published: '已发布',
  superseded: '已变更（历史版本）',
  abolished: '已废止',
} as const;
export type ItemStatus = keyof typeof itemStatuses;

const keys = <T extends Record<string, string>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

export const itemMaterial = z.object({
  id: documentId,
  name: label('材料名称', 200),
  copies: z.number().int().min(0).max(99).default(1),
  form: z.enum(['original', 'copy', 'original-and-copy']).default('original'),
  medium: z.enum(['paper', 'electronic', 'both']).default('both'),
  required: z.boolean().default(true),
  source: z.enum(['applicant', 'government', 'intermediary', 'other']).default('applicant'),
  notes: optionalText(1000),
  sampleFile: z.string().max(200).optional(),
});
export type ItemMaterial = z.infer<typeof itemMaterial>;

/** Kinds of sub-items (子项 / 办理项) an item may be split into. */
export const subItemKinds = { new: '新办', change: '变更', renew: '延续', cancel: '注销', other: '其他' } as const;
export type SubItemKind = keyof typeof subItemKinds;

/**
 * A sub-item (子项 / 办理项, e.g. 食品经营许可（新办）/（变更）/（延续）/（注销）). Each gets its own
 * sub-item segment in the basic code (001, 002 …) on the first approval that includes it (R1.3).
 */
export const itemSubItem = z.object({
  id: documentId,
  name: label('办理项名称', 100),
  kind: z.enum(keys(subItemKinds), { message: '办理项类型应为新办、变更、延续、注销或其他' }).default('other'),
  note: optionalText(500),
});
export type ItemSubItem = z.infer<typeof itemSubItem>;

const itemCode = {
  basic: z.string().regex(/^[0-9A-Z]{12}$/, { message: '基本编码应为12位' }),
  implementation: z.string().regex(/^[0-9A-Z]{20,40}$/, { message: '实施编码格式不正确' }),
  handling: z.array(z.string().regex(/^[0-9A-Z]{14,42}$/)).default([]),
};

export const itemFee = z.object({
  id: documentId,
  name: label('收费项目名称', 100),
  basis: label('收费依据', 500),
  /** Standard amount in fen (分). */
  amountFen: z.number().int().min(0, { message: '收费标准不能为负数' }),
  unit: z.string().max(20).default('件'),
  waivable: z.boolean().default(false),
  /**
   * The quantity comes from a numeric field (number or money) of the item's form, e.g. 征占用面积 for a
   * fee per 平方米; otherwise fees per unit other than 件 take a quantity typed at acceptance.
   */
  quantityFieldId: fieldId.optional(),
});

export const legalBasis = z.object({
  id: documentId,
  title: label('法律法规名称', 200),
  article: z.string().max(200).optional(),
  lawId: documentId.optional(),
});

export const itemDocument = documentBase('item')
  .extend({
    schemaVersion: z.literal(2),
    name: label('事项名称', 200),
    category: z.enum(keys(itemCategories), { message: '事项类型代码不正确' }),
    caseType: z.enum(keys(caseTypes), { message: '办件类型应为即办件、承诺件、联办件或上报件' }),
    departmentId: documentId,
    /** Organisation that accepts at the window (defaults to the department's centre). */
    regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/),
    level: z.enum(regionLevels).default('league'),
    powerSource: z.enum(keys(powerSources)).default('1'),
    implementerNature: z.enum(keys(implementerNatures)).default('1'),
    serviceObjects: z.array(z.enum(keys(serviceObjects))).min(1, { message: '至少选择一种服务对象' }),
    handlingArea: z.enum(keys(handlingAreas)).default('local'),
    /** Codes are assigned on approval (R1.3); absent on drafts. */
    codes: z
      .object({
        ...itemCode,
        /** One entry per sub-item in force, in the order of `subItems`. */
        subItems: z.array(z.object({ subItemId: documentId, name: z.string().max(100), ...itemCode })).default([]),
      })
      .optional(),
    /** Sub-items (子项 / 办理项); empty when the item is handled as one (sub-item segment 000). */
    subItems: z.array(itemSubItem).max(999, { message: '办理项最多999个' }).default([]),
    parentItemId: documentId.optional(),
    conditions: label('受理条件', 4000),
    materials: z.array(itemMaterial).default([]),
    charges: z.boolean().default(false),
    fees: z.array(itemFee).default([]),
    legalBases: z.array(legalBasis).min(1, { message: '至少要有一条设定依据' }),
    timeLimit: z.object({
      statutory: workingDays,
      promised: workingDays,
      unit: z.literal('working-day').default('working-day'),
      note: optionalText(500),
    }),
    specialProcedures: z.array(z.string().max(100)).default([]),
    result: z.object({
      type: z.enum(['certificate', 'document', 'none']).default('none'),
      name: z.string().max(100).optional(),
      certificateTemplateId: documentId.optional(),
    }),
    formId: documentId.optional(),
    flowId: documentId.optional(),
    documentTemplateIds: z.array(documentId).default([]),
    /** For parallel bundles (企业开办, 工程建设项目联合审批): the items bundled and the lead department. */
    bundle: z
      .object({
        itemIds: z.array(documentId).min(2, { message: '并联事项至少包含两个子事项' }),
        leadDepartmentId: documentId,
      })
      .optional(),
    /**
     * Supervision thresholds of this item (电子监察), overriding the centre's: yellow when this share of
     * the limit is used (null: off) and/or this many working days before the deadline (0: off).
     */
    supervision: z
      .object({
        yellowRatio: z.number().gt(0, { message: '黄牌比例应大于0' }).max(1, { message: '黄牌比例不能超过1' }).nullable().optional(),
        yellowDaysBefore: z.number().int().min(0, { message: '提前黄牌天数不能为负数' }).max(60).optional(),
      })
      .optional(),
    handlingForm: z.enum(['window', 'online', 'both']).default('both'),
    place: optionalText(200),
    hours: optionalText(200),
    inHall: z.boolean().default(true),
    onlinePayment: z.boolean().default(false),
    postalDelivery: z.boolean().default(false),
    consultPhone: z.string().max(50).optional(),
    complaintPhone: z.string().max(50).optional(),
    remedy: optionalText(500),
    intermediaryServices: optionalText(500),
    process: optionalText(2000),
  })
  .superRefine((doc, ctx) => {
    if (doc.timeLimit.promised > doc.timeLimit.statutory) {
      ctx.addIssue({ code: 'custom', path: ['timeLimit', 'promised'], message: '承诺办结时限不能超过法定办结时限' });
    }
    if (doc.charges && doc.fees.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['fees'], message: '收费事项至少要有一个收费项目' });
    }
    if (!doc.charges && doc.fees.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['charges'], message: '列出了收费项目，但事项标记为不收费' });
    }
    if (doc.result.type === 'certificate' && !doc.result.name) {
      ctx.addIssue({ code: 'custom', path: ['result', 'name'], message: '办理结果为证照时须填写证照名称' });
    }
    if (doc.caseType === 'immediate' && doc.timeLimit.promised > 0) {
      ctx.addIssue({ code: 'custom', path: ['timeLimit', 'promised'], message: '即办件的承诺时限应为0个工作日（当场办结）' });
    }
    const subIds = new Set<string>();
    const subNames = new Set<string>();
    doc.subItems.forEach((sub, index) => {
      if (subIds.has(sub.id)) ctx.addIssue({ code: 'custom', path: ['subItems', index, 'id'], message: '办理项标识重复' });
      if (subNames.has(sub.name)) ctx.addIssue({ code: 'custom', path: ['subItems', index, 'name'], message: `办理项名称“${sub.name}”重复` });
      subIds.add(sub.id);
      subNames.add(sub.name);
    });
    const seen = new Set<string>();
    doc.materials.forEach((material, index) => {
      if (seen.has(material.id)) ctx.addIssue({ code: 'custom', path: ['materials', index, 'id'], message: '材料标识重复' });
      seen.add(material.id);
    });
  });
export type ItemDocument = z.infer<typeof itemDocument>;

export function itemReferences(doc: ItemDocument): DocumentReference[] {
  const refs: DocumentReference[] = [
    { path: ['departmentId'], kind: 'organization', id: doc.departmentId },
    { path: ['regionCode'], kind: 'region', id: doc.regionCode },
  ];
  if (doc.formId) refs.push({ path: ['formId'], kind: 'form', id: doc.formId });
  if (doc.flowId) refs.push({ path: ['flowId'], kind: 'flow', id: doc.flowId });
  if (doc.parentItemId) refs.push({ path: ['parentItemId'], kind: 'item', id: doc.parentItemId });
  if (doc.result.certificateTemplateId) {
    refs.push({ path: ['result', 'certificateTemplateId'], kind: 'certificate-template', id: doc.result.certificateTemplateId });
  }
  doc.documentTemplateIds.forEach((id, index) => refs.push({ path: ['documentTemplateIds', index], kind: 'document-template', id }));
  if (doc.bundle) {
    doc.bundle.itemIds.forEach((id, index) => refs.push({ path: ['bundle', 'itemIds', index], kind: 'item', id }));
    refs.push({ path: ['bundle', 'leadDepartmentId'], kind: 'organization', id: doc.bundle.leadDepartmentId });
  }
  return refs;
}
