import { nodeSettings, type AssigneeRule, type FlowDocument, type FlowNode } from '@xlgl/schema';
import { computeDeadlines, type WorkingCalendar } from '../calendar/index.js';
import { assigneeRegionCode, type Actor } from '../assignee/assignee.js';
import { EngineError } from '../errors.js';
import { flowGraph, type FlowGraph } from '../model/flow-graph.js';
import { blockStructure, type BlockStructure } from '../model/blocks.js';
import { localDateOf, startOfLocalDate, toInstant, type LocalDate } from '../time.js';
import { engineNodeTypes } from '../node-types/registry.js';
import type {
  CaseOutcome,
  CaseState,
  Effect,
  Frame,
  HistoryRecord,
  NotificationTarget,
  Pause,
  PauseKind,
  Task,
  TaskKind,
  Token,
} from './types.js';

/** What one completion produced; used to decide whether it can be withdrawn. */
export type Journal = {
  createdTokenIds: string[];
  createdTaskIds: string[];
  createdSplitIds: string[];
  joinFired: boolean;
  pauseStarted: boolean;
  escalationChanged: boolean;
  concluded: boolean;
};

const MAX_AUTOMATIC_STEPS = 10_000;

const outcomeLabels: Record<CaseOutcome, string> = { approved: '办结（准予）', rejected: '办结（不予许可）', withdrawn: '撤回' };

/**
 * The mutable working copy of a case during one engine call. Node types drive it through
 * `enterNode` / `leave` / `openTask`; it records every effect. Nothing here does I/O.
 */
export class Execution {
  readonly effects: Effect[] = [];
  readonly graph: FlowGraph;
  readonly blocks: BlockStructure;
  readonly now: string;
  readonly today: LocalDate;
  journal: Journal | undefined;
  /** Set by a return: the node's next task goes to this person (the previous handler). */
  pendingAssignment: { nodeId: string; userId: string } | undefined;
  private automaticSteps = 0;

  constructor(
    readonly flow: FlowDocument,
    readonly state: CaseState,
    readonly calendar: WorkingCalendar,
    now: Date | string,
    readonly actor: Actor | undefined,
  ) {
    this.graph = flowGraph(flow);
    this.blocks = blockStructure(flow);
    this.now = toInstant(now);
    this.today = localDateOf(this.now);
  }

