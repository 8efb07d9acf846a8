export { reviewFlow, hasBlockingProblems } from './review-flow.js';
export { reviewRuleCatalogue, type ReviewRuleId } from './rule-catalogue.js';
export { longestTimedPath } from './time-limits.js';
export type { Problem, PathStep, Severity, ReviewContext, ReviewOrganization, ReviewScope, NodeReviewRule } from './types.js';
export { reviewContextFromDocuments, actorFromDocuments } from './context-from-documents.js';
