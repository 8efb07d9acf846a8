export * from './types.js';
export { startCase } from './start-case.js';
export { applyAction, canHandleTask, offeredActions, returnTargetsOf } from './apply-action.js';
export { availableActions, type AvailableAction } from './available-actions.js';
export type { Execution, Journal } from './execution.js';
