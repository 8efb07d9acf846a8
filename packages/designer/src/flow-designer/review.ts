import type { FlowDocument } from '@xlgl/schema';
import type { FlowDesignerContext } from './types.js';

/** A finding of the engine's flow review, as the designer shows it (same shape as the engine's `Problem`). */
export type ReviewProblem = {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: Array<{ nodeId: string; label: string }>;
};

/** The review function the designer runs live; the engine's `reviewFlow` by default. */
export type FlowReviewer = (flow: FlowDocument, context: FlowDesignerContext) => ReviewProblem[];

/** Problems per node id and per edge id, errors first — built once per review, O(problems). */
export type ProblemIndex = { byNode: Map<string, ReviewProblem[]>; byEdge: Map<string, ReviewProblem[]>; errors: number; warnings: number };

export function indexProblems(problems: ReviewProblem[]): ProblemIndex {
  const byNode = new Map<string, ReviewProblem[]>();
  const byEdge = new Map<string, ReviewProblem[]>();
  let errors = 0;
  for (const problem of problems) {
    if (problem.severity === 'error') errors += 1;
    if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
    if (problem.edgeId) byEdge.set(problem.edgeId, [...(byEdge.get(problem.edgeId) ?? []), problem]);
  }
  const bySeverity = (a: ReviewProblem, b: ReviewProblem) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1);
  for (const list of byNode.values()) list.sort(bySeverity);
  for (const list of byEdge.values()) list.sort(bySeverity);
  return { byNode, byEdge, errors, warnings: problems.length - errors };
}

/** Runs a reviewer; an exception becomes a problem instead of breaking the editor. */
export function safeReview(reviewer: FlowReviewer, flow: FlowDocument, context: FlowDesignerContext): ReviewProblem[] {
  try {
    return reviewer(flow, context);
  } catch (error) {
    return [{ ruleId: 'review-failed', severity: 'error', message: `流程检查出错：${error instanceof Error ? error.message : String(error)}` }];
  }
}
