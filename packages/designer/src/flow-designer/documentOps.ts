import { newId, nodeTypeSchemas, type FlowDocument, type FlowEdge, type FlowNode, type FlowNodeType } from '@xlgl/schema';
import { flowNodeLooks } from '@xlgl/renderer/progress-view';

/**
 * Pure edits of a flow document. Every function returns a new document (or the same one when
 * nothing changed) whose nodes and edges stay valid under `flowDocument`.
 */

export type XY = { x: number; y: number };

/** Settings of a new node: the type's schema defaults, overlaid with a preset's settings. */
export function defaultSettings(type: FlowNodeType, preset: Record<string, unknown> = {}): Record<string, unknown> {
  return nodeTypeSchemas[type].settings.parse(preset) as Record<string, unknown>;
}

export function createNode(options: { type: FlowNodeType; label: string; position: XY; settings?: Record<string, unknown> }): FlowNode {
  return {
    id: newId('nd'),
    type: options.type,
    label: options.label,
    position: { x: Math.round(options.position.x), y: Math.round(options.position.y) },
    settings: defaultSettings(options.type, options.settings),
  };
}

export function addNode(doc: FlowDocument, node: FlowNode): FlowDocument {
  return { ...doc, nodes: [...doc.nodes, node] };
}

/** Why a connection is refused, or undefined when it is allowed. */
export function connectionRefusal(doc: FlowDocument, source: string, target: string): string | undefined {
  if (source === target) return '不能连接到节点自身';
  const from = doc.nodes.find((node) => node.id === source);
  const to = doc.nodes.find((node) => node.id === target);
  if (!from || !to) return '连线的节点不存在';
  if (!flowNodeLooks[from.type].hasOutput) return `“${from.label}”是结束节点，不能再连出`;
  if (!flowNodeLooks[to.type].hasInput) return `“${to.label}”是开始节点，不能连入`;
  if (doc.edges.some((edge) => edge.source === source && edge.target === target)) return '这两个节点之间已有连线';
  return undefined;
}

/** Adds an edge; the first edge out of a condition node becomes its default. */
export function connect(doc: FlowDocument, source: string, target: string): FlowDocument {
  if (connectionRefusal(doc, source, target)) return doc;
  const from = doc.nodes.find((node) => node.id === source)!;
  const edge: FlowEdge = { id: newId('ed'), source, target };
  if (from.type === 'condition' && !doc.edges.some((other) => other.source === source)) edge.isDefault = true;
  return { ...doc, edges: [...doc.edges, edge] };
}

/** Removes nodes (with their edges) and edges, and drops settings that pointed at them. */
export function removeElements(doc: FlowDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): FlowDocument {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  if (goneNodes.size === 0 && goneEdges.size === 0) return doc;
  for (const edge of doc.edges) if (goneNodes.has(edge.source) || goneNodes.has(edge.target)) goneEdges.add(edge.id);
  const nodes = doc.nodes.filter((node) => !goneNodes.has(node.id)).map((node) => withoutReferences(node, goneNodes, goneEdges));
  const edges = doc.edges.filter((edge) => !goneEdges.has(edge.id));
  return { ...doc, nodes, edges };
}

/** Drops return targets and parallel branches that refer to removed nodes or edges. */
function withoutReferences(node: FlowNode, goneNodes: Set<string>, goneEdges: Set<string>): FlowNode {
  let settings = node.settings;
  const returnTargets = settings.returnTargets;
  if (Array.isArray(returnTargets) && returnTargets.some((id) => goneNodes.has(id as string))) {
    settings = { ...settings, returnTargets: returnTargets.filter((id) => !goneNodes.has(id as string)) };
  }
  const branches = settings.branches;
  if (Array.isArray(branches) && branches.some((branch) => goneEdges.has((branch as { edgeId: string }).edgeId))) {
    settings = { ...settings, branches: branches.filter((branch) => !goneEdges.has((branch as { edgeId: string }).edgeId)) };
  }
  return settings === node.settings ? node : { ...node, settings };
}

export function updateNode(doc: FlowDocument, id: string, patch: Partial<Pick<FlowNode, 'label' | 'settings'>>): FlowDocument {
  return { ...doc, nodes: doc.nodes.map((node) => (node.id === id ? { ...node, ...patch } : node)) };
}

/** Updates an edge; making it the default clears the default flag of its siblings. */
export function updateEdge(doc: FlowDocument, id: string, patch: Partial<Omit<FlowEdge, 'id' | 'source' | 'target'>>): FlowDocument {
  const edited = doc.edges.find((edge) => edge.id === id);
  if (!edited) return doc;
  const edges = doc.edges.map((edge) => {
    if (edge.id === id) return stripUndefined({ ...edge, ...patch });
    if (patch.isDefault && edge.source === edited.source && edge.isDefault) return stripUndefined({ ...edge, isDefault: undefined });
    return edge;
  });
  return { ...doc, edges };
}

export function moveNodes(doc: FlowDocument, positions: Map<string, XY>): FlowDocument {
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    const position = positions.get(node.id);
    if (!position) return node;
    const x = Math.round(position.x);
    const y = Math.round(position.y);
    if (x === node.position.x && y === node.position.y) return node;
    changed = true;
    return { ...node, position: { x, y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Removes keys whose value is undefined, so emitted JSON carries no empty keys. */
export function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = entry;
  return out as T;
}

/** Human steps earlier than `nodeId` (its ancestors in the graph), for return targets. */
export function earlierHumanSteps(doc: FlowDocument, nodeId: string): FlowNode[] {
  const incoming = new Map<string, string[]>();
  for (const edge of doc.edges) {
    const list = incoming.get(edge.target) ?? [];
    list.push(edge.source);
    incoming.set(edge.target, list);
  }
  const seen = new Set<string>();
  const queue = [...(incoming.get(nodeId) ?? [])];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(incoming.get(id) ?? []));
  }
  seen.delete(nodeId);
  return doc.nodes.filter((node) => seen.has(node.id) && (node.type === 'task' || node.type === 'countersign'));
}

/** An empty flow with a start and an approved end, for a new document. */
export function emptyFlow(options: { id: string; name: string; formId?: string }): FlowDocument {
  const start = createNode({ type: 'start', label: '开始', position: { x: 0, y: 80 } });
  const end = createNode({ type: 'end', label: '办结', position: { x: 520, y: 80 } });
  return stripUndefined({ kind: 'flow', id: options.id, version: 1, schemaVersion: 1, name: options.name, formId: options.formId, nodes: [start, end], edges: [] }) as FlowDocument;
}