  id(prefix: string): string {
    this.state.sequence += 1;
    return `${prefix}-${this.state.sequence}`;
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  history(record: Omit<HistoryRecord, 'id' | 'at'>): void {
    this.emit({ type: 'history', record: { id: this.id('h'), at: this.now, ...record } });
  }

  notify(to: NotificationTarget, message: string): void {
    this.emit({ type: 'notify', to, message });
  }

  beginJournal(): void {
    this.journal = {
      createdTokenIds: [],
      createdTaskIds: [],
      createdSplitIds: [],
      joinFired: false,
      pauseStarted: false,
      escalationChanged: false,
      concluded: false,
    };
  }

  // ---- tokens and routing -------------------------------------------------------------------

  createToken(nodeId: string, frames: Frame[]): Token {
    const token: Token = { id: this.id('t'), nodeId, frames, enteredAt: this.now };
    this.state.tokens.push(token);
    this.journal?.createdTokenIds.push(token.id);
    return token;
  }

  removeToken(tokenId: string): void {
    this.state.tokens = this.state.tokens.filter((token) => token.id !== tokenId);
  }

  /** Places a token on a node and runs the node type's entry semantics. */
  enterNode(nodeId: string, frames: Frame[]): void {
    if (this.state.status !== 'running') return;
    this.automaticSteps += 1;
    if (this.automaticSteps > MAX_AUTOMATIC_STEPS) {
      throw new EngineError('automatic-loop', `流程“${this.flow.name}”在自动节点之间无限循环（没有经过任何办理环节），请检查条件分支`);
    }
    const node = this.graph.node(nodeId);
    const token = this.createToken(nodeId, frames);
    engineNodeTypes[node.type].enter(this, node as never, token);
  }

  /** Takes the token off its node and follows the node's outgoing edges. */
  leave(token: Token): void {
    this.removeToken(token.id);
    const node = this.graph.node(token.nodeId);
    const out = this.graph.out(node.id);
    if (out.length === 0) {
      throw new EngineError('no-exit', `节点“${node.label}”没有出口连线，办件无法继续，请联系配置员修正流程`);
    }
    for (const edge of out) this.enterNode(edge.target, token.frames);
  }

  // ---- tasks and timers ---------------------------------------------------------------------

  openTask(options: {
    token: Token;
    node: FlowNode;
    kind: TaskKind;
    assignee?: AssigneeRule;
    timeLimitDays?: number;
    signerKey?: string;
    assignedUserId?: string;
    escalated?: boolean;
    label?: string;
  }): Task {
    const { token, node } = options;
    const escalatedRegion = this.state.escalation?.regionCode;
    let regionCode = assigneeRegionCode(options.assignee, this.state.regionCode);
    if (options.escalated && escalatedRegion) regionCode = escalatedRegion;
    const task: Task = {
      id: this.id('task'),
      nodeId: node.id,
      nodeType: node.type,
      label: options.label ?? node.label,
      tokenId: token.id,
      kind: options.kind,
      signerKey: options.signerKey,
      assignee: options.assignee,
      regionCode,
      assignedUserId: options.assignedUserId,
      openedAt: this.now,
      openedDate: this.today,
      timeLimitDays: options.timeLimitDays,
      escalated: options.escalated,
    };
    for (const key of Object.keys(task) as (keyof Task)[]) if (task[key] === undefined) delete task[key];
    this.state.tasks.push(task);
    this.journal?.createdTaskIds.push(task.id);
    this.emit({ type: 'task.open', task });
    this.scheduleTask(task);
    this.notify(
      task.assignedUserId ? { kind: 'user', userId: task.assignedUserId } : task.assignee ? { kind: 'assignee', assignee: task.assignee, regionCode } : { kind: 'roles', roleIds: ['role-window'], regionCode },
      `有新的待办：${task.label}`,
    );
    return task;
  }

  task(taskId: string): Task {
    const task = this.state.tasks.find((entry) => entry.id === taskId);
    if (!task) throw new EngineError('task-not-found', `待办“${taskId}”不存在或已办理`);
    return task;
  }

  closeTask(taskId: string, reason: Extract<Effect, { type: 'task.close' }>['reason']): void {
    const task = this.task(taskId);
    this.state.tasks = this.state.tasks.filter((entry) => entry.id !== taskId);
    this.emit({ type: 'task.close', taskId, nodeId: task.nodeId, reason });
    this.cancelTaskTimers(task);
    // A task that stopped the clock restarts it when it goes away.
    if (task.pausedBy) this.endPause(task.pausedBy);
  }

  isClockStopped(): boolean {
    return this.state.pauses.some((pause) => pause.to === undefined);
  }

  private pauseIntervals() {
    return this.state.pauses.map((pause) => ({ from: pause.from, to: pause.to }));
  }

  private setTimers(prefix: string, dates: { yellowDate: LocalDate; redDate: LocalDate }, taskId?: string): void {
    this.emit({ type: 'timer.set', timer: { id: `${prefix}:yellow`, kind: 'yellow', date: dates.yellowDate, at: startOfLocalDate(dates.yellowDate), taskId } });
    this.emit({ type: 'timer.set', timer: { id: `${prefix}:red`, kind: 'red', date: dates.redDate, at: startOfLocalDate(dates.redDate), taskId } });
  }

  scheduleTask(task: Task): void {
    if (task.timeLimitDays === undefined || this.isClockStopped() || this.state.status !== 'running') return;
    const deadlines = computeDeadlines(this.calendar, {
      start: task.openedDate,
      limitDays: task.timeLimitDays,
      pauses: this.pauseIntervals().filter((pause) => (pause.to ?? pause.from) >= task.openedDate),
      thresholds: this.state.thresholds,
    });
    Object.assign(task, deadlines);
    this.setTimers(task.id, deadlines, task.id);
  }

  cancelTaskTimers(task: Task): void {
    if (task.timeLimitDays === undefined) return;
    this.emit({ type: 'timer.cancel', timerId: `${task.id}:yellow` });
    this.emit({ type: 'timer.cancel', timerId: `${task.id}:red` });
  }

  scheduleCase(): void {
    if (this.state.timeLimitDays === undefined || this.isClockStopped() || this.state.status !== 'running') return;
    const deadlines = computeDeadlines(this.calendar, {
      start: this.state.startDate,
      limitDays: this.state.timeLimitDays,
      pauses: this.pauseIntervals(),
      thresholds: this.state.thresholds,
    });
    this.state.dueDate = deadlines.dueDate;
    this.state.yellowDate = deadlines.yellowDate;
    this.state.redDate = deadlines.redDate;
    this.setTimers('case', deadlines);
  }

  cancelCaseTimers(): void {
    if (this.state.timeLimitDays === undefined) return;
    this.emit({ type: 'timer.cancel', timerId: 'case:yellow' });
    this.emit({ type: 'timer.cancel', timerId: 'case:red' });
  }

  // ---- clock stops --------------------------------------------------------------------------

  startPause(options: { kind: PauseKind; node: FlowNode; task?: Task; reason?: string; procedure?: string }): Pause {
    const wasRunning = !this.isClockStopped();
    const pause: Pause = { id: this.id('p'), kind: options.kind, nodeId: options.node.id, from: this.today, fromAt: this.now };
    if (options.task) pause.taskId = options.task.id;
    if (options.reason) pause.reason = options.reason;
    if (options.procedure) pause.procedure = options.procedure;
    this.state.pauses.push(pause);
    if (this.journal) this.journal.pauseStarted = true;
    if (wasRunning) {
      // The whole case waits: every clock stops.
      this.cancelCaseTimers();
      for (const task of this.state.tasks) this.cancelTaskTimers(task);
    }
    return pause;
  }

  endPause(pauseId: string): void {
    const pause = this.state.pauses.find((entry) => entry.id === pauseId);
    if (!pause || pause.to !== undefined) return;
    pause.to = this.today;
    pause.toAt = this.now;
    if (!this.isClockStopped()) {
      this.scheduleCase();
      for (const task of this.state.tasks) this.scheduleTask(task);
    }
  }

  // ---- conclusion ---------------------------------------------------------------------------

  /** Ends the case: cancels all remaining work and timers. */
  conclude(outcome: CaseOutcome, options: { nodeId?: string; comment?: string; actorId?: string } = {}): void {
    if (this.state.status !== 'running') return;
    this.state.status = 'concluded';
    for (const pause of this.state.pauses) {
      if (pause.to === undefined) {
        pause.to = this.today;
        pause.toAt = this.now;
      }
    }
    for (const task of [...this.state.tasks]) this.closeTask(task.id, 'cancelled');
    this.cancelCaseTimers();
    this.state.tokens = [];
    this.state.splits = [];
    this.state.votes = [];
    this.state.withdrawable = [];
    this.state.outcome = outcome;
    this.state.concludedAt = this.now;
    if (this.journal) this.journal.concluded = true;
    this.emit({ type: 'case.conclude', outcome });
    this.history({
      action: 'conclude',
      stage: outcome === 'withdrawn' ? '撤回' : '办结',
      nodeId: options.nodeId,
      nodeLabel: options.nodeId ? this.graph.label(options.nodeId) : undefined,
      actorId: options.actorId,
      comment: options.comment,
      message: `办件${outcomeLabels[outcome]}`,
    });
    this.notify({ kind: 'applicant' }, `您的办件已${outcomeLabels[outcome]}`);
  }

  settings<T extends FlowNode['type']>(node: FlowNode & { type: T }) {
    return nodeSettings(node);
  }
}
