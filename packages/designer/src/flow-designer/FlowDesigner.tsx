import { memo, useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import { Badge, Button, Divider, Modal, Popover, Space, Switch, Tooltip, Typography, message } from 'antd';
import {
  ApartmentOutlined,
  CopyOutlined,
  DeleteOutlined,
  ExpandOutlined,
  QuestionCircleOutlined,
  RedoOutlined,
  SnippetsOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { FlowDocument } from '@xlgl/schema';
import { flowNodeColor, flowNodeLooks } from '@xlgl/renderer/progress-view';
import { buildCanvasEdges, buildCanvasNodes, createSummaryCache } from './canvasModel.js';
import { copySelection, pasteClipboard, parseClipboard, serializeClipboard, type FlowClipboard } from './clipboard.js';
import { DesignerEdge, type DesignerFlowEdge } from './DesignerEdge.js';
import { DesignerNode, type DesignerFlowNode } from './DesignerNode.js';
import { addNode, connect, connectionRefusal, createNode, moveNodes, removeElements, type XY } from './documentOps.js';
import { canRedo, canUndo, createHistory, historyReducer } from './history.js';
import { layoutPositions } from './layout.js';
import { findPaletteEntry } from './node-types/registry.js';
import { Palette as PaletteBase, paletteDragType } from './Palette.js';
import { EdgePanel as EdgePanelBase } from './panels/EdgePanel.js';
import { FlowPanel as FlowPanelBase } from './panels/FlowPanel.js';
import { NodePanel as NodePanelBase } from './panels/NodePanel.js';
import { ProblemsPanel as ProblemsPanelBase } from './ProblemsPanel.js';
import { engineReviewer, indexProblems, safeReview, type FlowReviewer, type ReviewProblem } from './review.js';
import { confirmDeleteAbove, flowDesignerShortcuts, isTypingTarget } from './shortcuts.js';
import type { FlowDesignerProps } from './types.js';

// The canvas state changes on every drag frame; the panels around it only when their own props do.
const Palette = memo(PaletteBase);
const ProblemsPanel = memo(ProblemsPanelBase);
const NodePanel = memo(NodePanelBase);
const EdgePanel = memo(EdgePanelBase);
const FlowPanel = memo(FlowPanelBase);
const noProblems: ReviewProblem[] = [];

const nodeTypes = { flow: DesignerNode };
// stable across renders, so the minimap's nodes do not re-render on every drag frame
const miniMapColor = (node: DesignerFlowNode) => flowNodeColor(node.data.node.type, node.data.node.settings);
const edgeTypes = { flow: DesignerEdge };
const gridSize = 16;
const reviewDelayMs = 300;
// Object and array props of <ReactFlow> are module constants: the canvas copies every prop whose identity
// changed into its store, one update each, and every update runs the selectors of all nodes, edges and
// handles (hundreds on a large flow) — a literal here cost two such rounds on every render (every drag
// frame), and a new key list re-registered the key listeners.
const snapGrid: [number, number] = [gridSize, gridSize];
const fitViewOptions = { padding: 0.15, maxZoom: 1.2 };
const multiSelectionKeyCode = ['Shift', 'Meta', 'Control'];
const proOptions = { hideAttribution: true };

/** `next`, or `previous` when both hold the same elements in the same order. */
function sameElements<T>(previous: T[], next: T[]): T[] {
  return previous.length === next.length && next.every((element, index) => element === previous[index]) ? previous : next;
}

export type FlowDesignerAllProps = FlowDesignerProps & {
  /** The live review (default: the engine's `reviewFlow`). */
  reviewer?: FlowReviewer;
};

/**
 * The studio's flow designer: palette, canvas, settings panel and live review. Controlled: every
 * edit calls `onChange` with a complete, schema-valid flow document.
 *
 * The host page must import `@xyflow/react/dist/style.css` once.
 */
export function FlowDesigner(props: FlowDesignerAllProps) {
  return (
    <ReactFlowProvider>
      <FlowDesignerCanvas {...props} />
    </ReactFlowProvider>
  );
}

function FlowDesignerCanvas({
  value,
  onChange,
  context,
  readOnly = false,
  height = '100%',
  reviewer = engineReviewer,
}: FlowDesignerAllProps) {
  const [history, dispatch] = useReducer(historyReducer<FlowDocument>, value, createHistory);
  const doc = history.present;
  const docRef = useRef(doc);
  docRef.current = doc;
  const emitted = useRef(value);
  const flowApi = useReactFlow<DesignerFlowNode, DesignerFlowEdge>();
  const [modal, modalHolder] = Modal.useModal();
  const [messageApi, messageHolder] = message.useMessage();
  const canvasRef = useRef<HTMLDivElement>(null);
  const clipboard = useRef<{ content: FlowClipboard; pastes: number } | undefined>(undefined);
  const pendingSelection = useRef<Set<string> | undefined>(undefined);
  const [snapToGrid, setSnapToGrid] = useState(true);

  // A new value from outside (another document loaded, saved version) replaces the history.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      dispatch({ type: 'reset', value });
    }
  }, [value]);
  // Every internal change (edit, undo, redo) is emitted once.
  useEffect(() => {
    if (doc !== emitted.current) {
      emitted.current = doc;
      onChange?.(doc);
    }
  }, [doc, onChange]);

  const commit = useCallback((next: FlowDocument, coalesceKey?: string) => {
    if (next === docRef.current) return;
    docRef.current = next;
    dispatch({ type: 'commit', value: next, coalesceKey, at: Date.now() });
  }, []);

  // Live review, debounced: the engine is pure, so it runs in the browser. The first review runs
  // right after the canvas is painted (not during the first render), so a large flow opens at once.
  const [problems, setProblems] = useState<ReviewProblem[]>([]);
  const [reviewPending, setReviewPending] = useState(true);
  const reviewed = useRef(false);
  useEffect(() => {
    setReviewPending(true);
    const run = () => {
      reviewed.current = true;
      setProblems(safeReview(reviewer, doc, context));
      setReviewPending(false);
    };
    if (reviewed.current) {
      const timer = setTimeout(run, reviewDelayMs);
      return () => clearTimeout(timer);
    }
    // First review: once the browser is idle after laying out and painting the canvas (at most 1 s later).
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(run, { timeout: 1000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }, [doc, context, reviewer]);
  const problemIndex = useMemo(() => indexProblems(problems), [problems]);

  const summary = useMemo(() => createSummaryCache(context), [context]);
  const [nodes, setNodes] = useState<DesignerFlowNode[]>(() => buildCanvasNodes([], { doc, problems: problemIndex, summary, readOnly }));
  const [edges, setEdges] = useState<DesignerFlowEdge[]>(() => buildCanvasEdges([], { doc, problems: problemIndex, context }));
  useEffect(() => {
    const select = pendingSelection.current;
    pendingSelection.current = undefined;
    // Unchanged lists keep their identity, so the canvas does not process every node again (on mount,
    // and when a review changes nothing).
    setNodes((previous) => sameElements(previous, buildCanvasNodes(previous, { doc, problems: problemIndex, summary, readOnly, select })));
    setEdges((previous) => sameElements(previous, buildCanvasEdges(previous, { doc, problems: problemIndex, context, select })));
  }, [doc, problemIndex, summary, readOnly, context]);

  const selectedNodeIds = useMemo(() => nodes.filter((node) => node.selected).map((node) => node.id), [nodes]);
  const selectedEdgeIds = useMemo(() => edges.filter((edge) => edge.selected).map((edge) => edge.id), [edges]);
  const selectionRef = useRef({ nodes: selectedNodeIds, edges: selectedEdgeIds });
  selectionRef.current = { nodes: selectedNodeIds, edges: selectedEdgeIds };

  const onNodesChange = useCallback((changes: NodeChange<DesignerFlowNode>[]) => {
    // Removal goes through `deleteSelection` (confirmation, reference clean-up).
    setNodes((current) =>
      applyNodeChanges(
        changes.filter((change) => change.type !== 'remove'),
        current,
      ),
    );
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<DesignerFlowEdge>[]) => {
    setEdges((current) =>
      applyEdgeChanges(
        changes.filter((change) => change.type !== 'remove'),
        current,
      ),
    );
  }, []);
  const onNodeDragStop: OnNodeDrag<DesignerFlowNode> = useCallback(
    (_event, _node, dragged) => commit(moveNodes(docRef.current, new Map(dragged.map((node) => [node.id, node.position])))),
    [commit],
  );
  const onConnect = useCallback(
    (connection: Connection) => commit(connect(docRef.current, connection.source, connection.target)),
    [commit],
  );
  const isValidConnection = useCallback(
    (connection: { source: string; target: string }) =>
      connectionRefusal(docRef.current, connection.source, connection.target) === undefined,
    [],
  );

  const addPreset = useCallback(
    (key: string, at?: XY) => {
      const entry = findPaletteEntry(key);
      if (!entry) return;
      const look = flowNodeLooks[entry.type];
      let position = at;
      if (!position) {
        const rect = canvasRef.current?.getBoundingClientRect();
        const centre = flowApi.screenToFlowPosition({
          x: (rect?.left ?? 0) + (rect?.width ?? 0) / 2,
          y: (rect?.top ?? 0) + (rect?.height ?? 0) / 2,
        });
        position = { x: centre.x - look.width / 2, y: centre.y - look.height / 2 };
      }
      if (snapToGrid) position = { x: Math.round(position.x / gridSize) * gridSize, y: Math.round(position.y / gridSize) * gridSize };
      const node = createNode({ type: entry.type, label: entry.preset.label, position, settings: entry.preset.settings });
      pendingSelection.current = new Set([node.id]);
      commit(addNode(docRef.current, node));
    },
    [commit, flowApi, snapToGrid],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (readOnly) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    },
    [readOnly],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      if (readOnly) return;
      event.preventDefault();
      const key = event.dataTransfer.getData(paletteDragType) || event.dataTransfer.getData('text/plain');
      const entry = findPaletteEntry(key);
      if (!entry) return;
      const look = flowNodeLooks[entry.type];
      const point = flowApi.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addPreset(key, { x: point.x - look.width / 2, y: point.y - look.height / 2 });
    },
    [addPreset, flowApi, readOnly],
  );

  const deleteSelection = useCallback(() => {
    const { nodes: nodeIds, edges: edgeIds } = selectionRef.current;
    if (readOnly || (nodeIds.length === 0 && edgeIds.length === 0)) return;
    const run = () => commit(removeElements(docRef.current, nodeIds, edgeIds));
    if (nodeIds.length + edgeIds.length > confirmDeleteAbove) {
      modal.confirm({
        title: '确认删除',
        content: `将删除所选的${nodeIds.length}个节点和${edgeIds.length}条连线（以及与这些节点相连的连线），可用 Ctrl+Z 撤销。`,
        okText: '删除',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: run,
      });
    } else run();
  }, [commit, modal, readOnly]);

  const copy = useCallback(() => {
    const content = copySelection(docRef.current, selectionRef.current.nodes);
    if (!content) return false;
    clipboard.current = { content, pastes: 0 };
    navigator.clipboard?.writeText(serializeClipboard(content)).catch(() => undefined);
    messageApi.success(`已复制${content.nodes.length}个节点`);
    return true;
  }, [messageApi]);

  const paste = useCallback(async () => {
    if (readOnly) return;
    let held = clipboard.current;
    if (!held) {
      // A copy made in another designer tab travels through the system clipboard.
      const text = await navigator.clipboard?.readText().catch(() => undefined);
      const content = text ? parseClipboard(text) : undefined;
      if (!content) return;
      held = clipboard.current = { content, pastes: 0 };
    }
    held.pastes += 1;
    const result = pasteClipboard(docRef.current, held.content, { x: 32 * held.pastes, y: 32 * held.pastes });
    pendingSelection.current = new Set([...result.nodeIds, ...result.edgeIds]);
    commit(result.doc);
  }, [commit, readOnly]);

  const autoLayout = useCallback(() => {
    commit(moveNodes(docRef.current, layoutPositions(docRef.current)));
    requestAnimationFrame(() => flowApi.fitView({ padding: 0.15, duration: 300 }));
  }, [commit, flowApi]);

  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const fit = useCallback(() => flowApi.fitView({ padding: 0.15, duration: 300 }), [flowApi]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (mod && key === 'z' && !event.shiftKey) return (handled(), readOnly || undo());
      if ((mod && key === 'z' && event.shiftKey) || (mod && key === 'y')) return (handled(), readOnly || redo());
      if (mod && key === 'c') return (handled(), copy());
      if (mod && key === 'x')
        return (
          handled(),
          readOnly || (copy() && commit(removeElements(docRef.current, selectionRef.current.nodes, selectionRef.current.edges)))
        );
      if (mod && key === 'v') return (handled(), void paste());
      if (mod && key === 'd') return (handled(), readOnly || (copy() && void paste()));
      if (mod && key === 'a') {
        handled();
        setNodes((current) => current.map((node) => (node.selected ? node : { ...node, selected: true })));
        setEdges((current) => current.map((edge) => (edge.selected ? edge : { ...edge, selected: true })));
        return;
      }
      if (mod && event.shiftKey && key === 'l') return (handled(), readOnly || autoLayout());
      if (event.shiftKey && (event.key === '!' || event.code === 'Digit1')) return (handled(), fit());
      if (event.key === 'Delete' || event.key === 'Backspace') return (handled(), deleteSelection());
      if (event.key === 'Escape') {
        setNodes((current) => current.map((node) => (node.selected ? { ...node, selected: false } : node)));
        setEdges((current) => current.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)));
      }
    },
    [autoLayout, commit, copy, deleteSelection, fit, paste, readOnly, redo, undo],
  );

  const focusProblem = useCallback(
    (problem: ReviewProblem) => {
      const targetNode = problem.nodeId ? docRef.current.nodes.find((node) => node.id === problem.nodeId) : undefined;
      const targetEdge = problem.edgeId ? docRef.current.edges.find((edge) => edge.id === problem.edgeId) : undefined;
      if (!targetNode && !targetEdge) return;
      setNodes((current) => current.map((node) => ({ ...node, selected: node.id === targetNode?.id })));
      setEdges((current) => current.map((edge) => ({ ...edge, selected: edge.id === targetEdge?.id })));
      const anchor = targetNode ?? docRef.current.nodes.find((node) => node.id === targetEdge!.source);
      if (anchor) {
        const look = flowNodeLooks[anchor.type];
        flowApi.setCenter(anchor.position.x + look.width / 2, anchor.position.y + look.height / 2, {
          zoom: Math.max(flowApi.getZoom(), 1),
          duration: 300,
        });
      }
      canvasRef.current?.focus({ preventScroll: true });
    },
    [flowApi],
  );

  const selectedNode =
    selectedNodeIds.length === 1 && selectedEdgeIds.length === 0 ? doc.nodes.find((node) => node.id === selectedNodeIds[0]) : undefined;
  const selectedEdge =
    selectedEdgeIds.length === 1 && selectedNodeIds.length === 0 ? doc.edges.find((edge) => edge.id === selectedEdgeIds[0]) : undefined;
  const selectionCount = selectedNodeIds.length + selectedEdgeIds.length;
  const canUndoNow = canUndo(history);
  const canRedoNow = canRedo(history);

  // memoised: the canvas re-renders on every drag frame, the toolbar only when what it shows changes
  const toolbar = useMemo(() => {
    const shortcutHelp = (
      <table style={{ fontSize: 12 }} data-testid="shortcut-help">
        <tbody>
          {flowDesignerShortcuts.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td style={{ paddingRight: 16, whiteSpace: 'nowrap' }}>
                <Typography.Text keyboard>{shortcut.keys}</Typography.Text>
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
    return (
      <div
        style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '6px 8px', borderBottom: '1px solid #f0f0f0', flexWrap: 'wrap' }}
      >
        <Space size={2}>
          <Tooltip title="撤销 (Ctrl+Z)">
            <Button size="small" icon={<UndoOutlined />} disabled={readOnly || !canUndoNow} onClick={undo} aria-label="撤销" />
          </Tooltip>
          <Tooltip title="重做 (Ctrl+Shift+Z / Ctrl+Y)">
            <Button size="small" icon={<RedoOutlined />} disabled={readOnly || !canRedoNow} onClick={redo} aria-label="重做" />
          </Tooltip>
          <Divider type="vertical" />
          <Tooltip title="复制 (Ctrl+C)">
            <Button size="small" icon={<CopyOutlined />} disabled={selectedNodeIds.length === 0} onClick={copy} aria-label="复制" />
          </Tooltip>
          <Tooltip title="粘贴 (Ctrl+V)">
            <Button size="small" icon={<SnippetsOutlined />} disabled={readOnly} onClick={() => void paste()} aria-label="粘贴" />
          </Tooltip>
          <Tooltip title="删除 (Delete)">
            <Button
              size="small"
              icon={<DeleteOutlined />}
              disabled={readOnly || selectionCount === 0}
              onClick={deleteSelection}
              aria-label="删除"
            />
          </Tooltip>
          <Divider type="vertical" />
          <Tooltip title="自动布局 (Ctrl+Shift+L)">
            <Button size="small" icon={<ApartmentOutlined />} disabled={readOnly} onClick={autoLayout}>
              自动布局
            </Button>
          </Tooltip>
          <Tooltip title="适应画布 (Shift+1)">
            <Button size="small" icon={<ExpandOutlined />} onClick={fit} aria-label="适应画布" />
          </Tooltip>
          <Space size={4} style={{ marginLeft: 8 }}>
            <Switch size="small" checked={snapToGrid} onChange={setSnapToGrid} aria-label="吸附网格" />
            <Typography.Text style={{ fontSize: 12 }}>吸附网格</Typography.Text>
          </Space>
          <Popover content={shortcutHelp} title="快捷键" trigger="click" placement="bottomLeft">
            <Button size="small" type="text" icon={<QuestionCircleOutlined />}>
              快捷键
            </Button>
          </Popover>
        </Space>
        <div style={{ flex: 1 }} />
        <Space size={8} data-testid="problem-counts">
          <Badge color="#ff4d4f" text={`错误 ${problemIndex.errors}`} />
          <Badge color="#fa8c16" text={`警告 ${problemIndex.warnings}`} />
          {selectionCount > 1 && <Typography.Text type="secondary">已选 {selectionCount} 项</Typography.Text>}
        </Space>
      </div>
    );
  }, [
    autoLayout,
    canRedoNow,
    canUndoNow,
    copy,
    deleteSelection,
    fit,
    paste,
    problemIndex,
    readOnly,
    redo,
    selectedNodeIds.length,
    selectionCount,
    snapToGrid,
    undo,
  ]);

  return (
    <div
      style={{ display: 'flex', flexDirection: 'column', height, minHeight: 480, border: '1px solid #f0f0f0', background: '#fff' }}
      data-testid="flow-designer"
    >
      {modalHolder}
      {messageHolder}
      {toolbar}
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {!readOnly && (
          <div style={{ width: 200, flex: 'none', borderRight: '1px solid #f0f0f0', overflowY: 'auto', background: '#fafafa' }}>
            <Palette onAdd={addPreset} />
          </div>
        )}
        <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <div
            ref={canvasRef}
            tabIndex={0}
            style={{ flex: 1, minHeight: 0, outline: 'none' }}
            onKeyDown={onKeyDown}
            onMouseDown={(event) => {
              if (!isTypingTarget(event.target)) canvasRef.current?.focus({ preventScroll: true });
            }}
            onDragOver={onDragOver}
            onDrop={onDrop}
            data-testid="flow-canvas"
          >
            <ReactFlow<DesignerFlowNode, DesignerFlowEdge>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStop={onNodeDragStop}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={multiSelectionKeyCode}
              selectionMode={SelectionMode.Partial}
              snapToGrid={snapToGrid}
              snapGrid={snapGrid}
              connectionLineType={ConnectionLineType.SmoothStep}
              fitView
              fitViewOptions={fitViewOptions}
              minZoom={0.1}
              maxZoom={2.5}
              proOptions={proOptions}
            >
              <Background variant={BackgroundVariant.Dots} gap={gridSize} size={1} color="#d9d9d9" />
              <MiniMap<DesignerFlowNode> pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={2} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </div>
          <div style={{ height: 150, flex: 'none', borderTop: '1px solid #f0f0f0', overflowY: 'auto' }}>
            <div
              style={{ padding: '4px 8px', fontSize: 12, fontWeight: 500, background: '#fafafa', position: 'sticky', top: 0, zIndex: 1 }}
            >
              问题（{problems.length}）{reviewPending && <Typography.Text type="secondary">检查中…</Typography.Text>}
            </div>
            <ProblemsPanel problems={problems} onFocus={focusProblem} pending={reviewPending} />
          </div>
        </div>
        <div
          style={{ width: 340, flex: 'none', borderLeft: '1px solid #f0f0f0', overflowY: 'auto', padding: 12 }}
          data-testid="settings-panel"
        >
          {selectedNode ? (
            <NodePanel
              key={selectedNode.id}
              node={selectedNode}
              flow={doc}
              context={context}
              readOnly={readOnly}
              problems={problemIndex.byNode.get(selectedNode.id) ?? noProblems}
              onFlowChange={commit}
            />
          ) : selectedEdge ? (
            <EdgePanel
              key={selectedEdge.id}
              edge={selectedEdge}
              flow={doc}
              context={context}
              readOnly={readOnly}
              problems={problemIndex.byEdge.get(selectedEdge.id) ?? noProblems}
              onFlowChange={commit}
            />
          ) : selectionCount > 1 ? (
            <Typography.Text type="secondary">
              已选择{selectedNodeIds.length}个节点、{selectedEdgeIds.length}条连线。可复制、删除或拖动。
            </Typography.Text>
          ) : (
            <FlowPanel flow={doc} readOnly={readOnly} onFlowChange={commit} />
          )}
        </div>
      </div>
    </div>
  );
}
