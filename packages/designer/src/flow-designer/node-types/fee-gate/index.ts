import type { NodeDesign } from '../definition.js';
import { daysText, describeAssignee, summaryOf } from '../summaries.js';

/** 收费关口: the case waits here until the fee is paid. */
export const feeGateDesign: NodeDesign<'fee-gate'> = {
  type: 'fee-gate',
  group: '关口',
  description: '缴费确认后才能继续；收费事项的每条准予路径都须经过',
  presets: [{ key: 'fee-gate', label: '收费' }],
  panel: [
    { key: 'feeIds', label: '收费项目', widget: 'fees' },
    { key: 'assignee', label: '办理人', widget: 'assignee' },
    { key: 'timeLimitDays', label: '办理时限', unit: '个工作日' },
  ],
  summary: (settings, context) => summaryOf(describeAssignee(settings.assignee, context), daysText(settings.timeLimitDays)),
};
