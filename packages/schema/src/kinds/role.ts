import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { label, optionalText } from '../common.js';

/**
 * Capabilities a role grants. Every API procedure names the capability it needs;
 * a user without it is denied (the default is deny).
 */
export const capabilities = [
  'studio.access',
  'studio.item.edit',
  'studio.item.review',
  'studio.flow.edit',
  'studio.form.edit',
  'studio.template.edit',
  'studio.report.edit',
  'desk.access',
  'desk.accept',
  'desk.handle',
  'desk.lead',
  'desk.reassign',
  'supervision.access',
  'supervision.urge',
  'report.view',
  'admin.access',
  'admin.org.edit',
  'admin.user.edit',
  'admin.role.edit',
  'admin.metadata',
  'admin.backup',
] as const;
export type Capability = (typeof capabilities)[number];

export const capabilityLabels: Record<Capability, string> = {
  'studio.access': '进入配置中心',
  'studio.item.edit': '编制事项',
  'studio.item.review': '审核事项',
  'studio.flow.edit': '设计流程',
  'studio.form.edit': '设计表单',
  'studio.template.edit': '设计证照与文书模板',
  'studio.report.edit': '设计报表',
  'desk.access': '进入窗口工作台',
  'desk.accept': '受理办件',
  'desk.handle': '审批办件',
  'desk.lead': '部门负责人查看',
  'desk.reassign': '改派办件',
  'supervision.access': '进入监察与报表',
  'supervision.urge': '催办督办',
  'report.view': '查看报表',
  'admin.access': '进入系统管理',
  'admin.org.edit': '维护区划与机构',
  'admin.user.edit': '维护用户',
  'admin.role.edit': '维护角色与岗位',
  'admin.metadata': '导入导出配置',
  'admin.backup': '备份与恢复',
};

export const roleDocument = documentBase('role').extend({
  schemaVersion: z.literal(1),
  name: label('角色名称', 50),
  description: optionalText(500),
  capabilities: z.array(z.enum(capabilities, { message: '未知的权限' })).min(1, { message: '角色至少要有一项权限' }),
});
export type RoleDocument = z.infer<typeof roleDocument>;

export function roleReferences(_doc: RoleDocument): DocumentReference[] {
  return [];
}
