import { nodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import { completeTask, takeAssignment } from '../human-step.js';
import { checkAssignee, checkClockStopMarked, checkFieldPermissions, checkReturnTargets, checkTimeLimit } from '../../review/node-checks.js';
import { supervisionStageLabels } from '@xlgl/schema';

/** 办理环节: one task for the assignee; approve moves on, reject concludes the case. */
export const taskNode: EngineNodeType<'task'> = {
  type: 'task',
  category: 'human',
  returnable: true,
  countsTime: true,
  assignee: (node) => nodeSettings(node).assignee,
  offeredActions: (node) => nodeSettings(node).actions,
  timeLimitDays: (node) => nodeSettings(node).timeLimitDays,
  editableFields: (node) => Object.entries(nodeSettings(node).fieldPermissions).filter(([, p]) => p === 'edit').map(([id]) => id),
  enter(exec, node, token) {
    const settings = nodeSettings(node);
    exec.openTask({
      token,
      node,
      kind: 'step',
      assignee: settings.assignee,
      timeLimitDays: settings.timeLimitDays,
      assignedUserId: takeAssignment(exec, node, token) ?? (settings.assignee?.by === 'users' && settings.assignee.userIds.length === 1 ? settings.assignee.userIds[0] : undefined),
    });
  },
  approve(exec, node, task, action) {
    const stage = nodeSettings(node).stage;
    completeTask(exec, node, task, { comment: action.comment, stage: stage ? supervisionStageLabels[stage] : undefined });
  },
  review: [
    (node, scope) => checkAssignee(node, scope, nodeSettings(node).assignee),
    (node) => checkTimeLimit(node, nodeSettings(node).timeLimitDays),
    (node, scope) => checkReturnTargets(node, scope, nodeSettings(node).actions, nodeSettings(node).returnTargets),
    (node, scope) => checkFieldPermissions(node, scope, nodeSettings(node).fieldPermissions),
    checkClockStopMarked,
  ],
};
