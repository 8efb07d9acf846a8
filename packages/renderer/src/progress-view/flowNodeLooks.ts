import type { EndOutcome, FlowNodeType } from '@xlgl/schema';

/** How a node sits on the canvas: events are pills, steps and gates boxes, gateways compact. */
export type FlowNodeShape = 'event' | 'step' | 'gate' | 'gateway';

/** Icon names resolved by `FlowNodeBox`; kept as strings so this module stays free of React. */
export type FlowNodeIcon =
  | 'start'
  | 'end'
  | 'step'
  | 'split'
  | 'join'
  | 'countersign'
  | 'condition'
  | 'merge'
  | 'fee'
  | 'print'
  | 'escalate'
  | 'hand-back'
  | 'supplement'
  | 'special';

/** The canvas look of one node type, shared by the designer and the progress view. */
export type FlowNodeLook = {
  /** Chinese type name shown above the node's own label. */
  typeLabel: string;
  shape: FlowNodeShape;
  icon: FlowNodeIcon;
  /** Accent colour (border stripe, icon). */
  color: string;
  /** Size used by automatic layout; the rendered node has exactly this size. */
  width: number;
  height: number;
  /** Whether the node may have incoming / outgoing connections. */
  hasInput: boolean;
  hasOutput: boolean;
  /** The case clock stops while the node is active (补正, 特别程序). */
  stopsClock?: boolean;
};

const step = { shape: 'step', width: 188, height: 64, hasInput: true, hasOutput: true } as const;
const gateway = { shape: 'gateway', width: 150, height: 48, hasInput: true, hasOutput: true } as const;
const gate = { shape: 'gate', width: 168, height: 56, hasInput: true, hasOutput: true } as const;

/** One look per node type; `satisfies` turns a missing type into a compile error. */
export const flowNodeLooks = {
  start: { typeLabel: '开始', shape: 'event', icon: 'start', color: '#389e0d', width: 132, height: 44, hasInput: false, hasOutput: true },
  end: { typeLabel: '结束', shape: 'event', icon: 'end', color: '#cf1322', width: 148, height: 44, hasInput: true, hasOutput: false },
  task: { ...step, typeLabel: '办理环节', icon: 'step', color: '#1677ff' },
  'parallel-split': { ...gateway, typeLabel: '并联开始', icon: 'split', color: '#722ed1' },
  'parallel-join': { ...gateway, typeLabel: '并联汇合', icon: 'join', color: '#722ed1' },
  countersign: { ...step, typeLabel: '会签', icon: 'countersign', color: '#13c2c2' },
  condition: { ...gateway, typeLabel: '条件分支', icon: 'condition', color: '#d48806' },
  merge: { ...gateway, typeLabel: '条件汇合', icon: 'merge', color: '#d48806' },
  'fee-gate': { ...gate, typeLabel: '收费', icon: 'fee', color: '#c41d7f' },
  'print-gate': { ...gate, typeLabel: '证照打印', icon: 'print', color: '#08979c' },
  escalate: { ...step, typeLabel: '上报', icon: 'escalate', color: '#d4380d' },
  'hand-back': { ...step, typeLabel: '结果下发', icon: 'hand-back', color: '#d46b08' },
  supplement: { ...step, typeLabel: '补正', icon: 'supplement', color: '#8c8c8c', stopsClock: true },
  'special-procedure': { ...step, typeLabel: '特别程序', icon: 'special', color: '#595959', stopsClock: true },
} satisfies Record<FlowNodeType, FlowNodeLook>;

/** End nodes are coloured by outcome: approved green, rejected red, withdrawn grey. */
export const endOutcomeColors: Record<EndOutcome, string> = {
  approved: '#389e0d',
  rejected: '#cf1322',
  withdrawn: '#8c8c8c',
};

/** The accent colour of a node, taking an end node's outcome into account. */
export function flowNodeColor(type: FlowNodeType, settings: Record<string, unknown>): string {
  if (type === 'end') {
    const outcome = settings.outcome as EndOutcome | undefined;
    return endOutcomeColors[outcome ?? 'approved'] ?? flowNodeLooks.end.color;
  }
  return flowNodeLooks[type].color;
}

/** Progress of one node in a running case. */
export type NodeProgressStatus = 'done' | 'current' | 'pending' | 'skipped';

export const nodeProgressStatusLabels: Record<NodeProgressStatus, string> = {
  done: '已办理',
  current: '办理中',
  pending: '未开始',
  skipped: '未经过',
};

export const nodeProgressStatusColors: Record<NodeProgressStatus, string> = {
  done: '#52c41a',
  current: '#1677ff',
  pending: '#bfbfbf',
  skipped: '#d9d9d9',
};

/** Problem severity as marked on the canvas. */
export type MarkSeverity = 'error' | 'warning';
export const markSeverityColors: Record<MarkSeverity, string> = { error: '#ff4d4f', warning: '#fa8c16' };
