import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@xlgl/schema';
import { applyAction, availableActions, engineNodeType, reviewFlow, startCase, type Actor, type AvailableAction, type CaseAction, type CaseState } from '../index.js';
import { buildFlow, calendar, monday, type EdgeSpec, type NodeSpec } from '../testing/fixtures.js';

// ---- random block-structured (hence sound) flows ----------------------------------------------

type Block =
  | { kind: 'task' }
  | { kind: 'countersign'; rule: 'all' | 'any' | 'ratio' }
  | { kind: 'gate'; type: 'fee-gate' | 'print-gate' }
  | { kind: 'pause'; type: 'supplement' | 'special-procedure' }
  | { kind: 'seq'; items: Block[] }
  | { kind: 'par'; branches: Block[] }
  | { kind: 'xor'; branches: Block[] }
  | { kind: 'loop'; body: Block };

const { block } = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'block' },
    fc.constant<Block>({ kind: 'task' }),
    fc.constantFrom<Block>({ kind: 'countersign', rule: 'all' }, { kind: 'countersign', rule: 'any' }, { kind: 'countersign', rule: 'ratio' }),
    fc.constantFrom<Block>({ kind: 'gate', type: 'fee-gate' }, { kind: 'gate', type: 'print-gate' }, { kind: 'pause', type: 'supplement' }, { kind: 'pause', type: 'special-procedure' }),
    fc.array(tie('block'), { minLength: 2, maxLength: 3 }).map((items): Block => ({ kind: 'seq', items })),
    fc.array(tie('block'), { minLength: 2, maxLength: 3 }).map((branches): Block => ({ kind: 'par', branches })),
    fc.array(tie('block'), { minLength: 2, maxLength: 3 }).map((branches): Block => ({ kind: 'xor', branches })),
    tie('block').map((body): Block => ({ kind: 'loop', body })),
  ),
}));

const assignee = { by: 'role', roleIds: ['role-x'], postIds: [], departmentIds: [], userIds: [], scope: 'same-centre' };
const allActions = ['approve', 'reject', 'return', 'transfer', 'supplement', 'suspend', 'escalate', 'withdraw'];
const signers = ['u1', 'u2', 'u3'].map((key) => ({ key, assignee: { ...assignee, by: 'users', roleIds: [], userIds: [key] } }));

function toFlow(body: Block): FlowDocument {
  const nodes: NodeSpec[] = [];
  const edges: EdgeSpec[] = [];
  let count = 0;
  const node = (type: NodeSpec[1], settings: Record<string, unknown> = {}) => {
    const id = `n${++count}`;
    nodes.push([id, type, settings, `${type}-${count}`]);
    return id;
  };
  const taskSettings = () => ({ assignee, timeLimitDays: 2, actions: allActions, returnTargets: ['accept'], fieldPermissions: { route: 'edit', again: 'edit' } });
  type Piece = { entry: string; exit: string; exitEdge?: { isDefault: true } };
  const connect = (from: Piece, to: string) => edges.push([from.exit, to, from.exitEdge ? { ...from.exitEdge, id: `d${++count}` } : { id: `e${++count}` }]);
  const build = (b: Block): Piece => {
    switch (b.kind) {
      case 'task': {
        const id = node('task', taskSettings());
        return { entry: id, exit: id };
      }
      case 'countersign': {
        const id = node('countersign', { signers, completion: b.rule === 'ratio' ? { rule: 'ratio', ratio: 0.5 } : { rule: b.rule }, timeLimitDays: 2, actions: ['approve', 'reject', 'transfer'] });
        return { entry: id, exit: id };
      }
      case 'gate': {
        const id = node(b.type, { assignee, timeLimitDays: 1 });
        return { entry: id, exit: id };
      }
      case 'pause': {
        const id = node(b.type, { assignee });
        return { entry: id, exit: id };
      }
      case 'seq': {
        const pieces = b.items.map(build);
        pieces.slice(1).forEach((piece, i) => connect(pieces[i]!, piece.entry));
        return { entry: pieces[0]!.entry, exit: pieces.at(-1)!.exit, exitEdge: pieces.at(-1)!.exitEdge };
      }
      case 'par': {
        const split = node('parallel-split');
        const pieces = b.branches.map(build);
        const join = node('parallel-join');
        const branches = pieces.map((piece, i) => {
          const edgeId = `${split}-b${i}`;
          edges.push([split, piece.entry, { id: edgeId }]);
          connect(piece, join);
          return { edgeId, departmentId: `dept-${i}` };
        });
        nodes[nodes.findIndex(([id]) => id === split)] = [split, 'parallel-split', { branches, leadDepartmentId: 'dept-0' }, '并联'];
        return { entry: split, exit: join };
      }
      case 'xor': {
        const condition = node('condition');
        const pieces = b.branches.map(build);
        const merge = node('merge');
        pieces.forEach((piece, i) => {
          const last = i === pieces.length - 1;
          edges.push([condition, piece.entry, last ? { id: `x${++count}`, isDefault: true } : { id: `x${++count}`, condition: { op: 'eq', left: { op: 'field', field: 'route' }, right: { op: 'literal', value: i } } }]);
          connect(piece, merge);
        });
        return { entry: condition, exit: merge };
      }
      case 'loop': {
        const merge = node('merge');
        const piece = build(b.body);
        // The step before the loop's exit decides (writes `again`) on every pass.
        const check = node('task', { ...taskSettings(), returnTargets: [] });
        const condition = node('condition');
        edges.push([merge, piece.entry, { id: `l${++count}` }]);
        connect(piece, check);
        edges.push([check, condition, { id: `c${++count}` }]);
        edges.push([condition, merge, { id: `back${++count}`, condition: { op: 'eq', left: { op: 'field', field: 'again' }, right: { op: 'literal', value: true } } }]);
        return { entry: merge, exit: condition, exitEdge: { isDefault: true } };
      }
    }
  };
  nodes.push(['s', 'start', {}, '开始'], ['accept', 'task', { ...taskSettings(), returnTargets: [] }, '受理'], ['end', 'end', {}, '办结']);
  edges.push(['s', 'accept', { id: 'e-start' }]);
  const piece = build(body);
  edges.push(['accept', piece.entry, { id: 'e-body' }]);
  connect(piece, 'end');
  return buildFlow({ nodes, edges });
}

