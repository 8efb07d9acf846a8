import { cloneElement, memo, useState, type CSSProperties, type ReactElement, type ReactNode } from 'react';
import { Handle, Position, type NodeHandle } from '@xyflow/react';
import { Tooltip } from 'antd';
import {
  BranchesOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExperimentOutlined,
  FileAddOutlined,
  ForkOutlined,
  MergeCellsOutlined,
  PauseCircleOutlined,
  PayCircleOutlined,
  PlayCircleOutlined,
  PrinterOutlined,
  PullRequestOutlined,
  StopOutlined,
  TeamOutlined,
  UserOutlined,
  VerticalAlignBottomOutlined,
  VerticalAlignTopOutlined,
} from '@ant-design/icons';
import type { FlowNodeType } from '@xlgl/schema';
import {
  flowNodeColor,
  flowNodeLooks,
  markSeverityColors,
  nodeProgressStatusColors,
  nodeProgressStatusLabels,
  type FlowNodeIcon,
  type FlowNodeLook,
  type MarkSeverity,
  type NodeProgressStatus,
} from './flowNodeLooks.js';

const icons: Record<FlowNodeIcon, ReactNode> = {
  start: <PlayCircleOutlined />,
  end: <StopOutlined />,
  step: <UserOutlined />,
  split: <ForkOutlined />,
  join: <MergeCellsOutlined />,
  countersign: <TeamOutlined />,
  condition: <BranchesOutlined />,
  merge: <PullRequestOutlined />,
  fee: <PayCircleOutlined />,
  print: <PrinterOutlined />,
  escalate: <VerticalAlignTopOutlined />,
  'hand-back': <VerticalAlignBottomOutlined />,
  supplement: <FileAddOutlined />,
  special: <ExperimentOutlined />,
};

/** A problem mark on a node: outline colour and the messages shown in the badge's tooltip. */
export type FlowNodeMark = { severity: MarkSeverity; messages: string[] };

export type FlowNodeBoxProps = {
  type: FlowNodeType;
  label: string;
  settings: Record<string, unknown>;
  /** Second line, e.g. the assignee and the time limit. */
  subtitle?: string;
  selected?: boolean;
  /** Progress of a running case (progress view only). */
  status?: NodeProgressStatus;
  /** Problems found by the flow review (designer only). */
  mark?: FlowNodeMark;
  /** Extra content under the node (e.g. who acted when). */
  footer?: ReactNode;
  /** Whether the handles accept new connections. */
  connectable?: boolean;
};

/** Side of a handle's square (border included) and the width of a node's colour stripe (its left border). */
const handleSize = 9;
const stripeWidth = 5;
/** Width of a node's other borders when it is neither selected, marked nor current. */
const plainBorderWidth = 1;

const handleStyle: CSSProperties = {
  boxSizing: 'border-box',
  width: handleSize,
  height: handleSize,
  background: '#fff',
  border: '2px solid #8c8c8c',
};
// Edges still attach to hidden handles in read-only diagrams.
const hiddenHandleStyle: CSSProperties = { ...handleStyle, opacity: 0 };

const handleCache = new Map<FlowNodeType, NodeHandle[]>();

/**
 * Where `FlowNodeBox` draws the handles of a node of this type, relative to its top-left corner
 * (nodes have exactly the size of their look). @xyflow/react computes the same from the DOM when it
 * first measures a node; a canvas that hands these over with the node's size (`width`, `height`,
 * `measured`, `handles`) draws its edges in the first pass, without measuring every node. xyflow
 * centres a handle on the edge of the node's padding box: inside the colour stripe on the left (the
 * border of events), inside the plain border on the right (as measured before a node is selected).
 */
export function flowNodeHandles(type: FlowNodeType): NodeHandle[] {
  let handles = handleCache.get(type);
  if (!handles) {
    const look: FlowNodeLook = flowNodeLooks[type];
    const half = handleSize / 2;
    const y = look.height / 2 - half;
    const left = (look.shape === 'event' ? plainBorderWidth : stripeWidth) - half;
    const right = look.width - plainBorderWidth - half;
    // `id: null` as measured from a handle without an id: xyflow finds the handle element of a connection
    // by an attribute built from it (undefined would name no element, and the connection would be refused).
    const handle = { id: null, y, width: handleSize, height: handleSize };
    handles = [
      ...(look.hasInput ? [{ ...handle, type: 'target' as const, position: Position.Left, x: left }] : []),
      ...(look.hasOutput ? [{ ...handle, type: 'source' as const, position: Position.Right, x: right }] : []),
    ];
    handleCache.set(type, handles);
  }
  return handles;
}

/**
 * An antd Tooltip mounted on the first hover or focus: a diagram of hundreds of nodes would otherwise
 * mount hundreds of tooltips (each a trigger with its own style registration) that nobody opened.
 */
function HoverTooltip({ title, children }: { title: ReactNode; children: ReactElement }) {
  const [armed, setArmed] = useState(false);
  if (armed) return <Tooltip title={title} defaultOpen>{children}</Tooltip>;
  const arm = () => setArmed(true);
  return cloneElement(children as ReactElement<{ onMouseEnter?: () => void; onFocus?: () => void }>, { onMouseEnter: arm, onFocus: arm });
}

