import { engineNodeType } from '../node-types/registry.js';
import type { Problem, ReviewScope } from './types.js';

/** The longest start→approved-end path by summed step limits (loops cut at back edges). */
export function longestTimedPath(scope: ReviewScope): { days: number; path: string[] } | undefined {
  const { graph, flow } = scope;
  const start = graph.starts()[0];
  if (!start) return undefined;
  const weight = (id: string): number => {
    const node = graph.node(id);
    const definition = engineNodeType(node.type);
    if (!definition.countsTime || !scope.settings(node)) return 0;
    return definition.timeLimitDays?.(node as never) ?? 0;
  };
  // Depth-first order with back edges removed gives a DAG.
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const backEdges = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const edge of graph.out(id)) {
      const seen = state.get(edge.target);
      if (seen === 'open') backEdges.add(edge.id);
      else if (!seen) visit(edge.target);
    }
    state.set(id, 'done');
    order.push(id);
  };
  visit(start.id);
  order.reverse();
  const best = new Map<string, { days: number; previous?: string }>([[start.id, { days: weight(start.id) }]]);
  for (const id of order) {
    const here = best.get(id);
    if (!here) continue;
    for (const edge of graph.out(id)) {
      if (backEdges.has(edge.id)) continue;
      const days = here.days + weight(edge.target);
      const current = best.get(edge.target);
      if (!current || days > current.days) best.set(edge.target, { days, previous: id });
    }
  }
  let result: { days: number; path: string[] } | undefined;
  for (const end of flow.nodes) {
    if (end.type !== 'end' || (scope.settings(end) as { outcome?: string } | undefined)?.outcome !== 'approved') continue;
    const reached = best.get(end.id);
    if (!reached || (result && result.days >= reached.days)) continue;
    const path: string[] = [];
    for (let at: string | undefined = end.id; at; at = best.get(at)?.previous) path.unshift(at);
    result = { days: reached.days, path };
  }
  return result;
}

/** Check 11 (flow-wide): promised ≤ statutory, longest path within both. */
export function checkTimeLimits(scope: ReviewScope): Problem[] {
  const limit = scope.context.item?.timeLimit;
  if (!limit) return [];
  const problems: Problem[] = [];
  if (limit.promised > limit.statutory) {
    problems.push({ ruleId: 'flow.time-limit-item', severity: 'error', message: `事项的承诺时限（${limit.promised}个工作日）超过了法定时限（${limit.statutory}个工作日）` });
  }
  const longest = longestTimedPath(scope);
  if (!longest) return problems;
  const text = longest.path.map((id) => scope.graph.label(id)).join(' → ');
  const lastStep = [...longest.path].reverse().find((id) => engineNodeType(scope.graph.node(id).type).countsTime);
  if (longest.days > limit.statutory) {
    problems.push({
      ruleId: 'flow.time-limit-statutory',
      severity: 'error',
      nodeId: lastStep,
      path: scope.path(longest.path),
      message: `最长路径各环节时限合计${longest.days}个工作日，超过法定时限${limit.statutory}个工作日：${text}`,
    });
  } else if (longest.days > limit.promised) {
    problems.push({
      ruleId: 'flow.time-limit-promised',
      severity: 'warning',
      nodeId: lastStep,
      path: scope.path(longest.path),
      message: `最长路径各环节时限合计${longest.days}个工作日，超过承诺时限${limit.promised}个工作日：${text}`,
    });
  }
  return problems;
}
