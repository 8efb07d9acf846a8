import { nodeSettings, stepActionLabels, type FlowDocument, type FlowNode, type StepAction } from '@xlgl/schema';
import { higherRegionCode, matchesAssignee, type Actor } from '../assignee/assignee.js';
import { EngineError } from '../errors.js';
import { isEnclosingFrames } from '../model/blocks.js';
import { engineNodeType } from '../node-types/registry.js';
import { windowAssignee } from '../node-types/definition.js';
import { pauseTexts } from '../node-types/pause-step.js';
import { cloneData } from './clone.js';
import { Execution } from './execution.js';
import type { ActionOptions, ActionResult, CaseAction, CaseState, Task } from './types.js';

/** Why a step's handler cannot restart the clock of a 补正 pause themselves. */
export const supplementResumeRefusal = '等待补正：补正材料由受理窗口在“补正”中登记“补正完成”后自动恢复计时';

/** Whether `actor` may handle `task` (named person, or the assignee rule at the task's centre). */
export function canHandleTask(task: Task, actor: Actor): boolean {
  if (task.assignedUserId) return task.assignedUserId === actor.userId;
  return matchesAssignee(task.assignee ?? windowAssignee, actor, task.regionCode);
}

/** Actions the node offers on its tasks. */
export function offeredActions(node: FlowNode): readonly StepAction[] {
  return engineNodeType(node.type).offeredActions(node as never);
}

/** The return targets a node allows. */
export function returnTargetsOf(node: FlowNode): string[] {
  if (node.type === 'task' || node.type === 'countersign') return nodeSettings(node as FlowNode & { type: 'task' }).returnTargets;
  return [];
}

function requireReason(reason: string | undefined, what: string): string {
  const text = reason?.trim();
  if (!text) throw new EngineError('reason-required', `${what}必须填写理由`);
  return text;
}

function handleableTask(exec: Execution, taskId: string, actor: Actor): { task: Task; node: FlowNode } {
  const task = exec.task(taskId);
  if (!canHandleTask(task, actor)) throw new EngineError('not-assignee', `您不是待办“${task.label}”的办理人`);
  return { task, node: exec.graph.node(task.nodeId) };
}

function requireOffered(node: FlowNode, action: StepAction): void {
  if (!offeredActions(node).includes(action)) throw new EngineError('action-not-offered', `环节“${node.label}”不允许“${stepActionLabels[action]}”`);
}

function requireRunningClock(task: Task, node: FlowNode): void {
  // A 补正 / 特别程序 node is completed (or refused) while its clock is stopped.
  if (task.pausedBy && engineNodeType(node.type).category !== 'pause') throw new EngineError('task-paused', `待办“${task.label}”正在补正或特别程序中，请先恢复计时`);
}

/**
 * Applies one action to a case and returns the new state and the effects to carry out.
 * Pure: the input state is not modified; the clock, calendar and actor are inputs.
 * Throws `EngineError` (Chinese message) when the action is not allowed.
 */
