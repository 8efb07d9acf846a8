import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import { Tooltip } from 'antd';
import { markSeverityColors, type FlowNodeMark } from '@xlgl/renderer/progress-view';

export type DesignerEdgeData = { text?: string; isDefault?: boolean; mark?: FlowNodeMark };
export type DesignerFlowEdge = Edge<DesignerEdgeData, 'flow'>;

/** A sequence flow: smooth-step path, its condition or label, the default mark and problem badge. */
export const DesignerEdge = memo(function DesignerEdge(props: EdgeProps<DesignerFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, data, markerEnd } = props;
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 8 });
  const mark = data?.mark;
  const stroke = mark ? markSeverityColors[mark.severity] : selected ? '#1677ff' : '#8c8c8c';
  const hasLabel = Boolean(data?.text || data?.isDefault || mark);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke, strokeWidth: selected || mark ? 2.2 : 1.5 }} interactionWidth={16} />
      {hasLabel && (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan"
            data-testid="edge-label"
            style={{
              position: 'absolute',
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              pointerEvents: 'all',
              display: 'flex',
              alignItems: 'center',
              gap: 4,
              maxWidth: 200,
              padding: '1px 6px',
              fontSize: 11,
              background: '#fff',
              border: `1px solid ${mark ? stroke : '#e5e5e5'}`,
              borderRadius: 4,
              color: '#434343',
            }}
          >
            {data?.isDefault && <span style={{ color: '#d48806' }}>默认</span>}
            {data?.text && <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={data.text}>{data.text}</span>}
            {mark && (
              <Tooltip title={mark.messages.map((message, index) => <div key={index}>{message}</div>)}>
                <span style={{ color: '#fff', background: stroke, borderRadius: 8, padding: '0 5px', cursor: 'help' }} data-testid="edge-problem-badge">
                  {mark.messages.length}
                </span>
              </Tooltip>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
