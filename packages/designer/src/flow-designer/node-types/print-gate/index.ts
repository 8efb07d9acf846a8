import type { NodeDesign } from '../definition.js';
import { daysText, describeAssignee, summaryOf } from '../summaries.js';

/** 制证关口: the case waits here until the certificate is printed. */
export const printGateDesign: NodeDesign<'print-gate'> = {
  type: 'print-gate',
  group: '关口',
  description: '证照打印后才能继续；发证事项的每条准予路径都须经过',
  presets: [{ key: 'print-gate', label: '证照打印' }],
  panel: [
    { key: 'certificateTemplateId', label: '证照模板', widget: 'certificate-template' },
    { key: 'assignee', label: '办理人', widget: 'assignee' },
    { key: 'timeLimitDays', label: '办理时限', unit: '个工作日' },
  ],
  summary: (settings, context) => summaryOf(describeAssignee(settings.assignee, context), daysText(settings.timeLimitDays)),
};