export function applyAction(flow: FlowDocument, state: CaseState, action: CaseAction, options: ActionOptions): ActionResult {
  if (state.flowId !== flow.id || state.flowVersion !== flow.version) {
    throw new EngineError('flow-mismatch', `办件运行在流程“${state.flowId}”第${state.flowVersion}版上，不能用“${flow.id}”第${flow.version}版处理`);
  }
  if (action.expectedVersion !== undefined && action.expectedVersion !== state.version) {
    throw new EngineError('stale-version', `办件已被他人更新（当前版本${state.version}，您看到的是版本${action.expectedVersion}），请刷新后重试`);
  }
  if (state.status !== 'running') throw new EngineError('case-concluded', '办件已办结，不能再办理');
  const exec = new Execution(flow, cloneData(state), options.calendar, options.now, options.actor);
  const actor = options.actor;
  let actedTaskId: string | undefined;

  switch (action.type) {
    case 'approve': {
      const { task, node } = handleableTask(exec, action.taskId, actor);
      requireRunningClock(task, node);
      actedTaskId = task.id;
      const definition = engineNodeType(node.type);
      if (action.data && Object.keys(action.data).length > 0) {
        const editable = new Set(definition.editableFields?.(node as never) ?? []);
        const refused = Object.keys(action.data).filter((key) => !editable.has(key));
        if (refused.length > 0) throw new EngineError('field-not-editable', `环节“${node.label}”不能修改字段：${refused.join('、')}`);
      }
      const withdrawable = node.type === 'task' && offeredActions(node).includes('withdraw');
      const before = withdrawable ? { token: cloneData(exec.state.tokens.find((entry) => entry.id === task.tokenId)), task: cloneData(task), data: cloneData(exec.state.data) } : undefined;
      if (action.data) Object.assign(exec.state.data, action.data);
      if (task.escalated && exec.state.escalation?.nodeId === node.id) {
        delete exec.state.escalation;
        exec.history({ action: 'hand-back', stage: '结果下发', nodeId: node.id, nodeLabel: node.label, actorId: actor.userId, message: '上级中心已办理，结果下发至受理中心' });
        exec.notify({ kind: 'roles', roleIds: ['role-window'], regionCode: exec.state.regionCode }, `上报的办件“${node.label}”已由上级中心办理`);
      }
      exec.beginJournal();
      if (!definition.approve) throw new EngineError('action-not-offered', `环节“${node.label}”不能直接办理`);
      definition.approve(exec, node as never, task, action);
      const journal = exec.journal!;
      exec.journal = undefined;
      if (before?.token && !journal.joinFired && !journal.pauseStarted && !journal.escalationChanged && !journal.concluded) {
        const openTaskIds = new Set(exec.state.tasks.map((entry) => entry.id));
        const tokenIds = new Set(exec.state.tokens.map((entry) => entry.id));
        const createdTaskIds = journal.createdTaskIds.filter((id) => openTaskIds.has(id));
        if (createdTaskIds.length > 0) {
          exec.state.withdrawable.push({
            id: exec.id('w'),
            nodeId: node.id,
            actorId: actor.userId,
            at: exec.now,
            token: before.token,
            task: before.task,
            createdTokenIds: journal.createdTokenIds.filter((id) => tokenIds.has(id)),
            createdTaskIds,
            createdSplitIds: journal.createdSplitIds,
            dataBefore: before.data,
          });
        }
      }
      break;
    }
    case 'reject': {
      const { task, node } = handleableTask(exec, action.taskId, actor);
      requireRunningClock(task, node);
      requireOffered(node, 'reject');
      const reason = requireReason(action.reason, '不予许可');
      actedTaskId = task.id;
      const definition = engineNodeType(node.type);
      if (definition.reject) definition.reject(exec, node as never, task, reason);
      else {
        exec.state.handlers[node.id] = actor.userId;
        exec.history({ action: 'reject', stage: '批准', nodeId: node.id, nodeLabel: node.label, actorId: actor.userId, comment: reason, message: `“${node.label}”作出不予许可决定` });
        exec.conclude('rejected', { nodeId: node.id, comment: reason, actorId: actor.userId });
      }
      break;
    }
    case 'return': {
      const { task, node } = handleableTask(exec, action.taskId, actor);
      requireRunningClock(task, node);
      requireOffered(node, 'return');
      const reason = requireReason(action.reason, '退回');
      actedTaskId = task.id;
      returnTo(exec, task, node, action.targetNodeId, reason);
      break;
    }
    case 'transfer': {
      const { task, node } = handleableTask(exec, action.taskId, actor);
      requireOffered(node, 'transfer');
      if (!action.toUserId || action.toUserId === actor.userId) throw new EngineError('transfer-target', '请选择转办给其他人员');
      actedTaskId = task.id;
      const fromUserId = task.assignedUserId;
      task.assignedUserId = action.toUserId;
      exec.emit({ type: 'task.reassign', taskId: task.id, toUserId: action.toUserId, ...(fromUserId ? { fromUserId } : {}) });
      exec.notify({ kind: 'user', userId: action.toUserId }, `有转办给您的待办：${task.label}`);
      exec.history({ action: 'transfer', nodeId: node.id, nodeLabel: node.label, actorId: actor.userId, comment: action.reason, message: `“${task.label}”转办给${action.toUserId}` });
      break;
    }
    case 'withdraw':
      withdraw(exec, action.nodeId, actor, action.reason);
      break;
    case 'supplement':
    case 'suspend': {
      const { task, node } = handleableTask(exec, action.taskId, actor);
      requireRunningClock(task, node);
      requireOffered(node, action.type);
      const reason = requireReason(action.reason, action.type === 'supplement' ? '补正告知' : '特别程序');
      actedTaskId = task.id;
      const kind = action.type === 'supplement' ? 'supplement' : 'special-procedure';
      const pause = exec.startPause({ kind, node, task, reason, procedure: action.type === 'suspend' ? action.procedure : undefined });
      task.pausedBy = pause.id;
      exec.emit({ type: 'task.pause', taskId: task.id });
      exec.history({ action: kind + '-start', stage: pauseTexts[kind].startStage, nodeId: node.id, nodeLabel: node.label, actorId: actor.userId, comment: reason, message: `“${node.label}”：${pauseTexts[kind].start}` });
      if (kind === 'supplement') exec.notify({ kind: 'applicant' }, `请补正材料：${reason}`);
      break;
    }
    case 'resume': {
      const { task, node } = handleableTask(exec, action.taskId, actor);
      const pause = exec.state.pauses.find((entry) => entry.id === task.pausedBy);
      if (!pause) throw new EngineError('not-paused', `待办“${task.label}”没有暂停计时`);
      if (node.type === 'supplement' || node.type === 'special-procedure') {
        throw new EngineError('resume-by-approve', `“${node.label}”请通过“办理完成”恢复计时`);
      }
      // 补正: the clock restarts when the supplementary materials arrive, recorded by the accepting
      // window with the materials themselves (`supplement-received`), not by a button of the step.
      if (pause.kind === 'supplement') throw new EngineError('resume-by-receipt', supplementResumeRefusal);
      actedTaskId = task.id;
      delete task.pausedBy;
      exec.endPause(pause.id);
      exec.emit({ type: 'task.resume', taskId: task.id });
      exec.history({ action: pause.kind + '-end', stage: pauseTexts[pause.kind].endStage, nodeId: node.id, nodeLabel: node.label, actorId: actor.userId, comment: action.comment, message: `“${node.label}”：${pauseTexts[pause.kind].end}` });
      break;
    }
    case 'supplement-received': {
      // The applicant hands the materials in at the window, not to the step's handler: who may record
      // it is the caller's check (the accepting centre's window); the task stays with its handler.
      const task = exec.task(action.taskId);
      const node = exec.graph.node(task.nodeId);
      const pause = exec.state.pauses.find((entry) => entry.id === task.pausedBy);
      if (!pause || pause.kind !== 'supplement') throw new EngineError('not-supplementing', `待办“${task.label}”不在补正中，不能登记补正完成`);
      if (engineNodeType(node.type).category === 'pause') throw new EngineError('resume-by-approve', `“${node.label}”请通过“补正材料已收齐”办理`);
      actedTaskId = task.id;
      delete task.pausedBy;
      exec.endPause(pause.id);
      exec.emit({ type: 'task.resume', taskId: task.id });
      exec.history({ action: 'supplement-end', stage: pauseTexts.supplement.endStage, nodeId: node.id, nodeLabel: node.label, actorId: actor.userId, comment: action.comment, message: `“${node.label}”：${pauseTexts.supplement.end}` });
      if (task.assignedUserId && task.assignedUserId !== actor.userId) exec.notify({ kind: 'user', userId: task.assignedUserId }, `补正材料已收齐，请继续办理：${task.label}`);
      break;
    }
    case 'escalate': {
      const { task, node } = handleableTask(exec, action.taskId, actor);
      requireRunningClock(task, node);
      requireOffered(node, 'escalate');
      const reason = requireReason(action.reason, '上报');
      if (task.kind !== 'step') throw new EngineError('escalate-kind', `“${task.label}”不能上报`);
      if (task.escalated || exec.state.escalation) throw new EngineError('already-escalated', '办件已上报至上级中心');
      const regionCode = higherRegionCode(exec.state.regionCode);
      if (!regionCode) throw new EngineError('no-higher-centre', '办件受理于最高一级中心，无法上报');
      actedTaskId = task.id;
      const token = exec.state.tokens.find((entry) => entry.id === task.tokenId)!;
      exec.closeTask(task.id, 'escalated');
      exec.state.escalation = { nodeId: node.id, regionCode, since: exec.now };
      exec.history({ action: 'escalate', stage: '上报', nodeId: node.id, nodeLabel: node.label, actorId: actor.userId, comment: reason, message: `“${node.label}”上报至上级政务服务中心（${regionCode}）` });
      exec.openTask({ token, node, kind: task.kind, assignee: task.assignee, timeLimitDays: task.timeLimitDays, escalated: true, label: task.label });
      break;
    }
    case 'record-payment':
    case 'record-print': {
      const fact = action.type === 'record-payment' ? 'feePaid' : 'certificatePrinted';
      if (exec.state.facts[fact]) throw new EngineError('fact-recorded', action.type === 'record-payment' ? '费用已登记缴清，无需重复登记' : '证照已登记打印，无需重复登记');
      exec.state.facts[fact] = true;
      const detail = action.type === 'record-payment' ? (action.receiptNo ? `，票据号${action.receiptNo}` : '') : action.certificateNo ? `，证照编号${action.certificateNo}` : '';
      exec.history({ action: action.type, stage: action.type === 'record-payment' ? '收费' : '制证', actorId: actor.userId, message: `${action.type === 'record-payment' ? '登记缴费' : '登记证照打印'}${detail}` });
      const gateType = action.type === 'record-payment' ? 'fee-gate' : 'print-gate';
      for (const token of [...exec.state.tokens]) {
        const node = exec.graph.node(token.nodeId);
        if (node.type !== gateType || !exec.state.tokens.includes(token)) continue;
        actedTaskId = exec.state.tasks.find((entry) => entry.tokenId === token.id)?.id ?? actedTaskId;
        engineNodeType(node.type).factRecorded?.(exec, node as never, token);
      }
      break;
    }
    case 'cancel': {
      const reason = requireReason(action.reason, '撤回申请');
      exec.conclude('withdrawn', { comment: reason, actorId: actor.userId });
      break;
    }
    default: {
      const unknown: never = action;
      throw new EngineError('unknown-action', `未知的办理动作：${JSON.stringify(unknown)}`);
    }
  }

  pruneWithdrawable(exec, actedTaskId);
  exec.state.version = state.version + 1;
  return { state: exec.state, effects: exec.effects };
}

