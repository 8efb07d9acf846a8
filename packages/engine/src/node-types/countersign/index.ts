import { nodeSettings, type NodeSettings } from '@xlgl/schema';
import type { EngineNodeType } from '../definition.js';
import { EngineError } from '../../errors.js';
import type { Execution } from '../../runtime/execution.js';
import type { Task } from '../../runtime/types.js';
import type { NodeNode } from '../definition.js';
import { checkAssignee, checkFieldPermissions, checkReturnTargets, checkTimeLimit } from '../../review/node-checks.js';
import type { Problem } from '../../review/types.js';

/** Approvals needed for the completion rule, or undefined when it cannot be satisfied. */
export function requiredApprovals(settings: NodeSettings<'countersign'>): number | undefined {
  const count = settings.signers.length;
  if (count === 0) return undefined;
  const { rule, ratio } = settings.completion;
  if (rule === 'all') return count;
  if (rule === 'any') return 1;
  if (ratio === undefined || !(ratio > 0 && ratio <= 1)) return undefined;
  return Math.max(1, Math.ceil(ratio * count - 1e-9));
}

/** 会签: one task per signer; completes by all / any / ratio; fails when the rule can no longer be met. */
export const countersignNode: EngineNodeType<'countersign'> = {
  type: 'countersign',
  category: 'human',
  returnable: true,
  countsTime: true,
  offeredActions: (node) => nodeSettings(node).actions,
  timeLimitDays: (node) => nodeSettings(node).timeLimitDays,
  editableFields: (node) => Object.entries(nodeSettings(node).fieldPermissions).filter(([, p]) => p === 'edit').map(([id]) => id),
  enter(exec, node, token) {
    const settings = nodeSettings(node);
    if (requiredApprovals(settings) === undefined) {
      throw new EngineError('countersign-unsatisfiable', `会签节点“${node.label}”没有会签人或完成规则无法满足`);
    }
    for (const signer of settings.signers) {
      exec.openTask({
        token,
        node,
        kind: 'countersign',
        signerKey: signer.key,
        label: signer.label ? `${node.label}（${signer.label}）` : node.label,
        assignee: signer.assignee,
        timeLimitDays: settings.timeLimitDays,
        assignedUserId: signer.assignee.by === 'users' && signer.assignee.userIds.length === 1 ? signer.assignee.userIds[0] : undefined,
      });
    }
  },
  approve(exec, node, task, action) {
    vote(exec, node, task, 'approve', action.comment);
  },
  reject(exec, node, task, reason) {
    vote(exec, node, task, 'reject', reason);
  },
  review: [
    (node) => {
      const settings = nodeSettings(node);
      const problems: Problem[] = [];
      if (settings.signers.length === 0) {
        problems.push({ ruleId: 'flow.countersign-signers', severity: 'error', nodeId: node.id, message: `会签“${node.label}”没有会签人` });
      }
      const keys = new Set<string>();
      for (const signer of settings.signers) {
        if (keys.has(signer.key)) problems.push({ ruleId: 'flow.countersign-signers', severity: 'error', nodeId: node.id, message: `会签“${node.label}”的会签人“${signer.key}”重复` });
        keys.add(signer.key);
      }
      if (settings.signers.length > 0 && requiredApprovals(settings) === undefined) {
        problems.push({
          ruleId: 'flow.countersign-rule',
          severity: 'error',
          nodeId: node.id,
          message: `会签“${node.label}”按比例完成时，比例应大于0且不超过1（当前：${settings.completion.ratio ?? '未设置'}）`,
        });
      }
      return problems;
    },
    (node, scope) => nodeSettings(node).signers.flatMap((signer) => checkAssignee(node, scope, signer.assignee, `的会签人“${signer.label ?? signer.key}”`)),
    (node) => checkTimeLimit(node, nodeSettings(node).timeLimitDays),
    (node, scope) => checkReturnTargets(node, scope, nodeSettings(node).actions, nodeSettings(node).returnTargets),
    (node, scope) => checkFieldPermissions(node, scope, nodeSettings(node).fieldPermissions),
  ],
};

function vote(exec: Execution, node: NodeNode<'countersign'>, task: Task, value: 'approve' | 'reject', comment?: string) {
  const settings = nodeSettings(node);
  const actorId = exec.actor?.userId ?? 'system';
  exec.state.votes.push({ tokenId: task.tokenId, signerKey: task.signerKey ?? '', vote: value, actorId, at: exec.now });
  exec.closeTask(task.id, 'completed');
  exec.history({
    action: value === 'approve' ? 'countersign-approve' : 'countersign-reject',
    nodeId: node.id,
    nodeLabel: node.label,
    actorId,
    comment,
    message: `会签“${task.label}”${value === 'approve' ? '同意' : '不同意'}`,
  });
  const votes = exec.state.votes.filter((entry) => entry.tokenId === task.tokenId);
  const approvals = votes.filter((entry) => entry.vote === 'approve').length;
  const rejections = votes.filter((entry) => entry.vote === 'reject').length;
  const needed = requiredApprovals(settings)!;
  const token = exec.state.tokens.find((entry) => entry.id === task.tokenId);
  const finish = () => {
    exec.state.votes = exec.state.votes.filter((entry) => entry.tokenId !== task.tokenId);
    for (const open of exec.state.tasks.filter((entry) => entry.tokenId === task.tokenId)) exec.closeTask(open.id, 'cancelled');
  };
  if (approvals >= needed) {
    finish();
    exec.state.handlers[node.id] = actorId;
    exec.history({ action: 'countersign-complete', stage: '审核', nodeId: node.id, nodeLabel: node.label, message: `会签“${node.label}”通过（同意${approvals}/${settings.signers.length}）` });
    if (token) exec.leave(token);
  } else if (settings.signers.length - rejections < needed) {
    finish();
    exec.history({ action: 'countersign-fail', nodeId: node.id, nodeLabel: node.label, message: `会签“${node.label}”未通过（不同意${rejections}/${settings.signers.length}）` });
    exec.conclude('rejected', { nodeId: node.id, comment: comment });
  }
}
