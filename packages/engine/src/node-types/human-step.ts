import type { FlowNode } from '@xlgl/schema';
import type { Execution } from '../runtime/execution.js';
import type { Task, Token } from '../runtime/types.js';

/** Completes a task: records the handler and history, closes it and moves the token on. */
export function completeTask(exec: Execution, node: FlowNode, task: Task, options: { comment?: string; stage?: string; message?: string } = {}): void {
  const actorId = exec.actor?.userId;
  if (actorId) exec.state.handlers[node.id] = actorId;
  exec.closeTask(task.id, 'completed');
  exec.history({
    action: 'approve',
    stage: options.stage,
    nodeId: node.id,
    nodeLabel: node.label,
    actorId,
    comment: options.comment,
    message: options.message ?? `“${node.label}”办理完成`,
  });
  const token = exec.state.tokens.find((entry) => entry.id === task.tokenId);
  if (token && !exec.state.tasks.some((entry) => entry.tokenId === token.id)) exec.leave(token);
}

/** A person assigned by a return (退回) to the node, if any. */
export function takeAssignment(exec: Execution, node: FlowNode, token: Token): string | undefined {
  const pending = exec.pendingAssignment;
  if (pending && pending.nodeId === node.id) {
    exec.pendingAssignment = undefined;
    return pending.userId;
  }
  void token;
  return undefined;
}
