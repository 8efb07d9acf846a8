import type { z } from 'zod';
import type { FlowNodeType } from './types.js';
import { startNodeType } from './start.js';
import { endNodeType } from './end.js';
import { taskNodeType } from './task.js';
import { parallelSplitNodeType } from './parallel-split.js';
import { parallelJoinNodeType } from './parallel-join.js';
import { countersignNodeType } from './countersign.js';
import { conditionNodeType } from './condition.js';
import { mergeNodeType } from './merge.js';
import { feeGateNodeType } from './fee-gate.js';
import { printGateNodeType } from './print-gate.js';
import { escalateNodeType } from './escalate.js';
import { handBackNodeType } from './hand-back.js';
import { supplementNodeType } from './supplement.js';
import { specialProcedureNodeType } from './special-procedure.js';

export * from './types.js';
export * from './common.js';
export { endOutcomes, endOutcomeLabels, type EndOutcome } from './end.js';
export { countersignRules, countersignRuleLabels, type CountersignRule } from './countersign.js';
export { specialProcedureKinds, specialProcedureLabels, type SpecialProcedureKind } from './special-procedure.js';

/** The schema-side declaration of one node type: its name, Chinese label and settings schema. */
export type NodeTypeSchema<T extends FlowNodeType = FlowNodeType> = {
  type: T;
  label: string;
  settings: z.ZodType;
};

/** One entry per node type; `satisfies` makes a missing type a compile error. */
export const nodeTypeSchemas = {
  start: startNodeType,
  end: endNodeType,
  task: taskNodeType,
  'parallel-split': parallelSplitNodeType,
  'parallel-join': parallelJoinNodeType,
  countersign: countersignNodeType,
  condition: conditionNodeType,
  merge: mergeNodeType,
  'fee-gate': feeGateNodeType,
  'print-gate': printGateNodeType,
  escalate: escalateNodeType,
  'hand-back': handBackNodeType,
  supplement: supplementNodeType,
  'special-procedure': specialProcedureNodeType,
} satisfies { [T in FlowNodeType]: NodeTypeSchema<T> };

/** Parsed (defaults applied) settings of a node of type T. */
export type NodeSettings<T extends FlowNodeType> = z.infer<(typeof nodeTypeSchemas)[T]['settings']>;

/** Human-readable label of a node type. */
export function nodeTypeLabel(type: FlowNodeType): string {
  return nodeTypeSchemas[type].label;
}
