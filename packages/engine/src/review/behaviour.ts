import type { Problem, ReviewScope } from './types.js';

type Transition = { nodeId: string; consume: string[]; produce: string[] };
type Marking = Map<string, number>;

const END = '@end';
const DEFAULT_MAX_STATES = 20_000;
const MAX_REPORTS_PER_RULE = 3;

function keyOf(marking: Marking): string {
  return [...marking.entries()]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([place, count]) => `${place}*${count}`)
    .join('|');
}

/**
 * The flow as a Petri net: places are edges, nodes are transitions. Parallel joins consume one
 * token from every incoming edge; conditions choose one outgoing edge (data abstracted away);
 * every other node passes a token from any incoming edge to all outgoing edges (an implicit
 * split is parallel, as in BPMN). An end consumes a token and terminates the case.
 */
function transitionsOf(scope: ReviewScope): Transition[] {
  const { graph, flow } = scope;
  const transitions: Transition[] = [];
  for (const node of flow.nodes) {
    const inputs = node.type === 'start' ? [`@in:${node.id}`] : graph.in(node.id).map((edge) => edge.id);
    const outputs = graph.out(node.id).map((edge) => edge.id);
    if (node.type === 'end') {
      for (const input of inputs) transitions.push({ nodeId: node.id, consume: [input], produce: [END] });
      continue;
    }
    if (outputs.length === 0) continue; // a dead end: the token stays (reported as deadlock)
    if (node.type === 'parallel-join' && inputs.length > 0) {
      transitions.push({ nodeId: node.id, consume: inputs, produce: outputs });
      continue;
    }
    for (const input of inputs) {
      if (node.type === 'condition') for (const output of outputs) transitions.push({ nodeId: node.id, consume: [input], produce: [output] });
      else transitions.push({ nodeId: node.id, consume: [input], produce: outputs });
    }
  }
  return transitions;
}

/**
 * Check 15: explores the reachable states (bounded) and reports deadlocks, activations left over
 * when an end is reached, duplicate activations and steps that can never run — each with the path.
 */
