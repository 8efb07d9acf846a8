import { countersignRuleLabels } from '@xlgl/schema';
import type { NodeDesign } from '../definition.js';
import { humanStepPanel } from '../humanStepPanel.js';
import { daysText, summaryOf } from '../summaries.js';

/** 会签: several signers, completed by all / any / a ratio of approvals. */
export const countersignDesign: NodeDesign<'countersign'> = {
  type: 'countersign',
  group: '办理环节',
  description: '多人会签：全部同意、任一同意或按比例同意后通过',
  presets: [
    { key: 'countersign-all', label: '会签', settings: { completion: { rule: 'all' } }, hint: '会签（全部同意）' },
    { key: 'countersign-any', label: '会签（任一）', settings: { completion: { rule: 'any' } }, hint: '会签（任一同意）' },
    { key: 'countersign-ratio', label: '会签（比例）', settings: { completion: { rule: 'ratio', ratio: 0.5 } }, hint: '会签（按比例同意）' },
  ],
  panel: [
    { key: 'signers', label: '会签人', widget: 'signers' },
    { key: 'completion', label: '通过规则', widget: 'completion' },
    ...humanStepPanel.filter((spec) => spec.key !== 'assignee'),
  ],
  summary: (settings) =>
    summaryOf(
      `${settings.signers.length}人${countersignRuleLabels[settings.completion.rule]}${settings.completion.rule === 'ratio' && settings.completion.ratio !== undefined ? ` ${Math.round(settings.completion.ratio * 100)}%` : ''}`,
      daysText(settings.timeLimitDays),
    ),
};