function pruneWithdrawable(exec: Execution, actedTaskId: string | undefined): void {
  const openTasks = new Map(exec.state.tasks.map((task) => [task.id, task]));
  const tokens = new Set(exec.state.tokens.map((token) => token.id));
  exec.state.withdrawable = exec.state.withdrawable.filter(
    (entry) =>
      !(actedTaskId && entry.createdTaskIds.includes(actedTaskId)) &&
      entry.createdTaskIds.every((id) => openTasks.has(id) && !openTasks.get(id)!.pausedBy) &&
      entry.createdTokenIds.every((id) => tokens.has(id)),
  );
}

function returnTo(exec: Execution, task: Task, node: FlowNode, targetNodeId: string, reason: string): void {
  if (!returnTargetsOf(node).includes(targetNodeId)) {
    throw new EngineError('return-target', `环节“${node.label}”不能退回到“${exec.graph.label(targetNodeId)}”`);
  }
  const target = exec.graph.node(targetNodeId);
  if (!engineNodeType(target.type).returnable) throw new EngineError('return-target', `“${target.label}”不是办理环节，不能退回`);
  const token = exec.state.tokens.find((entry) => entry.id === task.tokenId);
  if (!token) throw new EngineError('token-missing', `待办“${task.label}”的流转状态已失效`);
  const targetFrames = exec.blocks.frames.get(target.id) ?? [];
  const tokenFrames = token.frames.map((frame) => ({ splitId: frame.splitNodeId, edgeId: frame.edgeId }));
  if (!isEnclosingFrames(targetFrames, tokenFrames)) {
    throw new EngineError('return-across-block', `不能从“${node.label}”退回到另一个并联分支中的“${target.label}”`);
  }
  for (const open of exec.state.tasks.filter((entry) => entry.tokenId === token.id)) exec.closeTask(open.id, 'returned');
  exec.state.votes = exec.state.votes.filter((vote) => vote.tokenId !== token.id);
  exec.removeToken(token.id);
  const depth = targetFrames.length;
  if (depth < token.frames.length) {
    // Returning out of a parallel block collapses it: every branch of that instance is cancelled.
    const instanceId = token.frames[depth]!.splitInstanceId;
    for (const other of exec.state.tokens.filter((entry) => entry.frames[depth]?.splitInstanceId === instanceId)) {
      for (const open of exec.state.tasks.filter((entry) => entry.tokenId === other.id)) exec.closeTask(open.id, 'cancelled');
      exec.state.votes = exec.state.votes.filter((vote) => vote.tokenId !== other.id);
      exec.removeToken(other.id);
    }
    exec.state.splits = exec.state.splits.filter((split) => split.id !== instanceId && !split.frames.some((frame) => frame.splitInstanceId === instanceId));
    exec.history({ action: 'parallel-collapse', nodeId: node.id, nodeLabel: node.label, message: '退回到并联之前的环节，撤销所有并联分支' });
  }
  const previous = exec.state.handlers[target.id];
  exec.pendingAssignment = previous ? { nodeId: target.id, userId: previous } : undefined;
  exec.history({ action: 'return', nodeId: node.id, nodeLabel: node.label, actorId: exec.actor?.userId, comment: reason, message: `“${node.label}”退回至“${target.label}”` });
  exec.enterNode(target.id, token.frames.slice(0, depth));
  exec.pendingAssignment = undefined;
}

