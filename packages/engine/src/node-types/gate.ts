import type { AssigneeRule, FlowNode } from '@xlgl/schema';
import { EngineError } from '../errors.js';
import type { Execution } from '../runtime/execution.js';
import type { Task, Token } from '../runtime/types.js';
import { completeTask } from './human-step.js';
import { windowAssignee } from './definition.js';

export type GateFact = 'feePaid' | 'certificatePrinted';

const factText: Record<GateFact, { missing: string; passed: string; stage: string }> = {
  feePaid: { missing: '尚未登记缴费，不能通过收费环节', passed: '费用已缴清', stage: '收费' },
  certificatePrinted: { missing: '证照尚未打印，不能通过制证环节', passed: '证照已打印', stage: '制证' },
};

/** Entry of a gate: pass when the fact already holds, else wait with a task at the window. */
export function enterGate(exec: Execution, node: FlowNode, token: Token, fact: GateFact, settings: { assignee?: AssigneeRule; timeLimitDays?: number }): void {
  if (exec.state.facts[fact]) {
    exec.history({ action: 'gate-pass', stage: factText[fact].stage, nodeId: node.id, nodeLabel: node.label, message: `${factText[fact].passed}，“${node.label}”自动通过` });
    exec.leave(token);
    return;
  }
  exec.openTask({ token, node, kind: 'gate', assignee: settings.assignee ?? windowAssignee, timeLimitDays: settings.timeLimitDays });
}

/** Approving a gate task is refused until the fact holds. */
export function approveGate(exec: Execution, node: FlowNode, task: Task, fact: GateFact, comment?: string): void {
  if (!exec.state.facts[fact]) throw new EngineError(fact === 'feePaid' ? 'fee-unpaid' : 'certificate-unprinted', factText[fact].missing);
  completeTask(exec, node, task, { comment, stage: factText[fact].stage });
}

/** The fact was recorded: every token waiting at this gate moves on. */
export function releaseGate(exec: Execution, node: FlowNode, token: Token, fact: GateFact): void {
  for (const task of exec.state.tasks.filter((entry) => entry.tokenId === token.id)) exec.closeTask(task.id, 'completed');
  exec.history({ action: 'gate-pass', stage: factText[fact].stage, nodeId: node.id, nodeLabel: node.label, actorId: exec.actor?.userId, message: `${factText[fact].passed}，“${node.label}”通过` });
  exec.leave(token);
}
