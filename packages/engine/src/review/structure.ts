import type { Problem, ReviewScope } from './types.js';
import { gatewayTypes, joinTypes, splitTypes } from '../model/flow-graph.js';

/** Checks 1–4 and 7: start/end, connections, reachability, explicit gateways. */
export function checkStructure(scope: ReviewScope): Problem[] {
  const { flow, graph } = scope;
  const problems: Problem[] = [];
  for (const edge of flow.edges) {
    for (const end of [edge.source, edge.target]) {
      if (!graph.nodes.has(end)) {
        problems.push({ ruleId: 'flow.edge-endpoint', severity: 'error', edgeId: edge.id, message: `连线“${edge.label ?? edge.id}”连接的节点“${end}”不存在` });
      }
    }
    if (graph.nodes.has(edge.source) && (edge.condition || edge.isDefault) && graph.node(edge.source).type !== 'condition') {
      problems.push({
        ruleId: 'flow.condition-outside-gateway',
        severity: 'warning',
        edgeId: edge.id,
        nodeId: edge.source,
        message: `“${graph.label(edge.source)}”不是条件分支，其出口上的条件不起作用`,
      });
    }
  }
  const starts = graph.starts();
  if (starts.length === 0) problems.push({ ruleId: 'flow.single-start', severity: 'error', message: '流程没有开始节点' });
  for (const extra of starts.slice(1)) {
    problems.push({ ruleId: 'flow.single-start', severity: 'error', nodeId: extra.id, message: `流程只能有一个开始节点，“${extra.label}”是多余的` });
  }
  for (const start of starts) {
    if (graph.in(start.id).length > 0) problems.push({ ruleId: 'flow.start-incoming', severity: 'error', nodeId: start.id, message: `开始节点“${start.label}”不能有进入的连线` });
  }
  const ends = graph.ends();
  if (ends.length === 0) problems.push({ ruleId: 'flow.has-end', severity: 'error', message: '流程没有结束节点' });
  for (const end of ends) {
    if (graph.out(end.id).length > 0) problems.push({ ruleId: 'flow.end-outgoing', severity: 'error', nodeId: end.id, message: `结束节点“${end.label}”不能有出去的连线` });
  }
  const isolated = new Set<string>();
  if (flow.nodes.length > 1) {
    for (const node of flow.nodes) {
      if (graph.in(node.id).length === 0 && graph.out(node.id).length === 0) {
        isolated.add(node.id);
        problems.push({ ruleId: 'flow.node-isolated', severity: 'error', nodeId: node.id, message: `节点“${node.label}”没有任何连线` });
      }
    }
  }
  const reachable = graph.reachableFrom(starts.map((start) => start.id));
  const reachesEnd = graph.reachingTo(ends.map((end) => end.id));
  for (const node of flow.nodes) {
    if (isolated.has(node.id)) continue;
    if (starts.length > 0 && !reachable.has(node.id)) {
      problems.push({ ruleId: 'flow.reachable', severity: 'error', nodeId: node.id, message: `节点“${node.label}”从开始节点无法到达` });
    }
    if (ends.length > 0 && !reachesEnd.has(node.id)) {
      const loop = graph.out(node.id).length > 0;
      problems.push({
        ruleId: 'flow.can-reach-end',
        severity: 'error',
        nodeId: node.id,
        message: loop ? `从节点“${node.label}”出发无法到达结束（陷入没有出口的循环）` : `节点“${node.label}”是死胡同：没有出口，无法到达结束`,
      });
    }
  }
  for (const node of flow.nodes) {
    const inCount = graph.in(node.id).length;
    const outCount = graph.out(node.id).length;
    if (outCount > 1 && !splitTypes.has(node.type) && node.type !== 'merge' && node.type !== 'parallel-join') {
      problems.push({ ruleId: 'flow.no-implicit-split', severity: 'error', nodeId: node.id, message: `“${node.label}”有${outCount}条出口；分支必须使用条件分支或并联开始节点` });
    }
    if (inCount > 1 && !joinTypes.has(node.type) && node.type !== 'condition' && node.type !== 'parallel-split') {
      problems.push({ ruleId: 'flow.no-fake-join', severity: 'error', nodeId: node.id, message: `“${node.label}”有${inCount}条进入的连线；汇合必须使用条件汇合或并联汇合节点` });
    }
    if (gatewayTypes.has(node.type)) {
      if (inCount > 1 && outCount > 1) {
        problems.push({ ruleId: 'flow.gateway-mixed', severity: 'error', nodeId: node.id, message: `网关“${node.label}”同时汇合和分支，请拆成两个网关` });
      } else if (inCount === 1 && outCount === 1) {
        problems.push({ ruleId: 'flow.gateway-superfluous', severity: 'warning', nodeId: node.id, message: `网关“${node.label}”只有一进一出，是多余的` });
      } else if ((splitTypes.has(node.type) && inCount > 1) || (joinTypes.has(node.type) && outCount > 1)) {
        problems.push({
          ruleId: 'flow.gateway-mixed',
          severity: 'error',
          nodeId: node.id,
          message: splitTypes.has(node.type) ? `分支网关“${node.label}”不能同时用作汇合` : `汇合网关“${node.label}”不能同时用作分支`,
        });
      }
    }
  }
  return problems;
}