/**
 * The canvas look of a flow node, used inside an @xyflow/react custom node by the designer and
 * the progress view, so both show the same diagram.
 */
export const FlowNodeBox = memo(function FlowNodeBox(props: FlowNodeBoxProps) {
  const { type, label, settings, subtitle, selected, status, mark, footer, connectable = false } = props;
  const look: FlowNodeLook = flowNodeLooks[type];
  const accent = flowNodeColor(type, settings);
  const statusColor = status ? nodeProgressStatusColors[status] : undefined;
  const outline = mark ? markSeverityColors[mark.severity] : undefined;

  const borderColor = outline ?? (selected ? '#1677ff' : (statusColor ?? '#d9d9d9'));
  const borderLine = `${outline || selected || status === 'current' ? 2 : plainBorderWidth}px ${status === 'skipped' ? 'dashed' : 'solid'} ${borderColor}`;
  const box: CSSProperties = {
    position: 'relative',
    boxSizing: 'border-box',
    width: look.width,
    height: look.height,
    display: 'flex',
    alignItems: 'center',
    gap: 8,
    padding: look.shape === 'event' ? '0 14px' : '0 10px 0 12px',
    background: status === 'done' ? '#f6ffed' : status === 'current' ? '#e6f4ff' : '#fff',
    // Longhand sides only: mixing `border` and `borderLeft` confuses React's style updates.
    borderTop: borderLine,
    borderRight: borderLine,
    borderBottom: borderLine,
    borderLeft: look.shape === 'event' ? borderLine : `${stripeWidth}px solid ${accent}`,
    borderRadius: look.shape === 'event' ? look.height / 2 : look.shape === 'gateway' ? 4 : 8,
    boxShadow: selected ? '0 0 0 3px rgba(22,119,255,0.18)' : status === 'current' ? '0 0 0 4px rgba(22,119,255,0.22)' : '0 1px 2px rgba(0,0,0,0.08)',
    opacity: status === 'skipped' || status === 'pending' ? 0.72 : 1,
    fontSize: 13,
    color: '#1f1f1f',
  };
  const iconBox: CSSProperties = {
    flex: 'none',
    width: look.shape === 'gateway' ? 22 : 26,
    height: look.shape === 'gateway' ? 22 : 26,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: look.shape === 'event' ? '#fff' : accent,
    background: look.shape === 'event' ? accent : `${accent}14`,
    borderRadius: look.shape === 'gateway' ? 3 : 13,
    transform: look.shape === 'gateway' ? 'rotate(45deg)' : undefined,
    fontSize: 14,
  };

  return (
    <div style={box} data-node-type={type} data-status={status} data-mark={mark?.severity}>
      {look.hasInput && <Handle type="target" position={Position.Left} isConnectable={connectable} style={connectable ? handleStyle : hiddenHandleStyle} />}
      <span style={iconBox}>
        <span style={{ display: 'inline-flex', transform: look.shape === 'gateway' ? 'rotate(-45deg)' : undefined }}>{icons[look.icon]}</span>
      </span>
      <div style={{ minWidth: 0, flex: 1, lineHeight: 1.3 }}>
        {look.shape !== 'event' && (
          <div style={{ fontSize: 11, color: '#8c8c8c', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {look.typeLabel}
            {look.stopsClock && (
              <HoverTooltip title="此环节期间暂停计时">
                <PauseCircleOutlined style={{ marginLeft: 4 }} />
              </HoverTooltip>
            )}
          </div>
        )}
        <div style={{ fontWeight: 500, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={label}>
          {label}
        </div>
        {subtitle && look.shape !== 'event' && look.shape !== 'gateway' && (
          <div style={{ fontSize: 11, color: '#595959', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={subtitle}>
            {subtitle}
          </div>
        )}
      </div>
      {status && (
        <HoverTooltip title={nodeProgressStatusLabels[status]}>
          <span style={{ position: 'absolute', top: -9, right: -9, fontSize: 16, color: statusColor, background: '#fff', borderRadius: 8, lineHeight: 1 }}>
            {status === 'done' ? <CheckCircleOutlined /> : status === 'current' ? <ClockCircleOutlined /> : null}
          </span>
        </HoverTooltip>
      )}
      {mark && (
        <HoverTooltip
          title={
            <div>
              {mark.messages.map((message, index) => (
                <div key={index}>{message}</div>
              ))}
            </div>
          }
        >
          <span
            data-testid="node-problem-badge"
            style={{
              position: 'absolute',
              top: -10,
              right: -10,
              minWidth: 20,
              height: 20,
              padding: '0 5px',
              boxSizing: 'border-box',
              borderRadius: 10,
              background: markSeverityColors[mark.severity],
              color: '#fff',
              fontSize: 12,
              lineHeight: '20px',
              textAlign: 'center',
              cursor: 'help',
            }}
          >
            {mark.messages.length}
          </span>
        </HoverTooltip>
      )}
      {look.hasOutput && <Handle type="source" position={Position.Right} isConnectable={connectable} style={connectable ? handleStyle : hiddenHandleStyle} />}
      {footer && <div style={{ position: 'absolute', top: look.height + 4, left: 0, width: Math.max(look.width, 200) }}>{footer}</div>}
    </div>
  );
});
