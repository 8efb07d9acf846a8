/**
 * @xlgl/engine — pure flow execution, flow review and the working-day calendar. No I/O.
 * @see ../README.md
 */
export * from './errors.js';
export * from './time.js';
export * from './calendar/index.js';
export * from './assignee/assignee.js';
export * from './runtime/index.js';
export * from './review/index.js';
export { FlowGraph, flowGraph, gatewayTypes, splitTypes, joinTypes } from './model/flow-graph.js';
export { blockStructure, isEnclosingFrames, type BlockStructure, type StaticFrame } from './model/blocks.js';
export { engineNodeTypes, engineNodeType } from './node-types/registry.js';
export type { EngineNodeType, NodeCategory } from './node-types/definition.js';
export { windowAssignee } from './node-types/definition.js';
export { requiredApprovals } from './node-types/countersign/index.js';
export { checkExpressionTypes, valueTypeOfField, type ValueType } from './node-types/condition/expression-types.js';
