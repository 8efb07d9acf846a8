import type { FlowDocument, FlowEdge, FlowNode, FlowNodeType } from '@xlgl/schema';

/** Gateways route tokens; every other node type is an activity or event. */
export const gatewayTypes: ReadonlySet<FlowNodeType> = new Set(['parallel-split', 'parallel-join', 'condition', 'merge']);
/** Gateways allowed to have several outgoing edges. */
export const splitTypes: ReadonlySet<FlowNodeType> = new Set(['parallel-split', 'condition']);
/** Gateways allowed to have several incoming edges. */
export const joinTypes: ReadonlySet<FlowNodeType> = new Set(['parallel-join', 'merge']);

/** An indexed, read-only view of a flow document's graph. */
export class FlowGraph {
  readonly nodes = new Map<string, FlowNode>();
  readonly edges = new Map<string, FlowEdge>();
  readonly outgoing = new Map<string, FlowEdge[]>();
  readonly incoming = new Map<string, FlowEdge[]>();

  constructor(readonly flow: FlowDocument) {
    for (const node of flow.nodes) {
      this.nodes.set(node.id, node);
      this.outgoing.set(node.id, []);
      this.incoming.set(node.id, []);
    }
    for (const edge of flow.edges) {
      this.edges.set(edge.id, edge);
      if (this.nodes.has(edge.source) && this.nodes.has(edge.target)) {
        this.outgoing.get(edge.source)!.push(edge);
        this.incoming.get(edge.target)!.push(edge);
      }
    }
  }

  node(id: string): FlowNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`流程“${this.flow.name}”中没有节点“${id}”`);
    return node;
  }

  out(id: string): FlowEdge[] {
    return this.outgoing.get(id) ?? [];
  }

  in(id: string): FlowEdge[] {
    return this.incoming.get(id) ?? [];
  }

  starts(): FlowNode[] {
    return this.flow.nodes.filter((node) => node.type === 'start');
  }

  ends(): FlowNode[] {
    return this.flow.nodes.filter((node) => node.type === 'end');
  }

  label(id: string): string {
    return this.nodes.get(id)?.label ?? id;
  }

  /** Node ids reachable from `from` along edges, not entering `blocked`. */
  reachableFrom(from: string[], blocked: ReadonlySet<string> = new Set()): Set<string> {
    const seen = new Set<string>();
    const stack = from.filter((id) => !blocked.has(id));
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const edge of this.out(id)) if (!blocked.has(edge.target) && !seen.has(edge.target)) stack.push(edge.target);
    }
    return seen;
  }

  /** Node ids from which one of `to` can be reached. */
  reachingTo(to: string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...to];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const edge of this.in(id)) if (!seen.has(edge.source)) stack.push(edge.source);
    }
    return seen;
  }

  /** A shortest node path from `from` to `to` avoiding `blocked`, or undefined. */
  shortestPath(from: string, to: ReadonlySet<string>, blocked: ReadonlySet<string> = new Set()): string[] | undefined {
    if (blocked.has(from)) return undefined;
    const parent = new Map<string, string | null>([[from, null]]);
    const queue = [from];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (to.has(id)) {
        const path: string[] = [];
        for (let at: string | null = id; at !== null; at = parent.get(at) ?? null) path.unshift(at);
        return path;
      }
      for (const edge of this.out(id)) {
        if (blocked.has(edge.target) || parent.has(edge.target)) continue;
        parent.set(edge.target, id);
        queue.push(edge.target);
      }
    }
    return undefined;
  }
}

const graphs = new WeakMap<FlowDocument, FlowGraph>();

/** The (cached) graph of a flow document; documents are treated as immutable. */
export function flowGraph(flow: FlowDocument): FlowGraph {
  let graph = graphs.get(flow);
  if (!graph) {
    graph = new FlowGraph(flow);
    graphs.set(flow, graph);
  }
  return graph;
}
