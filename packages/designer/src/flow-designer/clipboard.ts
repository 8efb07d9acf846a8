import { newId, type FlowDocument, type FlowEdge, type FlowNode } from '@xlgl/schema';

/** What Ctrl+C puts aside: the selected nodes and the edges between them. */
export type FlowClipboard = { nodes: FlowNode[]; edges: FlowEdge[] };

/** Copies the given nodes plus edges whose both ends are copied. Deep-cloned, so later edits don't leak. */
export function copySelection(doc: FlowDocument, nodeIds: Iterable<string>): FlowClipboard | undefined {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((node) => ids.has(node.id));
  if (nodes.length === 0) return undefined;
  const edges = doc.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  return structuredClone({ nodes, edges });
}

/**
 * Pastes a clipboard with fresh ids, shifted by `offset`. References inside the copy (return
 * targets, parallel branches) follow the new ids; return targets outside it are kept when that node
 * still exists in the document, parallel branches whose edge was not copied are dropped.
 */
export function pasteClipboard(
  doc: FlowDocument,
  clipboard: FlowClipboard,
  offset: { x: number; y: number },
): { doc: FlowDocument; nodeIds: string[]; edgeIds: string[] } {
  const nodeIdMap = new Map(clipboard.nodes.map((node) => [node.id, newId('nd')]));
  const edgeIdMap = new Map(clipboard.edges.map((edge) => [edge.id, newId('ed')]));
  const existing = new Set(doc.nodes.map((node) => node.id));

  const nodes = clipboard.nodes.map((node): FlowNode => {
    const settings: Record<string, unknown> = structuredClone(node.settings);
    if (Array.isArray(settings.returnTargets)) {
      settings.returnTargets = (settings.returnTargets as string[])
        .map((id) => nodeIdMap.get(id) ?? (existing.has(id) ? id : undefined))
        .filter((id): id is string => id !== undefined);
    }
    if (Array.isArray(settings.branches)) {
      settings.branches = (settings.branches as Array<{ edgeId: string; departmentId: string }>)
        .filter((branch) => edgeIdMap.has(branch.edgeId))
        .map((branch) => ({ ...branch, edgeId: edgeIdMap.get(branch.edgeId)! }));
    }
    return {
      ...node,
      id: nodeIdMap.get(node.id)!,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      settings,
    };
  });
  const edges = clipboard.edges.map(
    (edge): FlowEdge => ({ ...structuredClone(edge), id: edgeIdMap.get(edge.id)!, source: nodeIdMap.get(edge.source)!, target: nodeIdMap.get(edge.target)! }),
  );
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
    edgeIds: edges.map((edge) => edge.id),
  };
}

const marker = 'xlgl-flow-clipboard';

/** Text form for the system clipboard (so a copy survives between two open designers). */
export function serializeClipboard(clipboard: FlowClipboard): string {
  return JSON.stringify({ [marker]: 1, ...clipboard });
}

/** Reads text written by `serializeClipboard`; anything else yields undefined. */
export function parseClipboard(text: string): FlowClipboard | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value?.[marker] !== 1 || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return undefined;
    return { nodes: value.nodes as FlowNode[], edges: value.edges as FlowEdge[] };
  } catch {
    return undefined;
  }
}
