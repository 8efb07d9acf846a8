import { memo, useMemo } from 'react';
import { Background, MarkerType, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { Space, Tag, Tooltip } from 'antd';
import type { FlowDocument, FlowNode } from '@xlgl/schema';
import { FlowNodeBox } from './FlowNodeBox.js';
import { nodeProgressStatusColors, nodeProgressStatusLabels, type NodeProgressStatus } from './flowNodeLooks.js';
import { formatActedAt, isEdgeTaken, progressSummary, timeUsage, type FlowProgress, type NodeProgress } from './progressGraph.js';

export type ProgressViewProps = {
  /** The flow version the case runs on. */
  flow: FlowDocument;
  progress: FlowProgress;
  /** Canvas height in pixels (default 420). */
  height?: number;
  /** Hide the status legend (e.g. on the applicant's small page). */
  hideLegend?: boolean;
};

type ProgressNodeData = { node: FlowNode; progress: NodeProgress | undefined };
type ProgressNode = Node<ProgressNodeData, 'progress'>;

const ProgressNodeView = memo(function ProgressNodeView({ data }: NodeProps<ProgressNode>) {
  const { node, progress } = data;
  const usage = timeUsage(progress);
  const lastActor = progress?.actors?.[progress.actors.length - 1];
  const footer =
    lastActor || usage ? (
      <div style={{ fontSize: 11, color: '#595959', whiteSpace: 'nowrap' }}>
        {lastActor && (
          <span>
            {lastActor.name} {formatActedAt(lastActor.at)}
          </span>
        )}
        {lastActor && usage && <span> · </span>}
        {usage && <span style={{ color: usage.overdue ? '#cf1322' : undefined }}>{usage.text}</span>}
      </div>
    ) : undefined;
  const box = (
    <div>
      <FlowNodeBox type={node.type} label={node.label} settings={node.settings} status={progress?.status ?? 'pending'} footer={footer} />
    </div>
  );
  if (!progress?.actors?.length) return box;
  return (
    <Tooltip
      title={
        <div>
          {progress.actors.map((actor, index) => (
            <div key={index}>
              {actor.name}：{formatActedAt(actor.at)}
            </div>
          ))}
        </div>
      }
    >
      {box}
    </Tooltip>
  );
});

const nodeTypes = { progress: ProgressNodeView };

/**
 * Read-only diagram of a running case: done, current and pending nodes, who acted when and the
 * time used against each limit. Uses the same node look as the flow designer.
 *
 * The host page must import `@xyflow/react/dist/style.css` once.
 */
export function ProgressView(props: ProgressViewProps) {
  return (
    <ReactFlowProvider>
      <ProgressCanvas {...props} />
    </ReactFlowProvider>
  );
}

function ProgressCanvas({ flow, progress, height = 420, hideLegend }: ProgressViewProps) {
  const nodes = useMemo<ProgressNode[]>(
    () =>
      flow.nodes.map((node) => ({
        id: node.id,
        type: 'progress',
        position: node.position,
        data: { node, progress: progress.nodes[node.id] },
        draggable: false,
        connectable: false,
        selectable: false,
      })),
    [flow.nodes, progress],
  );
  const edges = useMemo<Edge[]>(
    () =>
      flow.edges.map((edge) => {
        const taken = isEdgeTaken(progress, edge.source, edge.target);
        const color = taken ? nodeProgressStatusColors.done : '#bfbfbf';
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          type: 'smoothstep',
          label: edge.label,
          selectable: false,
          style: { stroke: color, strokeWidth: taken ? 2 : 1.2 },
          markerEnd: { type: MarkerType.ArrowClosed, color, width: 16, height: 16 },
        };
      }),
    [flow.edges, progress],
  );
  const summary = useMemo(() => progressSummary(flow, progress), [flow, progress]);

  return (
    <div style={{ width: '100%' }} data-testid="progress-view">
      {!hideLegend && (
        <Space size={4} wrap style={{ marginBottom: 8 }}>
          {(Object.keys(summary) as NodeProgressStatus[]).map((status) => (
            <Tag key={status} color={status === 'current' ? 'processing' : status === 'done' ? 'success' : 'default'}>
              {nodeProgressStatusLabels[status]} {summary[status]}
            </Tag>
          ))}
        </Space>
      )}
      <div style={{ height, border: '1px solid #f0f0f0', borderRadius: 8, background: '#fafafa' }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={{ padding: 0.15 }}
          minZoom={0.2}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} color="#eee" />
        </ReactFlow>
      </div>
    </div>
  );
}
