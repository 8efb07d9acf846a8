import { describe, expect, it } from 'vitest';
import { applyAction, startCase } from '../../index.js';
import { buildFlow, calendar, chain, later, lgApprover, monday, role, step, xlApprover, xlWindow } from '../../testing/fixtures.js';

const flow = buildFlow({
  nodes: [
    ['s', 'start'],
    ['accept', 'task', step(role('role-window')), '受理'],
    ['pre', 'task', step(role('role-approver')), '初审'],
    ['up', 'escalate', {}, '上报'],
    ['decide', 'task', step(role('role-approver', 'higher-centre')), '盟级审批'],
    ['down', 'hand-back', {}, '结果下发'],
    ['deliver', 'task', step(role('role-window')), '送达'],
    ['end', 'end'],
  ],
  edges: chain('s', 'accept', 'pre', 'up', 'decide', 'down', 'deliver', 'end'),
});

describe('escalate (上报) and hand-back (下发)', () => {
  it('moves the case to the league centre and the result back to the accepting window', () => {
    let { state } = startCase(flow, { now: monday, calendar, regionCode: '152502' });
    const act = (actor: typeof xlWindow) => {
      const result = applyAction(flow, state, { type: 'approve', taskId: state.tasks[0]!.id }, { now: later(0), calendar, actor });
      state = result.state;
      return result.effects;
    };
    act(xlWindow);
    const effects = act(xlApprover);
    expect(state.escalation).toMatchObject({ nodeId: 'up', regionCode: '152500' });
    expect(state.tasks[0]).toMatchObject({ nodeId: 'decide', regionCode: '152500' });
    expect(effects).toContainEqual({ type: 'notify', to: { kind: 'roles', roleIds: ['role-window'], regionCode: '152500' }, message: '下级中心上报了一个办件，请及时办理' });
    expect(() => act(xlApprover)).toThrow('不是待办');
    const down = act(lgApprover);
    expect(state.escalation).toBeUndefined();
    expect(state.tasks[0]).toMatchObject({ nodeId: 'deliver', regionCode: '152502' });
    expect(down).toContainEqual(expect.objectContaining({ type: 'history', record: expect.objectContaining({ stage: '结果下发' }) }));
    act(xlWindow);
    expect(state.outcome).toBe('approved');
  });

  it('cannot escalate from the league centre itself beyond the region tree', () => {
    const flowTop = buildFlow({ nodes: [['s', 'start'], ['up', 'escalate'], ['end', 'end']], edges: chain('s', 'up', 'end') });
    expect(() => startCase(flowTop, { now: monday, calendar, regionCode: '150000' })).toThrow('无法上报');
  });
});
