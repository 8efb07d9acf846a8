import { MarkerType } from '@xyflow/react';
import { nodeTypeSchemas, type FlowDocument, type FlowNode } from '@xlgl/schema';
import { flowNodeHandles, flowNodeLooks, type FlowNodeMark } from '@xlgl/renderer/progress-view';
import { describeExpression } from './condition/conditionModel.js';
import type { DesignerFlowEdge } from './DesignerEdge.js';
import type { DesignerFlowNode } from './DesignerNode.js';
import { nodeDesign } from './node-types/registry.js';
import type { ProblemIndex, ReviewProblem } from './review.js';
import type { FlowDesignerContext } from './types.js';

/** The badge of a node or edge: worst severity and every message. */
export function markOf(problems: ReviewProblem[] | undefined): FlowNodeMark | undefined {
  if (!problems || problems.length === 0) return undefined;
  return { severity: problems.some((problem) => problem.severity === 'error') ? 'error' : 'warning', messages: problems.map((problem) => problem.message) };
}

function sameMark(a: FlowNodeMark | undefined, b: FlowNodeMark | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.severity !== b.severity || a.messages.length !== b.messages.length) return false;
  return a.messages.every((message, index) => message === b.messages[index]);
}

/** Second line of a node, cached per node object (nodes are immutable). */
export function createSummaryCache(context: FlowDesignerContext): (node: FlowNode) => string | undefined {
  const cache = new WeakMap<FlowNode, string | undefined>();
  return (node) => {
    if (cache.has(node)) return cache.get(node);
    const design = nodeDesign(node.type);
    let summary: string | undefined;
    const parsed = nodeTypeSchemas[node.type].settings.safeParse(node.settings);
    if (design.summary && parsed.success) summary = design.summary(parsed.data as never, context);
    cache.set(node, summary);
    return summary;
  };
}

type BuildOptions = {
  doc: FlowDocument;
  problems: ProblemIndex;
  summary: (node: FlowNode) => string | undefined;
  readOnly: boolean;
  /** When given, exactly these ids end up selected. */
  select?: Set<string>;
};

/**
 * Canvas nodes for the document. Nodes whose flow node, summary, mark and selection did not change
 * keep their previous object, so memoised node components skip rendering: O(n) per change.
 */
export function buildCanvasNodes(previous: DesignerFlowNode[], options: BuildOptions): DesignerFlowNode[] {
  const { doc, problems, summary, readOnly, select } = options;
  const previousById = new Map(previous.map((node) => [node.id, node]));
  return doc.nodes.map((node) => {
    const old = previousById.get(node.id);
    const subtitle = summary(node);
    const mark = markOf(problems.byNode.get(node.id));
    const selected = select ? select.has(node.id) : (old?.selected ?? false);
    if (
      old &&
      old.data.node === node &&
      old.data.subtitle === subtitle &&
      sameMark(old.data.mark, mark) &&
      old.data.readOnly === readOnly &&
      Boolean(old.selected) === selected
    ) {
      return old;
    }
    const sameNode = old?.data.node === node;
    const look = flowNodeLooks[node.type];
    return {
      id: node.id,
      type: 'flow',
      // A node has exactly the size of its look, with its handles where FlowNodeBox draws them: the
      // canvas draws nodes and edges in its first pass instead of measuring all nodes and drawing again.
      width: look.width,
      height: look.height,
      measured: { width: look.width, height: look.height },
      handles: flowNodeHandles(node.type),
      // An unchanged node keeps its canvas position (it may be mid-drag); a changed one follows the document.
      position: sameNode && old ? old.position : node.position,
      data: { node, subtitle, mark, readOnly },
      selected,
    };
  });
}

type EdgeBuildOptions = { doc: FlowDocument; problems: ProblemIndex; context: FlowDesignerContext; select?: Set<string> };

export function buildCanvasEdges(previous: DesignerFlowEdge[], options: EdgeBuildOptions): DesignerFlowEdge[] {
  const { doc, problems, context, select } = options;
  const previousById = new Map(previous.map((edge) => [edge.id, edge]));
  return doc.edges.map((edge) => {
    const old = previousById.get(edge.id);
    const text = edge.label ?? (edge.condition ? describeExpression(edge.condition, context.formFields) : undefined);
    const mark = markOf(problems.byEdge.get(edge.id));
    const selected = select ? select.has(edge.id) : (old?.selected ?? false);
    if (
      old &&
      old.source === edge.source &&
      old.target === edge.target &&
      old.data?.text === text &&
      old.data?.isDefault === edge.isDefault &&
      sameMark(old.data?.mark, mark) &&
      Boolean(old.selected) === selected
    ) {
      return old;
    }
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: 'flow',
      selected,
      data: { text, isDefault: edge.isDefault, mark },
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#8c8c8c' },
    };
  });
}