function withdraw(exec: Execution, nodeId: string, actor: Actor, reason: string | undefined): void {
  const entry = exec.state.withdrawable.find((candidate) => candidate.nodeId === nodeId && candidate.actorId === actor.userId);
  const label = exec.graph.label(nodeId);
  if (!entry) throw new EngineError('withdraw-not-allowed', `不能撤回“${label}”：只能由办理人在下一环节办理之前撤回`);
  for (const id of entry.createdTaskIds) exec.closeTask(id, 'withdrawn');
  const created = new Set(entry.createdTokenIds);
  exec.state.tokens = exec.state.tokens.filter((token) => !created.has(token.id));
  const splits = new Set(entry.createdSplitIds);
  exec.state.splits = exec.state.splits.filter((split) => !splits.has(split.id));
  exec.state.data = entry.dataBefore;
  exec.state.withdrawable = exec.state.withdrawable.filter((candidate) => candidate.id !== entry.id);
  exec.state.tokens.push(entry.token);
  const task: Task = { ...entry.task, assignedUserId: actor.userId };
  exec.state.tasks.push(task);
  exec.emit({ type: 'task.open', task });
  exec.scheduleTask(task);
  exec.history({ action: 'withdraw', nodeId, nodeLabel: label, actorId: actor.userId, comment: reason, message: `“${label}”的办理人撤回了办理结果` });
}
