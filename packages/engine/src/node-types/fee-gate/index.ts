import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import { approveGate, enterGate, releaseGate } from '../gate.js';
import { checkTimeLimit } from '../../review/node-checks.js';

/** 收费: refuses completion until the fee is recorded as paid. */
export const feeGateNode: EngineNodeType<'fee-gate'> = {
  type: 'fee-gate',
  category: 'gate',
  returnable: false,
  countsTime: true,
  assignee: (node) => nodeSettings(node).assignee,
  offeredActions: () => ['approve', 'transfer'],
  timeLimitDays: (node) => nodeSettings(node).timeLimitDays,
  enter: (exec, node, token) => enterGate(exec, node, token, 'feePaid', nodeSettings(node)),
  approve: (exec, node, task, action) => approveGate(exec, node, task, 'feePaid', action.comment),
  factRecorded: (exec, node, token) => releaseGate(exec, node, token, 'feePaid'),
  review: [
    (node) => checkTimeLimit(node, nodeSettings(node).timeLimitDays, 'warning'),
    (node, scope) =>
      scope.context.item && scope.context.item.charges === false
        ? [{ ruleId: 'flow.fee-gate-unneeded', severity: 'warning', nodeId: node.id, message: `事项不收费，收费环节“${node.label}”多余` }]
        : [],
  ],
};
