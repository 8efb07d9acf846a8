import type { FlowNodeType } from '@xlgl/schema';
import type { EngineNodeType } from './definition.js';
import { startNode } from './start/index.js';
import { endNode } from './end/index.js';
import { taskNode } from './task/index.js';
import { parallelSplitNode } from './parallel-split/index.js';
import { parallelJoinNode } from './parallel-join/index.js';
import { countersignNode } from './countersign/index.js';
import { conditionNode } from './condition/index.js';
import { mergeNode } from './merge/index.js';
import { feeGateNode } from './fee-gate/index.js';
import { printGateNode } from './print-gate/index.js';
import { escalateNode } from './escalate/index.js';
import { handBackNode } from './hand-back/index.js';
import { supplementNode } from './supplement/index.js';
import { specialProcedureNode } from './special-procedure/index.js';

/** Execution semantics and review rules per node type; `satisfies` makes a missing type a compile error. */
export const engineNodeTypes = {
  start: startNode,
  end: endNode,
  task: taskNode,
  'parallel-split': parallelSplitNode,
  'parallel-join': parallelJoinNode,
  countersign: countersignNode,
  condition: conditionNode,
  merge: mergeNode,
  'fee-gate': feeGateNode,
  'print-gate': printGateNode,
  escalate: escalateNode,
  'hand-back': handBackNode,
  supplement: supplementNode,
  'special-procedure': specialProcedureNode,
} satisfies { [T in FlowNodeType]: EngineNodeType<T> };

/** The engine declaration of a node type (loosely typed, for generic code). */
export function engineNodeType(type: FlowNodeType): EngineNodeType<FlowNodeType> {
  return engineNodeTypes[type] as unknown as EngineNodeType<FlowNodeType>;
}
