import type { FlowDocument } from '@xlgl/schema';
import { flowGraph, type FlowGraph } from './flow-graph.js';

/** A branch of a parallel block: the split and the outgoing edge the branch starts with. */
export type StaticFrame = { splitId: string; edgeId: string };

export type BlockStructure = {
  /** Immediate post-dominator per node; `null` = only the virtual exit post-dominates it. */
  ipdom: Map<string, string | null>;
  /** For each parallel split whose branches meet at a parallel join: that join. */
  joinOfSplit: Map<string, string>;
  /** For each node: the parallel branches enclosing it, outermost first. */
  frames: Map<string, StaticFrame[]>;
};

const EXIT = '\u0000exit';

function postDominators(graph: FlowGraph): Map<string, Set<string>> {
  const ids = [...graph.nodes.keys()];
  const all = new Set([...ids, EXIT]);
  const pdom = new Map<string, Set<string>>();
  for (const id of ids) pdom.set(id, new Set(all));
  pdom.set(EXIT, new Set([EXIT]));
  const successorsOf = new Map<string, string[]>();
  for (const id of ids) {
    const out = graph.out(id).map((edge) => edge.target);
    // Ends and dead ends lead to the virtual exit.
    successorsOf.set(id, out.length === 0 ? [EXIT] : out);
  }
  // Successors before predecessors (depth-first post-order): an acyclic flow settles in one pass
  // instead of one pass per node (a 200-node chain took 200 passes). The fixpoint is the same.
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of ids) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const successors = successorsOf.get(top.id)!;
      if (top.next < successors.length) {
        const successor = successors[top.next++]!;
        if (successor !== EXIT && !seen.has(successor)) {
          seen.add(successor);
          stack.push({ id: successor, next: 0 });
        }
      } else {
        order.push(top.id);
        stack.pop();
      }
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of order) {
      let next: Set<string> | undefined;
      for (const succ of successorsOf.get(id)!) {
        const other = pdom.get(succ)!;
        next = next ? new Set([...next].filter((x) => other.has(x))) : new Set(other);
      }
      next = next ?? new Set();
      next.add(id);
      const current = pdom.get(id)!;
      if (next.size !== current.size) {
        pdom.set(id, next);
        changed = true;
      }
    }
  }
  return pdom;
}

function computeBlocks(flow: FlowDocument): BlockStructure {
  const graph = flowGraph(flow);
  const pdom = postDominators(graph);
  const ipdom = new Map<string, string | null>();
  for (const id of graph.nodes.keys()) {
    const strict = [...pdom.get(id)!].filter((x) => x !== id);
    // The immediate post-dominator is the strict post-dominator post-dominated by all others (its own
    // set holds them all, so it is at least as large: checked first, cheaply).
    const immediate = strict.find(
      (candidate) => (pdom.get(candidate)?.size ?? 0) >= strict.length && strict.every((other) => pdom.get(candidate)?.has(other) ?? other === EXIT),
    );
    ipdom.set(id, immediate === undefined || immediate === EXIT ? null : immediate);
  }
  const joinOfSplit = new Map<string, string>();
  const branchMembers = new Map<string, Set<string>>(); // key splitId|edgeId
  for (const node of flow.nodes) {
    if (node.type !== 'parallel-split') continue;
    const join = ipdom.get(node.id);
    if (!join || graph.node(join).type !== 'parallel-join') continue;
    joinOfSplit.set(node.id, join);
    for (const edge of graph.out(node.id)) {
      branchMembers.set(`${node.id}|${edge.id}`, graph.reachableFrom([edge.target], new Set([join, node.id])));
    }
  }
  const raw = new Map<string, StaticFrame[]>();
  for (const id of graph.nodes.keys()) raw.set(id, []);
  for (const [key, members] of branchMembers) {
    const [splitId, edgeId] = key.split('|') as [string, string];
    for (const member of members) raw.get(member)!.push({ splitId, edgeId });
  }
  // Outermost first: a split enclosed by fewer branches is further out.
  const depth = (splitId: string) => raw.get(splitId)?.length ?? 0;
  const frames = new Map<string, StaticFrame[]>();
  for (const [id, list] of raw) frames.set(id, [...list].sort((a, b) => depth(a.splitId) - depth(b.splitId)));
  return { ipdom, joinOfSplit, frames };
}

const cache = new WeakMap<FlowDocument, BlockStructure>();

/** Block structure (split/join pairing and branch membership) of a flow; cached per document. */
export function blockStructure(flow: FlowDocument): BlockStructure {
  let blocks = cache.get(flow);
  if (!blocks) {
    blocks = computeBlocks(flow);
    cache.set(flow, blocks);
  }
  return blocks;
}

/** True when `outer` is a prefix of `inner` (same or enclosing block). */
export function isEnclosingFrames(outer: StaticFrame[], inner: StaticFrame[]): boolean {
  return outer.length <= inner.length && outer.every((frame, i) => frame.splitId === inner[i]!.splitId && frame.edgeId === inner[i]!.edgeId);
}
