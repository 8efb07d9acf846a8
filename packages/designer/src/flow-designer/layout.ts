import * as dagreModule from '@dagrejs/dagre';
import type { FlowDocument } from '@xlgl/schema';
import { flowNodeLooks } from '@xlgl/renderer/progress-view';
import type { XY } from './documentOps.js';

// @dagrejs/dagre is CommonJS: bundlers put the API on the namespace, Node's interop on `default`.
const dagre = ((dagreModule as unknown as { default?: typeof dagreModule }).default ?? dagreModule) as typeof dagreModule;

export type LayoutDirection = 'LR' | 'TB';

/**
 * Top-left positions for every node by dagre's layered layout, in flow order (left to right by
 * default). Node sizes come from the shared node look.
 */
export function layoutPositions(doc: FlowDocument, direction: LayoutDirection = 'LR'): Map<string, XY> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: direction, nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) {
    const look = flowNodeLooks[node.type];
    graph.setNode(node.id, { width: look.width, height: look.height });
  }
  for (const edge of doc.edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions = new Map<string, XY>();
  for (const node of doc.nodes) {
    const placed = graph.node(node.id);
    const look = flowNodeLooks[node.type];
    // dagre places centres; the canvas uses top-left corners.
    positions.set(node.id, { x: Math.round(placed.x - look.width / 2), y: Math.round(placed.y - look.height / 2) });
  }
  return positions;
}
