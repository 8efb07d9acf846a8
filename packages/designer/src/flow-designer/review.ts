import { reviewFlow, type ReviewContext } from '@xlgl/engine';
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

/**
 * The engine's review context from the designer's directory data: users with their organisation
 * chain and centre region (for assignee resolution), the bound form's fields, the item's limits,
 * fee and certificate facts, and organisations (for escalation targets).
 */
export function reviewContextFor(context: FlowDesignerContext): ReviewContext {
  const organizations = new Map(context.organizations.map((organization) => [organization.id, organization]));
  const chain = (id: string | undefined) => {
    const ids: string[] = [];
    for (let current = id; current && !ids.includes(current); current = organizations.get(current)?.parentId) ids.push(current);
    return ids;
  };
  const review: ReviewContext = {};
  const fields = context.formFields.filter((field) => !field.removed);
  if (fields.length > 0) review.form = { fields: fields.map((field) => ({ id: field.id, type: field.type, label: field.label })) };
  if (context.item) {
    review.item = {
      name: context.item.name,
      regionCode: context.item.regionCode,
      timeLimit: context.item.timeLimit,
      charges: context.item.charges,
      issuesCertificate: context.item.result?.type === 'certificate',
    };
  }
  if (context.users.length > 0) {
    review.users = context.users.map((user) => {
      const organizationIds = chain(user.organizationId);
      const regionCode = organizationIds.map((id) => organizations.get(id)?.regionCode).find(Boolean) ?? context.item?.regionCode ?? '';
      return { userId: user.id, name: user.name, roleIds: user.roleIds ?? [], postIds: user.postIds ?? [], organizationIds, regionCode, active: user.active !== false };
    });
  }
  const located = context.organizations.filter((organization) => organization.regionCode);
  if (located.length > 0) {
    review.organizations = located.map((organization) => ({
      id: organization.id,
      name: organization.name,
      type: organization.type ?? 'department',
      regionCode: organization.regionCode!,
      parentId: organization.parentId,
    }));
  }
  return review;
}

/** The default reviewer: the engine's `reviewFlow` with the context built from the designer's data. */
export const engineReviewer: FlowReviewer = (flow, context) => reviewFlow(flow, reviewContextFor(context));
