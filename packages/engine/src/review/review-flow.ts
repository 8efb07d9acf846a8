import { describeDocumentPath, issueText, nodeTypeSchemas, type FlowDocument, type FlowNode } from '@xlgl/schema';
import { flowGraph } from '../model/flow-graph.js';
import { blockStructure } from '../model/blocks.js';
import { engineNodeType } from '../node-types/registry.js';
import { checkStructure } from './structure.js';
import { checkTimeLimits } from './time-limits.js';
import { checkGates } from './gates.js';
import { checkFieldsWrittenBeforeRead } from './fields.js';
import { checkBehaviour } from './behaviour.js';
import { checkMigration } from './migration.js';
import type { Problem, ReviewContext, ReviewScope } from './types.js';

/**
 * Reviews a flow before publication: the 16 checks of flow-review.md (structure, gateways,
 * conditions, returns, parallel/countersign, assignees, time limits, escalation, gates, data flow,
 * behaviour, migration). Errors block publication; warnings are shown.
 */
export function reviewFlow(flow: FlowDocument, context: ReviewContext = {}): Problem[] {
  const problems: Problem[] = [];
  const validSettings = new Map<FlowNode, Record<string, unknown> | undefined>();
  for (const node of flow.nodes) {
    const result = nodeTypeSchemas[node.type].settings.safeParse(node.settings);
    validSettings.set(node, result.success ? (result.data as Record<string, unknown>) : undefined);
    if (!result.success) {
      problems.push({
        ruleId: 'flow.node-settings',
        severity: 'error',
        nodeId: node.id,
        // The setting in words (办理时限：…); the node id stays on the problem for the designer.
        message: `节点“${node.label}”的设置有误：${result.error.issues.map((issue) => issueText({ message: issue.message, where: describeDocumentPath(node.settings, issue.path as (string | number)[], 'flow') })).join('；')}`,
      });
    }
  }
  const graph = flowGraph(flow);
  const scope: ReviewScope = {
    flow,
    graph,
    blocks: blockStructure(flow),
    context,
    settings: (node) => validSettings.get(node),
    path: (ids) => ids.map((nodeId) => ({ nodeId, label: graph.label(nodeId) })),
  };
  problems.push(...checkStructure(scope));
  for (const node of flow.nodes) {
    if (!validSettings.get(node)) continue;
    for (const rule of engineNodeType(node.type).review) problems.push(...rule(node as never, scope));
  }
  problems.push(...checkTimeLimits(scope), ...checkGates(scope), ...checkFieldsWrittenBeforeRead(scope), ...checkBehaviour(scope), ...checkMigration(scope));
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.ruleId}|${problem.nodeId ?? ''}|${problem.edgeId ?? ''}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether a review result blocks publication. */
export function hasBlockingProblems(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
