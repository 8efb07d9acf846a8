import type { NodeDesign } from '../definition.js';

/** 条件汇合: closes a condition block. */
export const mergeDesign: NodeDesign<'merge'> = {
  type: 'merge',
  group: '分支与汇合',
  description: '条件分支的各路径在此汇合',
  presets: [{ key: 'merge', label: '条件汇合' }],
  panel: [],
};
