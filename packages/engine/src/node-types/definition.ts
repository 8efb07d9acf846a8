import type { AssigneeRule, FlowNode, FlowNodeType, StepAction } from '@xlgl/schema';
import type { Execution } from '../runtime/execution.js';
import type { CaseAction, PauseKind, Task, Token } from '../runtime/types.js';
import type { NodeReviewRule } from '../review/types.js';

/**
 * How a node type behaves:
 * - event: start / end;  gateway: routes tokens;  automatic: runs on entry and moves on;
 * - human: a step with tasks;  gate: a step that waits for a fact;  pause: a step that stops the clock.
 */
export type NodeCategory = 'event' | 'gateway' | 'automatic' | 'human' | 'gate' | 'pause';

export type NodeNode<T extends FlowNodeType> = FlowNode & { type: T };

/** The engine-side declaration of one node type: execution semantics and review rules, in one place. */
export type EngineNodeType<T extends FlowNodeType> = {
  type: T;
  category: NodeCategory;
  /** Whether a return (退回) may target this node. */
  returnable: boolean;
  /** Clock stop this node causes while a case waits in it. */
  stopsClock?: PauseKind;
  /** Sum this node's limit into the path time (rule 11). */
  countsTime: boolean;
  /** The assignee of the node's tasks (for tasks without a signer). */
  assignee?: (node: NodeNode<T>) => AssigneeRule | undefined;
  /** Actions offered on tasks of this node. */
  offeredActions: (node: NodeNode<T>) => readonly StepAction[];
  /** Time limit of the node's tasks. */
  timeLimitDays?: (node: NodeNode<T>) => number | undefined;
  /** Fields the node's handler may edit. */
  editableFields?: (node: NodeNode<T>) => string[];
  /** A token arrives at the node. */
  enter: (exec: Execution, node: NodeNode<T>, token: Token) => void;
  /** A handler approves (completes) a task of this node. */
  approve?: (exec: Execution, node: NodeNode<T>, task: Task, action: Extract<CaseAction, { type: 'approve' }>) => void;
  /** A handler rejects; default: the case concludes as not approved. */
  reject?: (exec: Execution, node: NodeNode<T>, task: Task, reason: string) => void;
  /** The fact a gate waits for has been recorded. */
  factRecorded?: (exec: Execution, node: NodeNode<T>, token: Token) => void;
  /** Review rules specific to this node type. */
  review: NodeReviewRule<T>[];
};

/** The window role handles gates and clock stops when the node names nobody. */
export const windowAssignee: AssigneeRule = { by: 'role', roleIds: ['role-window'], postIds: [], departmentIds: [], userIds: [], scope: 'same-centre' };
