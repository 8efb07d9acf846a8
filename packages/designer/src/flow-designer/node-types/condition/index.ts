import type { NodeDesign } from '../definition.js';

/** 条件分支: exclusive choice; the outgoing edges carry the conditions, one is the default. */
export const conditionDesign: NodeDesign<'condition'> = {
  type: 'condition',
  group: '分支与汇合',
  description: '按表单数据选择一条路径：在连出的线上设置条件，并指定一条默认路径',
  presets: [{ key: 'condition', label: '条件判断' }],
  panel: [],
};
