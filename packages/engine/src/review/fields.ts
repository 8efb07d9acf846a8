import { fieldsRead } from '@xlgl/schema';
import { engineNodeType } from '../node-types/registry.js';
import type { Problem, ReviewScope } from './types.js';

/**
 * Check 14: a field that some step writes (edit permission) and a later condition reads must be
 * written on every path before the condition. Fields no step writes come with the application.
 */
export function checkFieldsWrittenBeforeRead(scope: ReviewScope): Problem[] {
  const { graph, flow } = scope;
  const start = graph.starts()[0];
  if (!start) return [];
  const writes = new Map<string, Set<string>>();
  const stepWritten = new Set<string>();
  for (const node of flow.nodes) {
    if (!scope.settings(node)) continue;
    const fields = engineNodeType(node.type).editableFields?.(node as never) ?? [];
    writes.set(node.id, new Set(fields));
    if (node.type !== 'start') for (const field of fields) stepWritten.add(field);
  }
  const reads: Array<{ nodeId: string; edgeId: string; field: string }> = [];
  for (const node of flow.nodes) {
    if (node.type !== 'condition') continue;
    for (const edge of graph.out(node.id)) {
      if (!edge.condition) continue;
      for (const field of fieldsRead(edge.condition)) if (stepWritten.has(field)) reads.push({ nodeId: node.id, edgeId: edge.id, field });
    }
  }
  if (reads.length === 0) return [];
  const universe = new Set(stepWritten);
  // Must-written sets at node entry: intersection over predecessors, union at parallel joins.
  const entry = new Map<string, Set<string>>();
  const exit = new Map<string, Set<string>>();
  for (const node of flow.nodes) exit.set(node.id, new Set(universe));
  entry.set(start.id, new Set());
  exit.set(start.id, new Set(writes.get(start.id) ?? []));
  const reachable = graph.reachableFrom([start.id]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of flow.nodes) {
      if (node.id === start.id || !reachable.has(node.id)) continue;
      const preds = graph.in(node.id).filter((edge) => reachable.has(edge.source)).map((edge) => exit.get(edge.source)!);
      let incoming: Set<string>;
      if (preds.length === 0) incoming = new Set();
      else if (node.type === 'parallel-join') incoming = new Set(preds.flatMap((set) => [...set]));
      else incoming = preds.reduce((acc, set) => new Set([...acc].filter((x) => set.has(x))));
      const out = new Set([...incoming, ...(writes.get(node.id) ?? [])]);
      entry.set(node.id, incoming);
      if (out.size !== exit.get(node.id)!.size || [...out].some((x) => !exit.get(node.id)!.has(x))) {
        exit.set(node.id, out);
        changed = true;
      }
    }
  }
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const read of reads) {
    if (!reachable.has(read.nodeId) || entry.get(read.nodeId)?.has(read.field)) continue;
    const key = `${read.nodeId}|${read.field}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const writers = new Set(flow.nodes.filter((node) => writes.get(node.id)?.has(read.field)).map((node) => node.id));
    const path = graph.shortestPath(start.id, new Set([read.nodeId]), writers);
    const label = scope.context.form?.fields.find((field) => field.id === read.field)?.label ?? read.field;
    problems.push({
      ruleId: 'flow.field-unwritten',
      severity: 'error',
      nodeId: read.nodeId,
      edgeId: read.edgeId,
      ...(path ? { path: scope.path(path) } : {}),
      message: `条件分支“${graph.label(read.nodeId)}”读取字段“${label}”，但并非所有路径都在此之前填写了它${path ? `：${path.map((id) => graph.label(id)).join(' → ')}` : ''}`,
    });
  }
  return problems;
}
