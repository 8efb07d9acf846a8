import type { NodeDesign } from '../definition.js';
import { describeAssignee, summaryOf } from '../summaries.js';

/** 补正: the applicant supplements materials; the clock stops. */
export const supplementDesign: NodeDesign<'supplement'> = {
  type: 'supplement',
  group: '上报与暂停',
  description: '一次性告知补正材料，补正期间暂停计时',
  presets: [{ key: 'supplement', label: '补正' }],
  panel: [
    { key: 'applicantDays', label: '申请人补正期限', unit: '个工作日', help: '不计入办件时限' },
    { key: 'assignee', label: '接收补正人', widget: 'assignee' },
    { key: 'fieldPermissions', label: '补正时字段权限', widget: 'field-permissions' },
  ],
  summary: (settings, context) => summaryOf(describeAssignee(settings.assignee, context), `补正期限${settings.applicantDays}个工作日`),
};
