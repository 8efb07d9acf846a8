// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flowDocument } from '@xlgl/schema';
import { connect, connectionRefusal, createNode, earlierHumanSteps, emptyFlow, moveNodes, removeElements, updateEdge } from './documentOps.js';
import { sampleFlow } from './fixtures.js';
import { layoutPositions } from './layout.js';

describe('document operations', () => {
  it('creates nodes with generated ids, never from labels', () => {
    const node = createNode({ type: 'task', label: '审核', position: { x: 10.4, y: 20.6 } });
    expect(node.id).toMatch(/^nd_[0-9a-z]{12}$/);
    expect(node.position).toEqual({ x: 10, y: 21 });
    expect(node.settings).toEqual({ actions: ['approve', 'reject', 'return', 'transfer'], returnTargets: [], fieldPermissions: {} });
  });

  it('refuses connections out of an end, into a start, to itself and duplicates', () => {
    expect(connectionRefusal(sampleFlow, 'n-end', 'n-accept')).toBe('“办结”是结束节点，不能再连出');
    expect(connectionRefusal(sampleFlow, 'n-accept', 'n-start')).toBe('“申请”是开始节点，不能连入');
    expect(connectionRefusal(sampleFlow, 'n-accept', 'n-accept')).toBe('不能连接到节点自身');
    expect(connectionRefusal(sampleFlow, 'n-start', 'n-accept')).toBe('这两个节点之间已有连线');
    expect(connect(sampleFlow, 'n-end', 'n-accept')).toBe(sampleFlow);
  });

  it('makes the first edge out of a condition its default, and keeps one default', () => {
    const condition = createNode({ type: 'condition', label: '条件', position: { x: 0, y: 0 } });
    let doc = { ...sampleFlow, nodes: [...sampleFlow.nodes, condition] };
    doc = connect(doc, condition.id, 'n-fee');
    doc = connect(doc, condition.id, 'n-print');
    const [first, second] = doc.edges.filter((edge) => edge.source === condition.id);
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBeUndefined();
    doc = updateEdge(doc, second.id, { isDefault: true });
    expect(doc.edges.filter((edge) => edge.source === condition.id && edge.isDefault).map((edge) => edge.id)).toEqual([second.id]);
    expect('isDefault' in doc.edges.find((edge) => edge.id === first.id)!).toBe(false);
  });

  it('removes a node with its edges and the settings that pointed at them', () => {
    const doc = removeElements(sampleFlow, ['n-accept', 'n-review-c']);
    expect(doc.nodes.some((node) => node.id === 'n-accept')).toBe(false);
    expect(doc.edges.some((edge) => [edge.source, edge.target].includes('n-accept'))).toBe(false);
    expect(doc.nodes.find((node) => node.id === 'n-review-a')!.settings.returnTargets).toEqual([]);
    const split = doc.nodes.find((node) => node.id === 'n-split')!;
    expect((split.settings.branches as Array<{ edgeId: string }>).map((branch) => branch.edgeId)).toEqual(['e-split-a', 'e-split-b']);
    expect(flowDocument.safeParse(doc).success).toBe(true);
  });

  it('moves only changed nodes and lays out left to right', () => {
    expect(moveNodes(sampleFlow, new Map([['n-start', { x: 0, y: 160 }]]))).toBe(sampleFlow);
    const positions = layoutPositions(sampleFlow);
    expect(positions.size).toBe(sampleFlow.nodes.length);
    expect(positions.get('n-start')!.x).toBeLessThan(positions.get('n-accept')!.x);
    expect(positions.get('n-join')!.x).toBeLessThan(positions.get('n-end')!.x);
    const ys = new Set(['n-review-a', 'n-review-b', 'n-review-c'].map((id) => positions.get(id)!.y));
    expect(ys.size).toBe(3);
  });

  it('lists earlier human steps as return targets', () => {
    expect(earlierHumanSteps(sampleFlow, 'n-approve').map((node) => node.id).sort()).toEqual(['n-accept', 'n-review-a', 'n-review-b', 'n-review-c']);
    expect(earlierHumanSteps(sampleFlow, 'n-accept')).toEqual([]);
  });

  it('starts a new flow that passes the schema', () => {
    expect(flowDocument.safeParse(emptyFlow({ id: 'flow-x', name: '新流程' })).success).toBe(true);
  });
});
