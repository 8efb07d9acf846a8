export { FlowDesigner, type FlowDesignerAllProps } from './FlowDesigner.js';
export type { FlowDesignerContext, FlowDesignerProps, FlowFormField } from './types.js';
export { engineReviewer, reviewContextFor, type FlowReviewer, type ReviewProblem } from './review.js';
export { nodeDesigns, paletteEntries } from './node-types/registry.js';
export { emptyFlow } from './documentOps.js';
export { layoutPositions } from './layout.js';
export { buildExpression, parseExpression, describeExpression } from './condition/conditionModel.js';
