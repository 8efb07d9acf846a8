import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId } from '../ids.js';
import { label, optionalText, regionCode } from '../common.js';
import { isCreditCode } from '../validators/creditCode.js';

export const organizationTypes = ['centre', 'department', 'window', 'review-office'] as const;
export type OrganizationType = (typeof organizationTypes)[number];
export const organizationTypeLabels: Record<OrganizationType, string> = {
  centre: '政务服务中心',
  department: '进驻部门',
  window: '窗口',
  'review-office': '审改部门',
};

/** P3: the two permission modes a centre can choose. */
export const permissionModes = ['own-case', 'own-stage'] as const;
export type PermissionMode = (typeof permissionModes)[number];
export const permissionModeLabels: Record<PermissionMode, string> = {
  'own-case': '模式一：经办人只能查看和办理本人经办的办件，上级可查看全部并改派',
  'own-stage': '模式二：每个环节的经办人只能查看和办理本环节，上级可查看全部环节',
};

/** R2.1: how cases come into being at a centre. */
export const entryModes = ['front-desk', 'self-registration'] as const;
export const entryModeLabels: Record<(typeof entryModes)[number], string> = {
  'front-desk': '前台登记',
  'self-registration': '自助登记',
};

/** Settings only a centre carries. */
export const centreSettings = z.object({
  permissionMode: z.enum(permissionModes).default('own-case'),
  entryMode: z.enum(entryModes).default('front-desk'),
  /** Yellow card when this share of the promised time is used (0–1). */
  yellowRatio: z.number().min(0.1).max(1).default(0.9),
  /** Also a yellow card this many working days before the deadline (0 = off). */
  yellowDaysBefore: z.number().int().min(0).max(30).default(1),
  address: optionalText(200),
  hours: optionalText(200),
  phone: optionalText(50),
});

export const organizationDocument = documentBase('organization')
  .extend({
    schemaVersion: z.literal(1),
    name: label('机构名称', 100),
    shortName: z.string().max(30).optional(),
    type: z.enum(organizationTypes, { message: '机构类型应为政务服务中心、进驻部门、窗口或审改部门' }),
    regionCode,
    parentId: documentId.optional(),
    /** For windows: the departments whose items the window accepts. */
    departmentIds: z.array(documentId).default([]),
    /** Unified social credit code of the body, for implementation codes. */
    creditCode: z
      .string()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）' })
      .refine((value) => isCreditCode(value), { message: '统一社会信用代码校验位不正确或第3至8位不是行政区划代码' })
      .optional(),
    centre: centreSettings.optional(),
    sort: z.number().int().default(0),
  })
  .superRefine((doc, ctx) => {
    if (doc.type === 'centre' && !doc.centre) {
      ctx.addIssue({ code: 'custom', path: ['centre'], message: '政务服务中心必须配置中心设置（权限模式、登记方式等）' });
    }
    if (doc.type !== 'centre' && !doc.parentId) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: '部门、窗口和审改部门必须属于一个上级机构' });
    }
  });
export type OrganizationDocument = z.infer<typeof organizationDocument>;

export function organizationReferences(doc: OrganizationDocument): DocumentReference[] {
  const refs: DocumentReference[] = [{ path: ['regionCode'], kind: 'region', id: doc.regionCode }];
  if (doc.parentId) refs.push({ path: ['parentId'], kind: 'organization', id: doc.parentId });
  doc.departmentIds.forEach((id, index) => refs.push({ path: ['departmentIds', index], kind: 'organization', id }));
  return refs;
}
