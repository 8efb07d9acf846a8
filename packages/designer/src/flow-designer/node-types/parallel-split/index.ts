import type { NodeDesign } from '../definition.js';

/** 并联开始: each outgoing edge is a branch handled by one department; one department leads. */
export const parallelSplitDesign: NodeDesign<'parallel-split'> = {
  type: 'parallel-split',
  group: '分支与汇合',
  description: '并联审批：每条连出的分支由一个部门办理，须指定牵头部门，并以“并联汇合”闭合',
  presets: [{ key: 'parallel-split', label: '并联审批' }],
  panel: [
    { key: 'branches', label: '分支部门', widget: 'parallel-branches', help: '每条连出的线对应一个办理部门' },
    { key: 'leadDepartmentId', label: '牵头部门', widget: 'lead-department' },
  ],
  summary: (settings, context) => {
    const lead = context.organizations.find((organization) => organization.id === settings.leadDepartmentId)?.name;
    return lead ? `牵头：${lead}` : undefined;
  },
};
