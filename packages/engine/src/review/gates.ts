import type { FlowNodeType } from '@xlgl/schema';
import type { Problem, ReviewScope } from './types.js';

/** Check 13: the fee gate / print gate lies on every path from the start to a successful end. */
export function checkGates(scope: ReviewScope): Problem[] {
  const item = scope.context.item;
  if (!item) return [];
  const problems: Problem[] = [];
  const required: Array<{ type: FlowNodeType; ruleId: string; what: string }> = [];
  if (item.charges) required.push({ type: 'fee-gate', ruleId: 'flow.fee-gate-missing', what: '收费' });
  if (item.issuesCertificate) required.push({ type: 'print-gate', ruleId: 'flow.print-gate-missing', what: '证照打印' });
  const { graph, flow } = scope;
  const start = graph.starts()[0];
  if (!start) return [];
  for (const { type, ruleId, what } of required) {
    const gates = new Set(flow.nodes.filter((node) => node.type === type).map((node) => node.id));
    for (const end of graph.ends()) {
      if ((scope.settings(end) as { outcome?: string } | undefined)?.outcome !== 'approved') continue;
      const path = graph.shortestPath(start.id, new Set([end.id]), gates);
      if (!path) continue;
      problems.push({
        ruleId,
        severity: 'error',
        nodeId: end.id,
        path: scope.path(path),
        message:
          gates.size === 0
            ? `事项${what === '收费' ? '收费' : '颁发证照'}，但流程中没有“${what}”环节`
            : `存在不经过“${what}”环节就到达“${end.label}”的路径：${path.map((id) => graph.label(id)).join(' → ')}`,
      });
    }
  }
  return problems;
}
