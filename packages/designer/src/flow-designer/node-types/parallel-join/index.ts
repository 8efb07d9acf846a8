import type { NodeDesign } from '../definition.js';

/** 并联汇合: waits for every branch of its split. */
export const parallelJoinDesign: NodeDesign<'parallel-join'> = {
  type: 'parallel-join',
  group: '分支与汇合',
  description: '等待并联的全部分支办结后继续',
  presets: [{ key: 'parallel-join', label: '并联汇合' }],
  panel: [],
};
