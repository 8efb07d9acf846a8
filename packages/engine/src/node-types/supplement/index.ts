import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import { completePauseStep, enterPauseStep } from '../pause-step.js';
import { checkFieldPermissions } from '../../review/node-checks.js';

/** 补正: waits for the applicant's materials; the case clock stops meanwhile. */
export const supplementNode: EngineNodeType<'supplement'> = {
  type: 'supplement',
  category: 'pause',
  returnable: false,
  stopsClock: 'supplement',
  countsTime: false,
  assignee: (node) => nodeSettings(node).assignee,
  offeredActions: () => ['approve', 'reject', 'transfer'],
  editableFields: (node) => Object.entries(nodeSettings(node).fieldPermissions).filter(([, p]) => p === 'edit').map(([id]) => id),
  enter: (exec, node, token) => enterPauseStep(exec, node, token, 'supplement', nodeSettings(node)),
  approve: (exec, node, task, action) => completePauseStep(exec, node, task, 'supplement', action.comment),
  review: [(node, scope) => checkFieldPermissions(node, scope, nodeSettings(node).fieldPermissions)],
};
