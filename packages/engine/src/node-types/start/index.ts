import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import { checkFieldPermissions } from '../../review/node-checks.js';

/** 开始: the case is registered and moves straight on. */
export const startNode: EngineNodeType<'start'> = {
  type: 'start',
  category: 'event',
  returnable: false,
  countsTime: false,
  offeredActions: () => [],
  editableFields: (node) => Object.entries(nodeSettings(node).fieldPermissions).filter(([, p]) => p === 'edit').map(([id]) => id),
  enter(exec, node, token) {
    exec.history({ action: 'start', stage: '申办', nodeId: node.id, nodeLabel: node.label, actorId: exec.actor?.userId, message: '办件登记' });
    exec.leave(token);
  },
  review: [(node, scope) => checkFieldPermissions(node, scope, nodeSettings(node).fieldPermissions)],
};
