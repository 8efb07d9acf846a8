export { ProgressView, type ProgressViewProps } from './ProgressView.js';
export { FlowNodeBox, flowNodeHandles, type FlowNodeBoxProps, type FlowNodeMark } from './FlowNodeBox.js';
export * from './flowNodeLooks.js';
export * from './progressGraph.js';
