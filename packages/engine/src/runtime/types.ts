import type { AssigneeRule, EndOutcome, FlowNodeType, SupervisionStage } from '@xlgl/schema';
import type { WarningThresholds, WorkingCalendar } from '../calendar/index.js';
import type { Actor } from '../assignee/assignee.js';
import type { LocalDate } from '../time.js';

/** One branch of a running parallel block: the split instance and the edge the branch took. */
export type Frame = { splitInstanceId: string; splitNodeId: string; edgeId: string };

/** An activation: where the case currently is. Tokens rest only at steps, gates and joins. */
export type Token = { id: string; nodeId: string; frames: Frame[]; enteredAt: string };

export type PauseKind = 'supplement' | 'special-procedure';

export type TaskKind = 'step' | 'countersign' | 'gate' | 'supplement' | 'special-procedure';

/** Work waiting for a person. */
export type Task = {
  id: string;
  nodeId: string;
  nodeType: FlowNodeType;
  label: string;
  tokenId: string;
  kind: TaskKind;
  /** Countersign signer key. */
  signerKey?: string;
  assignee?: AssigneeRule;
  /** Region of the centre that handles it (accepting centre or the one above). */
  regionCode: string;
  /** A specific person (returned to the previous handler, transferred, or named). */
  assignedUserId?: string;
  openedAt: string;
  openedDate: LocalDate;
  timeLimitDays?: number;
  dueDate?: LocalDate;
  yellowDate?: LocalDate;
  redDate?: LocalDate;
  /** Ad-hoc escalation: handled at the higher centre on behalf of the accepting centre. */
  escalated?: boolean;
  /** Set while the clock is stopped by this task's supplement / special procedure. */
  pausedBy?: string;
};

/** A clock stop. Days after `from` up to and including `to` do not count. */
export type Pause = {
  id: string;
  kind: PauseKind;
  nodeId: string;
  taskId?: string;
  reason?: string;
  procedure?: string;
  from: LocalDate;
  fromAt: string;
  to?: LocalDate;
  toAt?: string;
};

export type SplitInstance = { id: string; nodeId: string; branchCount: number; frames: Frame[] };

export type CountersignVote = { tokenId: string; signerKey: string; vote: 'approve' | 'reject'; actorId: string; at: string };

/** What a completed step may be pulled back from, while the next step has not acted. */
export type WithdrawEntry = {
  id: string;
  nodeId: string;
  actorId: string;
  at: string;
  /** The token and task as they were before completion. */
  token: Token;
  task: Task;
  createdTokenIds: string[];
  createdTaskIds: string[];
  createdSplitIds: string[];
  dataBefore: Record<string, unknown>;
};

export type CaseOutcome = EndOutcome;

/** The state of one case on one published flow version. Plain JSON; never mutated by the engine. */
export type CaseState = {
  /** Increases by one per applied action; the caller uses it for optimistic locking. */
  version: number;
  flowId: string;
  flowVersion: number;
  status: 'running' | 'concluded';
  outcome?: CaseOutcome;
  concludedAt?: string;
  /** Region of the centre that accepted the case. */
  regionCode: string;
  startedAt: string;
  startDate: LocalDate;
  /** The item's promised limit in working days (absent = no case deadline). */
  timeLimitDays?: number;
  dueDate?: LocalDate;
  yellowDate?: LocalDate;
  redDate?: LocalDate;
  thresholds: WarningThresholds;
  data: Record<string, unknown>;
  facts: { feePaid: boolean; certificatePrinted: boolean };
  /** Set between an escalate node (or ad-hoc 上报) and the hand-back. */
  escalation?: { nodeId: string; regionCode: string; targetOrganizationId?: string; since: string };
  tokens: Token[];
  tasks: Task[];
  splits: SplitInstance[];
  votes: CountersignVote[];
  pauses: Pause[];
  withdrawable: WithdrawEntry[];
  /** Last handler per node, so a return goes back to the same person. */
  handlers: Record<string, string>;
  /** Counter for deterministic ids. */
  sequence: number;
};

export type HistoryRecord = {
  id: string;
  at: string;
  action: string;
  /** Supervision stage (电子监察) where the record maps to one: 受理, 审核, 补齐补正告知 … */
  stage?: string;
  nodeId?: string;
  nodeLabel?: string;
  actorId?: string;
  comment?: string;
  message: string;
};

export type TimerKind = 'yellow' | 'red';
export type Timer = { id: string; kind: TimerKind; at: string; date: LocalDate; taskId?: string };

export type NotificationTarget =
  | { kind: 'user'; userId: string }
  | { kind: 'assignee'; assignee: AssigneeRule; regionCode: string }
  | { kind: 'roles'; roleIds: string[]; regionCode: string }
  | { kind: 'applicant' };

export type Effect =
  | { type: 'task.open'; task: Task }
  | { type: 'task.close'; taskId: string; nodeId: string; reason: 'completed' | 'cancelled' | 'returned' | 'withdrawn' | 'escalated' }
  | { type: 'task.reassign'; taskId: string; toUserId: string; fromUserId?: string }
  | { type: 'task.pause'; taskId: string }
  | { type: 'task.resume'; taskId: string }
  | { type: 'timer.set'; timer: Timer }
  | { type: 'timer.cancel'; timerId: string }
  | { type: 'notify'; to: NotificationTarget; message: string }
  | { type: 'history'; record: HistoryRecord }
  | { type: 'case.conclude'; outcome: CaseOutcome };

/** Inputs every engine call takes: the clock, the calendar and (for actions) the acting person. */
export type EngineClock = { now: Date | string; calendar: WorkingCalendar };

export type StartCaseOptions = EngineClock & {
  /** Region code of the accepting centre. */
  regionCode: string;
  actor?: Actor;
  /** The item's promised limit (working days). */
  timeLimitDays?: number;
  thresholds?: WarningThresholds;
  data?: Record<string, unknown>;
  /** The fee is already paid (e.g. online payment with the application). */
  feePaid?: boolean;
};

export type ActionOptions = EngineClock & { actor: Actor };

/** Actions a person (or the payment/print integration) can apply to a case. */
export type CaseAction = (
  | { type: 'approve'; taskId: string; data?: Record<string, unknown>; comment?: string }
  | { type: 'reject'; taskId: string; reason: string }
  | { type: 'return'; taskId: string; targetNodeId: string; reason: string }
  | { type: 'transfer'; taskId: string; toUserId: string; reason?: string }
  | { type: 'withdraw'; nodeId: string; reason?: string }
  | { type: 'supplement'; taskId: string; reason: string }
  | { type: 'suspend'; taskId: string; procedure: string; reason: string }
  | { type: 'resume'; taskId: string; comment?: string }
  /** 补正完成: the materials asked for by a step's supplement arrived (recorded at the window); restarts the clock. */
  | { type: 'supplement-received'; taskId: string; comment?: string }
  | { type: 'escalate'; taskId: string; reason: string }
  | { type: 'record-payment'; amountFen?: number; receiptNo?: string }
  | { type: 'record-print'; certificateNo?: string }
  | { type: 'cancel'; reason: string }
) & {
  /** When given, the action is refused unless the state still has this version. */
  expectedVersion?: number;
};

export type CaseActionType = CaseAction['type'];

export type ActionResult = { state: CaseState; effects: Effect[] };

export type StageOf = SupervisionStage;