// ---- actors and random actions ----------------------------------------------------------------

const at = (userId: string, regionCode = '152502'): Actor => ({ userId, roleIds: ['role-x', 'role-window'], organizationIds: ['org'], regionCode });
const actors: Actor[] = [at('a'), at('b'), at('u1'), at('u2'), at('u3'), at('league', '152500')];

function toAction(flow: FlowDocument, option: AvailableAction, actor: Actor, pick: number, progressOnly: boolean): CaseAction {
  const { type, taskId, nodeId } = option;
  switch (type) {
    case 'approve':
      if (flow.nodes.find((node) => node.id === nodeId)?.type !== 'task') return { type, taskId: taskId! };
      return { type, taskId: taskId!, data: { route: pick % 3, again: !progressOnly && pick % 4 === 0 } };
    case 'return':
      return { type, taskId: taskId!, targetNodeId: option.targets![pick % option.targets!.length]!.nodeId, reason: '退回补充' };
    case 'transfer':
      return { type, taskId: taskId!, toUserId: actor.userId === 'a' ? 'b' : 'a' };
    case 'withdraw':
      return { type, nodeId: nodeId! };
    case 'reject':
    case 'supplement':
    case 'escalate':
      return { type, taskId: taskId!, reason: '理由' };
    case 'suspend':
      return { type, taskId: taskId!, procedure: '专家评审', reason: '理由' };
    case 'resume':
    case 'supplement-received':
      return { type, taskId: taskId! };
    case 'record-payment':
    case 'record-print':
      return { type };
    case 'cancel':
      return { type, reason: '撤回' };
  }
}

/** The invariants a sound case state keeps: what the review's soundness means at run time. */
function assertSoundState(flow: FlowDocument, state: CaseState): void {
  if (state.status === 'concluded') {
    expect(state.tokens).toEqual([]);
    expect(state.tasks).toEqual([]);
    return;
  }
  expect(state.tokens.length).toBeGreaterThan(0);
  const seen = new Set<string>();
  for (const token of state.tokens) {
    const node = flow.nodes.find((entry) => entry.id === token.nodeId)!;
    const key = `${token.nodeId}|${token.frames.map((frame) => `${frame.splitInstanceId}/${frame.edgeId}`).join(',')}`;
    expect(seen.has(key), `duplicate activation at ${token.nodeId}`).toBe(false);
    seen.add(key);
    for (const frame of token.frames) expect(state.splits.some((split) => split.id === frame.splitInstanceId)).toBe(true);
    if (node.type === 'parallel-join') {
      const instance = state.splits.find((split) => split.id === token.frames.at(-1)?.splitInstanceId)!;
      expect(instance).toBeDefined();
      expect(state.tokens.filter((other) => other.nodeId === node.id && other.frames.at(-1)?.splitInstanceId === instance.id).length).toBeLessThan(instance.branchCount);
    } else {
      // Tokens rest only where a person has work: every one of them has an open task (no deadlock).
      expect(['human', 'gate', 'pause']).toContain(engineNodeType(node.type).category);
      expect(state.tasks.some((task) => task.tokenId === token.id), `token at ${node.id} without a task`).toBe(true);
    }
  }
  for (const task of state.tasks) expect(state.tokens.some((token) => token.id === task.tokenId)).toBe(true);
  for (const split of state.splits) expect(state.tokens.some((token) => token.frames.some((frame) => frame.splitInstanceId === split.id))).toBe(true);
}

