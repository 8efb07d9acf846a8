import { endOutcomeLabels } from '@xlgl/schema';
import type { NodeDesign } from '../definition.js';

/** 结束: the case is concluded with an outcome. */
export const endDesign: NodeDesign<'end'> = {
  type: 'end',
  group: '事件',
  description: '办结：准予、不予许可或撤回',
  presets: [
    { key: 'end-approved', label: '办结', settings: { outcome: 'approved' }, hint: '办结（准予）' },
    { key: 'end-rejected', label: '不予许可', settings: { outcome: 'rejected' }, hint: '办结（不予）' },
    { key: 'end-withdrawn', label: '撤回', settings: { outcome: 'withdrawn' }, hint: '申请人撤回' },
  ],
  panel: [{ key: 'outcome', label: '办结结果', enumLabels: endOutcomeLabels }],
  summary: (settings) => endOutcomeLabels[settings.outcome],
};
