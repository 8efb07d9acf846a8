import type { AssigneeRule, FlowNode } from '@xlgl/schema';
import type { Execution } from '../runtime/execution.js';
import type { PauseKind, Task, Token } from '../runtime/types.js';
import { completeTask } from './human-step.js';
import { windowAssignee } from './definition.js';

const texts: Record<PauseKind, { start: string; end: string; startStage: string; endStage: string }> = {
  supplement: { start: '一次性告知申请人补正材料，暂停计时', end: '补正材料已收齐，恢复计时', startStage: '补齐补正告知', endStage: '补齐补正受理' },
  'special-procedure': { start: '进入特别程序，暂停计时', end: '特别程序结束，恢复计时', startStage: '特别程序申请', endStage: '特别程序结果' },
};

/** Entry of a clock-stopping step: the task waits and the case clock stops. */
export function enterPauseStep(exec: Execution, node: FlowNode, token: Token, kind: PauseKind, options: { assignee?: AssigneeRule; procedure?: string }): void {
  const task = exec.openTask({ token, node, kind, assignee: options.assignee ?? windowAssignee });
  const pause = exec.startPause({ kind, node, task, procedure: options.procedure });
  task.pausedBy = pause.id;
  exec.history({ action: `${kind}-start`, stage: texts[kind].startStage, nodeId: node.id, nodeLabel: node.label, message: `“${node.label}”：${texts[kind].start}` });
  if (kind === 'supplement') exec.notify({ kind: 'applicant' }, `请补正材料：${node.label}`);
}

/** Completion of a clock-stopping step: the clock restarts and the case moves on. */
export function completePauseStep(exec: Execution, node: FlowNode, task: Task, kind: PauseKind, comment?: string): void {
  if (task.pausedBy) exec.endPause(task.pausedBy);
  delete task.pausedBy;
  completeTask(exec, node, task, { comment, stage: texts[kind].endStage, message: `“${node.label}”：${texts[kind].end}` });
}

export const pauseTexts = texts;