export function checkBehaviour(scope: ReviewScope): Problem[] {
  const { graph, flow } = scope;
  const starts = graph.starts();
  if (starts.length !== 1) return [];
  const start = starts[0]!;
  const transitions = transitionsOf(scope);
  const fired = new Set<string>();
  const maxStates = scope.context.maxStates ?? DEFAULT_MAX_STATES;
  // Partial-order reduction: a step with a single way in (not a gateway, not an end) is the only
  // consumer of its place and deterministic, so firing it at once loses no deadlock, leftover or
  // duplicate activation. This keeps long parallel branches from multiplying the state space.
  const soleConsumer = new Map<string, Transition>();
  for (const transition of transitions) {
    const node = graph.node(transition.nodeId);
    const inputs = node.type === 'start' ? 1 : graph.in(node.id).length;
    if (inputs === 1 && transition.consume.length === 1 && node.type !== 'end' && !['condition', 'parallel-split', 'parallel-join', 'merge'].includes(node.type)) {
      soleConsumer.set(transition.consume[0]!, transition);
    }
  }
  /** Fires sole consumers until none is enabled; returns a place that got a second token, if any. */
  const settle = (marking: Marking, via: string[]): string | undefined => {
    for (let guard = 0; guard < 10_000; guard += 1) {
      const place = [...marking.keys()].find((key) => (marking.get(key) ?? 0) > 0 && soleConsumer.has(key));
      if (!place) return undefined;
      const transition = soleConsumer.get(place)!;
      fired.add(transition.nodeId);
      via.push(transition.nodeId);
      marking.set(place, marking.get(place)! - 1);
      for (const output of transition.produce) marking.set(output, (marking.get(output) ?? 0) + 1);
      const doubled = transition.produce.find((output) => output !== END && (marking.get(output) ?? 0) > 1);
      if (doubled) return doubled;
    }
    return undefined;
  };
  const initial: Marking = new Map([[`@in:${start.id}`, 1]]);
  const initialVia: string[] = [];
  settle(initial, initialVia);
  const initialKey = keyOf(initial);
  const visited = new Map<string, { parent?: string; via?: string[]; marking: Marking }>([[initialKey, { marking: initial, via: initialVia }]]);
  const queue: string[] = [initialKey];
  const problems: Problem[] = [];
  const counts: Record<string, number> = {};
  const report = (problem: Problem) => {
    counts[problem.ruleId] = (counts[problem.ruleId] ?? 0) + 1;
    if (counts[problem.ruleId]! <= MAX_REPORTS_PER_RULE) problems.push(problem);
  };
  const pathTo = (key: string): string[] => {
    const nodes: string[] = [];
    for (let at: string | undefined = key; at; at = visited.get(at)?.parent) {
      const via = visited.get(at)?.via;
      if (via) nodes.unshift(...via);
    }
    return nodes;
  };
  const edgeTarget = (place: string) => graph.edges.get(place)?.target;
  const pathText = (ids: string[]) => ids.map((id) => graph.label(id)).join(' → ');
  let truncated = false;
  const seenDeadlocks = new Set<string>();

  while (queue.length > 0) {
    const key = queue.shift()!;
    const { marking } = visited.get(key)!;
    if ((marking.get(END) ?? 0) > 0) {
      const left = [...marking.entries()].filter(([place, count]) => place !== END && count > 0).map(([place]) => place);
      if (left.length > 0) {
        const path = pathTo(key);
        const waiting = [...new Set(left.map((place) => edgeTarget(place) ?? place))];
        report({
          ruleId: 'flow.leftover-activation',
          severity: 'error',
          nodeId: waiting[0],
          path: scope.path([...path, ...waiting]),
          message: `到达“${graph.label(path.at(-1) ?? '')}”办结时，“${waiting.map((id) => graph.label(id)).join('”“')}”仍在进行中：${pathText(path)}`,
        });
      }
      continue;
    }
    const enabled = transitions.filter((transition) => transition.consume.every((place) => (marking.get(place) ?? 0) > 0));
    if (enabled.length === 0) {
      const waiting = [...new Set([...marking.keys()].filter((place) => (marking.get(place) ?? 0) > 0).map((place) => edgeTarget(place) ?? place))];
      const signature = waiting.sort().join(',');
      if (seenDeadlocks.has(signature)) continue;
      seenDeadlocks.add(signature);
      const path = pathTo(key);
      const blocked = waiting.find((id) => graph.nodes.get(id)?.type === 'parallel-join') ?? waiting[0];
      report({
        ruleId: 'flow.deadlock',
        severity: 'error',
        nodeId: blocked,
        path: scope.path([...path, ...waiting]),
        message: `可能出现死锁：办件停在“${waiting.map((id) => graph.label(id)).join('”“')}”无法继续：${pathText([...path, ...waiting])}`,
      });
      continue;
    }
    for (const transition of enabled) {
      fired.add(transition.nodeId);
      const next: Marking = new Map(marking);
      for (const place of transition.consume) next.set(place, (next.get(place) ?? 0) - 1);
      for (const place of transition.produce) next.set(place, (next.get(place) ?? 0) + 1);
      // A second token on one edge is a duplicate activation; check before settling moves it on.
      const via = [transition.nodeId];
      const doubled = transition.produce.find((place) => place !== END && (next.get(place) ?? 0) > 1) ?? settle(next, via);
      const nextKey = keyOf(next);
      if (visited.has(nextKey)) continue;
      visited.set(nextKey, { parent: key, via, marking: next });
      if (doubled) {
        const target = edgeTarget(doubled)!;
        const path = pathTo(nextKey);
        report({
          ruleId: 'flow.duplicate-activation',
          severity: 'error',
          nodeId: target,
          path: scope.path([...path, target]),
          message: `“${graph.label(target)}”会被重复激活（同时有两份办理）：${pathText([...path, target])}`,
        });
        continue;
      }
      if (visited.size >= maxStates) {
        truncated = true;
        break;
      }
      queue.push(nextKey);
    }
    if (truncated) break;
  }

  if (truncated) {
    problems.push({ ruleId: 'flow.state-space-limit', severity: 'warning', message: `行为检查在${maxStates}个状态后停止，流程过于复杂，未能完整验证死锁与遗留环节` });
    return problems;
  }
  const reachable = graph.reachableFrom([start.id]);
  for (const node of flow.nodes) {
    if (fired.has(node.id) || !reachable.has(node.id)) continue;
    // Show how far a case gets towards the step: a state with a token on one of its incoming edges.
    const incoming = new Set(graph.in(node.id).map((edge) => edge.id));
    let closest: string | undefined;
    for (const [key, entry] of visited) {
      if ([...incoming].some((place) => (entry.marking.get(place) ?? 0) > 0)) {
        closest = key;
        break;
      }
    }
    const path = closest ? pathTo(closest) : [];
    report({
      ruleId: 'flow.dead-step',
      severity: 'error',
      nodeId: node.id,
      ...(closest ? { path: scope.path([...path, node.id]) } : {}),
      message: `“${node.label}”在任何办理过程中都不会被执行${closest ? `（最多走到：${pathText([...path, node.id])}）` : ''}`,
    });
  }
  return problems;
}
