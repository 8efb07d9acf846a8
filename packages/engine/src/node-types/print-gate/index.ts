import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import { approveGate, enterGate, releaseGate } from '../gate.js';
import { checkTimeLimit } from '../../review/node-checks.js';

/** 证照打印: refuses completion until the certificate is recorded as printed. */
export const printGateNode: EngineNodeType<'print-gate'> = {
  type: 'print-gate',
  category: 'gate',
  returnable: false,
  countsTime: true,
  assignee: (node) => nodeSettings(node).assignee,
  offeredActions: () => ['approve', 'transfer'],
  timeLimitDays: (node) => nodeSettings(node).timeLimitDays,
  enter: (exec, node, token) => enterGate(exec, node, token, 'certificatePrinted', nodeSettings(node)),
  approve: (exec, node, task, action) => approveGate(exec, node, task, 'certificatePrinted', action.comment),
  factRecorded: (exec, node, token) => releaseGate(exec, node, token, 'certificatePrinted'),
  review: [
    (node) => checkTimeLimit(node, nodeSettings(node).timeLimitDays, 'warning'),
    (node, scope) =>
      scope.context.item && scope.context.item.issuesCertificate === false
        ? [{ ruleId: 'flow.print-gate-unneeded', severity: 'warning', nodeId: node.id, message: `事项不颁发证照，证照打印环节“${node.label}”多余` }]
        : [],
  ],
};
