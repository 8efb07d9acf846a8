import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';

/** 结束: concludes the case with the node's outcome; anything still active is cancelled. */
export const endNode: EngineNodeType<'end'> = {
  type: 'end',
  category: 'event',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  enter(exec, node, token) {
    exec.removeToken(token.id);
    exec.conclude(nodeSettings(node).outcome, { nodeId: node.id });
  },
  review: [],
};
