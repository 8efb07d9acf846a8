import { flowNodeTypes, type FlowNodeType } from '@xlgl/schema';
import type { NodeDesign, NodePreset } from './definition.js';
import { startDesign } from './start/index.js';
import { endDesign } from './end/index.js';
import { taskDesign } from './task/index.js';
import { parallelSplitDesign } from './parallel-split/index.js';
import { parallelJoinDesign } from './parallel-join/index.js';
import { countersignDesign } from './countersign/index.js';
import { conditionDesign } from './condition/index.js';
import { mergeDesign } from './merge/index.js';
import { feeGateDesign } from './fee-gate/index.js';
import { printGateDesign } from './print-gate/index.js';
import { escalateDesign } from './escalate/index.js';
import { handBackDesign } from './hand-back/index.js';
import { supplementDesign } from './supplement/index.js';
import { specialProcedureDesign } from './special-procedure/index.js';

/** The designer side of every node type; `satisfies` makes a missing type a compile error. */
export const nodeDesigns = {
  start: startDesign,
  end: endDesign,
  task: taskDesign,
  'parallel-split': parallelSplitDesign,
  'parallel-join': parallelJoinDesign,
  countersign: countersignDesign,
  condition: conditionDesign,
  merge: mergeDesign,
  'fee-gate': feeGateDesign,
  'print-gate': printGateDesign,
  escalate: escalateDesign,
  'hand-back': handBackDesign,
  supplement: supplementDesign,
  'special-procedure': specialProcedureDesign,
} satisfies { [T in FlowNodeType]: NodeDesign<T> };

export type PaletteEntry = { type: FlowNodeType; preset: NodePreset };

/** Every palette entry in schema order (groups are applied by the palette). */
export const paletteEntries: PaletteEntry[] = flowNodeTypes.flatMap((type) =>
  (nodeDesigns[type] as NodeDesign).presets.map((preset) => ({ type, preset })),
);

export function findPaletteEntry(key: string): PaletteEntry | undefined {
  return paletteEntries.find((entry) => entry.preset.key === key);
}

/** The design of a node type, widened for code that handles any type. */
export function nodeDesign(type: FlowNodeType): NodeDesign {
  return nodeDesigns[type] as unknown as NodeDesign;
}
