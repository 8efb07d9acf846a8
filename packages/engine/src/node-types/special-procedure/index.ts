import { nodeSettings, specialProcedureLabels } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import { completePauseStep, enterPauseStep } from '../pause-step.js';
import { checkFieldPermissions } from '../../review/node-checks.js';

/** 特别程序 (hearing, testing, expert review …): its time does not count; the clock stops. */
export const specialProcedureNode: EngineNodeType<'special-procedure'> = {
  type: 'special-procedure',
  category: 'pause',
  returnable: false,
  stopsClock: 'special-procedure',
  countsTime: false,
  assignee: (node) => nodeSettings(node).assignee,
  offeredActions: () => ['approve', 'reject', 'transfer'],
  editableFields: (node) => Object.entries(nodeSettings(node).fieldPermissions).filter(([, p]) => p === 'edit').map(([id]) => id),
  enter: (exec, node, token) =>
    enterPauseStep(exec, node, token, 'special-procedure', { ...nodeSettings(node), procedure: specialProcedureLabels[nodeSettings(node).procedure] }),
  approve: (exec, node, task, action) => completePauseStep(exec, node, task, 'special-procedure', action.comment),
  review: [(node, scope) => checkFieldPermissions(node, scope, nodeSettings(node).fieldPermissions)],
};
