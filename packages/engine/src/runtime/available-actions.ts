import { stepActionLabels, type FlowDocument } from '@xlgl/schema';
import type { Actor } from '../assignee/assignee.js';
import { flowGraph } from '../model/flow-graph.js';
import { blockStructure, isEnclosingFrames } from '../model/blocks.js';
import { canHandleTask, offeredActions, returnTargetsOf, supplementResumeRefusal } from './apply-action.js';
import type { CaseActionType, CaseState } from './types.js';

/** An action the UI can offer; `disabledReason` explains why it is shown but not possible now. */
export type AvailableAction = {
  type: CaseActionType;
  label: string;
  taskId?: string;
  nodeId?: string;
  /** For `return`: the steps it may go back to. */
  targets?: Array<{ nodeId: string; label: string }>;
  disabledReason?: string;
};

/** The actions `actor` can take on the case now, per task. */
export function availableActions(flow: FlowDocument, state: CaseState, actor: Actor): AvailableAction[] {
  if (state.status !== 'running') return [];
  const graph = flowGraph(flow);
  const blocks = blockStructure(flow);
  const result: AvailableAction[] = [];
  for (const task of state.tasks) {
    if (!canHandleTask(task, actor)) continue;
    const node = graph.node(task.nodeId);
    const base = { taskId: task.id, nodeId: node.id };
    if (task.pausedBy) {
      const isPauseStep = node.type === 'supplement' || node.type === 'special-procedure';
      const supplementPause = state.pauses.some((pause) => pause.id === task.pausedBy && pause.kind === 'supplement');
      result.push(
        isPauseStep
          ? { ...base, type: 'approve', label: node.type === 'supplement' ? '补正材料已收齐' : '特别程序结束' }
          : { ...base, type: 'resume', label: '恢复计时', ...(supplementPause ? { disabledReason: supplementResumeRefusal } : {}) },
      );
      if (isPauseStep) result.push({ ...base, type: 'reject', label: '不予许可' });
      continue;
    }
    for (const action of offeredActions(node)) {
      if (action === 'withdraw') continue;
      if (action === 'approve') {
        const gateBlocked =
          node.type === 'fee-gate' && !state.facts.feePaid ? '尚未登记缴费' : node.type === 'print-gate' && !state.facts.certificatePrinted ? '证照尚未打印' : undefined;
        result.push({ ...base, type: 'approve', label: task.kind === 'countersign' ? '同意' : stepActionLabels.approve, ...(gateBlocked ? { disabledReason: gateBlocked } : {}) });
        continue;
      }
      if (action === 'return') {
        const token = state.tokens.find((entry) => entry.id === task.tokenId);
        const tokenFrames = token?.frames.map((frame) => ({ splitId: frame.splitNodeId, edgeId: frame.edgeId })) ?? [];
        const targets = returnTargetsOf(node)
          .filter((id) => graph.nodes.has(id) && isEnclosingFrames(blocks.frames.get(id) ?? [], tokenFrames))
          .map((id) => ({ nodeId: id, label: graph.label(id) }));
        if (targets.length > 0) result.push({ ...base, type: 'return', label: stepActionLabels.return, targets });
        continue;
      }
      if (action === 'escalate' && (task.escalated || state.escalation || task.kind !== 'step')) continue;
      result.push({ ...base, type: action, label: task.kind === 'countersign' && action === 'reject' ? '不同意' : stepActionLabels[action] });
    }
    if (node.type === 'fee-gate' && !state.facts.feePaid) result.push({ ...base, type: 'record-payment', label: '登记缴费' });
    if (node.type === 'print-gate' && !state.facts.certificatePrinted) result.push({ ...base, type: 'record-print', label: '登记证照打印' });
  }
  for (const entry of state.withdrawable) {
    if (entry.actorId === actor.userId) result.push({ type: 'withdraw', nodeId: entry.nodeId, label: `撤回“${graph.label(entry.nodeId)}”` });
  }
  return result;
}