function options(flow: FlowDocument, state: CaseState, progressOnly: boolean) {
  const progress = new Set(['approve', 'resume', 'supplement-received', 'record-payment', 'record-print']);
  const handlers = actors.flatMap((actor) =>
    availableActions(flow, state, actor)
      .filter((option) => !option.disabledReason && (!progressOnly || progress.has(option.type)))
      .map((option) => ({ actor, option })),
  );
  // 补正 on a step ends when the accepting window records the materials (not an action of the step's handler).
  const received = state.tasks
    .filter((task) => state.pauses.some((pause) => pause.id === task.pausedBy && pause.kind === 'supplement'))
    .filter((task) => engineNodeType(flow.nodes.find((node) => node.id === task.nodeId)!.type).category !== 'pause')
    .map((task) => ({ actor: actors[0]!, option: { type: 'supplement-received', taskId: task.id, nodeId: task.nodeId, label: '补正完成' } as AvailableAction }));
  return [...handlers, ...received];
}

describe('engine properties (fast-check)', () => {
  it('random block-structured flows pass the review and always reach an end under random valid actions, never in an unsound state', () => {
    fc.assert(
      fc.property(block, fc.array(fc.nat({ max: 1_000 }), { minLength: 40, maxLength: 40 }), (body, picks) => {
        const flow = toFlow(body);
        expect(reviewFlow(flow).filter((problem) => problem.severity === 'error')).toEqual([]);
        let { state } = startCase(flow, { now: monday, calendar, regionCode: '152502', timeLimitDays: 20 });
        assertSoundState(flow, state);
        let time = new Date(monday).getTime();
        for (let step = 0; step < 400 && state.status === 'running'; step += 1) {
          const progressOnly = step >= picks.length;
          const pick = picks[step % picks.length]!;
          let choices = options(flow, state, progressOnly);
          // Prefer progress two times in three so random runs do not just bounce around.
          if (!progressOnly && pick % 3 !== 0) {
            const approvals = choices.filter(({ option }) => option.type === 'approve');
            if (approvals.length > 0) choices = approvals;
          }
          expect(choices.length, `no action possible in a running case: ${JSON.stringify(state.tokens)}`).toBeGreaterThan(0);
          const { actor, option } = choices[(pick + step) % choices.length]!;
          time += 3_600_000;
          const result = applyAction(flow, state, toAction(flow, option, actor, pick + step, progressOnly), { now: new Date(time), calendar, actor });
          expect(result.state.version).toBe(state.version + 1);
          state = result.state;
          assertSoundState(flow, state);
        }
        expect(state.status).toBe('concluded');
      }),
      { numRuns: 150 },
    );
  });
});

describe('review completeness against the engine (fast-check)', () => {
  it('a flow with a swapped join kind is either refused by the review or runs soundly', () => {
    let refused = 0;
    fc.assert(
      fc.property(block, fc.nat(), fc.array(fc.nat({ max: 1_000 }), { minLength: 30, maxLength: 30 }), (body, which, picks) => {
        const sound = toFlow(body);
        const joins = sound.nodes.filter((node) => node.type === 'merge' || node.type === 'parallel-join');
        if (joins.length === 0) return;
        const target = joins[which % joins.length]!;
        const flow: FlowDocument = {
          ...sound,
          nodes: sound.nodes.map((node) => (node.id === target.id ? { ...node, type: node.type === 'merge' ? 'parallel-join' : 'merge', settings: {} } : node)),
        };
        if (reviewFlow(flow).some((problem) => problem.severity === 'error')) {
          refused += 1;
          return;
        }
        let { state } = startCase(flow, { now: monday, calendar, regionCode: '152502' });
        let time = new Date(monday).getTime();
        for (let step = 0; step < 300 && state.status === 'running'; step += 1) {
          const progressOnly = step >= picks.length;
          const pick = picks[step % picks.length]!;
          const choices = options(flow, state, progressOnly);
          expect(choices.length).toBeGreaterThan(0);
          const { actor, option } = choices[(pick + step) % choices.length]!;
          time += 3_600_000;
          state = applyAction(flow, state, toAction(flow, option, actor, pick + step, progressOnly), { now: new Date(time), calendar, actor }).state;
          assertSoundState(flow, state);
        }
        expect(state.status).toBe('concluded');
      }),
      { numRuns: 80 },
    );
    // The mutation almost always breaks soundness; the review must have noticed.
    expect(refused).toBeGreaterThan(25);
  });
});
