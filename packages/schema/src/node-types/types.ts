/** Every kind of node a flow may contain; each has one settings file in this folder. */
export const flowNodeTypes = [
  'start',
  'end',
  'task',
  'parallel-split',
  'parallel-join',
  'countersign',
  'condition',
  'merge',
  'fee-gate',
  'print-gate',
  'escalate',
  'hand-back',
  'supplement',
  'special-procedure',
] as const;
export type FlowNodeType = (typeof flowNodeTypes)[number];
