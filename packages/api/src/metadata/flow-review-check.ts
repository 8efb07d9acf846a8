import { reviewContextFromDocuments, reviewFlow, type Problem } from '@xlgl/engine';
import type { FlowDocument, FormDocument, ItemDocument, OrganizationDocument, UserDocument } from '@xlgl/schema';
import type { MetadataCheck, MetadataProblem } from './check.js';

/** Where a review finding sits in the flow file: the node or edge it marks, else the document. */
function problemPath(flow: FlowDocument, problem: Problem): (string | number)[] {
  if (problem.nodeId) {
    const index = flow.nodes.findIndex((node) => node.id === problem.nodeId);
    if (index >= 0) return ['nodes', index];
  }
  if (problem.edgeId) {
    const index = flow.edges.findIndex((edge) => edge.id === problem.edgeId);
    if (index >= 0) return ['edges', index];
  }
  return [];
}

/** `…（规则 flow.reachable，节点 nd_x；路径：开始 → 受理）` — the rule and the marked element stay greppable. */
export function describeReviewProblem(problem: Problem): string {
  const where = [`规则 ${problem.ruleId}`];
  if (problem.nodeId) where.push(`节点 ${problem.nodeId}`);
  if (problem.edgeId) where.push(`连线 ${problem.edgeId}`);
  const steps = problem.path?.map((step) => step.label).join(' → ');
  const path = steps && !problem.message.includes(steps) ? `；路径：${steps}` : '';
  return `${problem.message}（${where.join('，')}${path}）`;
}

/**
 * Flow soundness (flow-review.md) for every flow of a metadata set, through the engine's
 * `reviewFlow`: the items that use the flow (limits, fees, certificates), the bound form's fields,
 * and — when the set holds them — users and organisations for assignee and escalation checks.
 * Errors fail the check; warnings are printed.
 */
export const flowReviewCheck: MetadataCheck = {
  name: 'flow-review',
  run({ documents, resolve }) {
    const users = documents.flatMap(({ document }) => (document.kind === 'user' ? [document as UserDocument] : []));
    const organizations = documents.flatMap(({ document }) => (document.kind === 'organization' ? [document as OrganizationDocument] : []));
    const items = documents.flatMap(({ document }) => (document.kind === 'item' ? [document as ItemDocument] : []));
    const problems: MetadataProblem[] = [];
    for (const { file, document } of documents) {
      if (document.kind !== 'flow') continue;
      const flow = document as FlowDocument;
      const formEntry = flow.formId ? resolve('form', flow.formId) : undefined;
      const form = typeof formEntry === 'object' && formEntry.document.kind === 'form' ? (formEntry.document as FormDocument) : undefined;
      const using = items.filter((item) => item.flowId === flow.id);
      const seen = new Set<string>();
      for (const item of using.length > 0 ? using : [undefined]) {
        const context = reviewContextFromDocuments({
          item,
          form,
          // A partial set (e.g. only flows) is checked against what it holds; the import checks the rest.
          users: users.length > 0 ? users : undefined,
          organizations: organizations.length > 0 ? organizations : undefined,
        });
        for (const problem of reviewFlow(flow, context)) {
          const message = describeReviewProblem(problem) + (using.length > 1 && item ? `（事项“${item.name}”）` : '');
          const key = `${problem.severity}|${problem.ruleId}|${problem.nodeId ?? ''}|${problem.edgeId ?? ''}|${problem.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          problems.push({ file, path: problemPath(flow, problem), message, severity: problem.severity });
        }
      }
    }
    return problems;
  },
};


