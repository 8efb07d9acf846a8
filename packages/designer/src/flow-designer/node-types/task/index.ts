import type { NodeDesign } from '../definition.js';
import { humanStepPanel } from '../humanStepPanel.js';
import { daysText, describeAssignee, summaryOf } from '../summaries.js';

/** 办理环节: a human step, named freely (受理, 审查, 审核, 批准, 制证, 送达 …). */
export const taskDesign: NodeDesign<'task'> = {
  type: 'task',
  group: '办理环节',
  description: '由人办理的环节，可设置办理人、时限、可用操作和表单字段权限',
  presets: [
    { key: 'task-accept', label: '受理', settings: { stage: 'accept', actions: ['approve', 'reject', 'supplement', 'transfer', 'withdraw'] } },
    { key: 'task-undertake', label: '审查', settings: { stage: 'undertake', actions: ['approve', 'reject', 'return', 'transfer', 'supplement', 'suspend'] } },
    { key: 'task-review', label: '审核', settings: { stage: 'review', actions: ['approve', 'reject', 'return', 'transfer', 'suspend'] } },
    { key: 'task-approve', label: '批准', settings: { stage: 'approve', actions: ['approve', 'reject', 'return', 'escalate'] } },
    { key: 'task-certify', label: '制证', settings: { stage: 'certify', actions: ['approve', 'return'] } },
    { key: 'task-deliver', label: '送达', settings: { stage: 'deliver', actions: ['approve'] } },
    { key: 'task', label: '办理环节', hint: '自定义名称的环节' },
  ],
  panel: humanStepPanel,
  summary: (settings, context) => summaryOf(describeAssignee(settings.assignee, context), daysText(settings.timeLimitDays)),
};
