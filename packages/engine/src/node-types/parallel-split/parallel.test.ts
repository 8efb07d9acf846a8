import { describe, expect, it } from 'vitest';
import { applyAction, availableActions, reviewFlow, startCase, type CaseState } from '../../index.js';
import { buildFlow, calendar, chain, department, later, monday, role, step, xlWindow, type EdgeSpec } from '../../testing/fixtures.js';

const branches = ['scjgj', 'swj', 'rsj'] as const;
const flow = buildFlow({
  nodes: [
    ['s', 'start'],
    ['accept', 'task', step(role('role-window')), '受理'],
    [
      'split',
      'parallel-split',
      { branches: branches.map((id) => ({ edgeId: `to-${id}`, departmentId: `org-xl-${id}` })), leadDepartmentId: 'org-xl-scjgj' },
      '并联审批',
    ],
    ...branches.flatMap((id) => [
      [`${id}-review`, 'task', step(department(`org-xl-${id}`)), `${id}审查`] as const,
      [`${id}-decide`, 'task', step(department(`org-xl-${id}`), { returnTargets: [`${id}-review`, 'accept'] }), `${id}决定`] as const,
    ]),
    ['join', 'parallel-join', {}, '并联汇合'],
    ['deliver', 'task', step(role('role-window')), '送达'],
    ['end', 'end'],
  ],
  edges: [
    ...chain('s', 'accept', 'split'),
    ...branches.flatMap((id): EdgeSpec[] => [
      ['split', `${id}-review`, { id: `to-${id}` }],
      ...chain(`${id}-review`, `${id}-decide`, 'join'),
    ]),
    ...chain('join', 'deliver', 'end'),
  ],
});

const member = (id: string) => ({ userId: `u-${id}`, roleIds: ['role-approver'], organizationIds: [`org-xl-${id}`, 'org-xl-centre'], regionCode: '152502' });
const opts = (actor = xlWindow) => ({ now: later(0), calendar, actor });
const taskAt = (state: CaseState, nodeId: string) => state.tasks.find((task) => task.nodeId === nodeId)!;
const approve = (state: CaseState, nodeId: string, actor = member(nodeId.split('-')[0]!)) => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, nodeId).id }, opts(actor));

function intoParallel(): CaseState {
  const { state } = startCase(flow, { now: monday, calendar, regionCode: '152502', actor: xlWindow });
  return approve(state, 'accept', xlWindow).state;
}

describe('parallel split / join (并联)', () => {
  it('passes the review', () => {
    expect(reviewFlow(flow).filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('opens one branch per department and joins exactly once', () => {
    let state = intoParallel();
    expect(state.tasks.map((task) => task.nodeId).sort()).toEqual(['rsj-review', 'scjgj-review', 'swj-review']);
    expect(state.splits).toHaveLength(1);
    for (const id of branches) {
      state = approve(state, `${id}-review`).state;
    }
    state = approve(state, 'scjgj-decide').state;
    state = approve(state, 'swj-decide').state;
    expect(state.tokens.filter((token) => token.nodeId === 'join')).toHaveLength(2);
    expect(state.tasks.some((task) => task.nodeId === 'deliver')).toBe(false);
    const { state: joined, effects } = approve(state, 'rsj-decide');
    expect(joined.tasks.map((task) => task.nodeId)).toEqual(['deliver']);
    expect(joined.splits).toEqual([]);
    expect(effects.filter((effect) => effect.type === 'history' && effect.record.action === 'parallel-join')).toHaveLength(1);
    expect(approve(joined, 'deliver', xlWindow).state).toMatchObject({ status: 'concluded', outcome: 'approved' });
  });

  it('returns within a branch without touching the other branches', () => {
    let state = intoParallel();
    state = approve(state, 'swj-review').state;
    state = approve(state, 'scjgj-review').state;
    state = applyAction(flow, state, { type: 'return', taskId: taskAt(state, 'scjgj-decide').id, targetNodeId: 'scjgj-review', reason: '补充意见' }, opts(member('scjgj'))).state;
    expect(state.tasks.map((task) => task.nodeId).sort()).toEqual(['rsj-review', 'scjgj-review', 'swj-decide']);
    expect(state.tokens.find((token) => token.nodeId === 'scjgj-review')!.frames).toHaveLength(1);
  });

  it('returning before the split collapses the whole block', () => {
    let state = intoParallel();
    state = approve(state, 'swj-review').state;
    state = approve(state, 'swj-decide').state;
    state = approve(state, 'scjgj-review').state;
    const { state: collapsed, effects } = applyAction(
      flow,
      state,
      { type: 'return', taskId: taskAt(state, 'scjgj-decide').id, targetNodeId: 'accept', reason: '申请材料有误' },
      opts(member('scjgj')),
    );
    expect(collapsed.tasks.map((task) => task.nodeId)).toEqual(['accept']);
    expect(collapsed.tokens).toHaveLength(1);
    expect(collapsed.splits).toEqual([]);
    expect(effects.filter((effect) => effect.type === 'task.close').map((effect) => effect.type === 'task.close' && effect.reason).sort()).toEqual([
      'cancelled',
      'returned',
    ]);
    // Going through the block again still joins exactly once.
    let again = approve(collapsed, 'accept', xlWindow).state;
    for (const id of branches) again = approve(approve(again, `${id}-review`).state, `${id}-decide`).state;
    expect(again.tasks.map((task) => task.nodeId)).toEqual(['deliver']);
  });

  it('the accepting clerk can withdraw into the block until a branch acts', () => {
    const { state: started } = startCase(flow, { now: monday, calendar, regionCode: '152502', actor: xlWindow });
    const split = approve(started, 'accept', xlWindow).state;
    const back = applyAction(flow, split, { type: 'withdraw', nodeId: 'accept' }, opts()).state;
    expect(back.tasks.map((task) => task.nodeId)).toEqual(['accept']);
    expect(back.tokens).toHaveLength(1);
    expect(back.splits).toEqual([]);
    const acted = approve(split, 'swj-review').state;
    expect(() => applyAction(flow, acted, { type: 'withdraw', nodeId: 'accept' }, opts())).toThrow('不能撤回');
  });

  it('offers only return targets in the same or an enclosing block', () => {
    let state = intoParallel();
    state = approve(state, 'rsj-review').state;
    const offered = availableActions(flow, state, member('rsj')).find((action) => action.type === 'return');
    expect(offered?.targets?.map((target) => target.nodeId)).toEqual(['rsj-review', 'accept']);
  });
});
