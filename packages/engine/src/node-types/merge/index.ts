import type { EngineNodeType } from '../definition.js';

/** 条件汇合: passes every arriving token on. */
export const mergeNode: EngineNodeType<'merge'> = {
  type: 'merge',
  category: 'gateway',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  enter(exec, _node, token) {
    exec.leave(token);
  },
  review: [],
};
