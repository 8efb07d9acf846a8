import { describe, expect, it } from 'vitest';
import { startCase, applyAction } from '../../index.js';
import { buildFlow, calendar, chain, later, monday, role, step, xlWindow } from '../../testing/fixtures.js';

describe('parallel join', () => {
  it('passes through when it has a single incoming edge outside a block', () => {
    const flow = buildFlow({
      nodes: [['s', 'start'], ['a', 'task', step(role('role-window'))], ['j', 'parallel-join'], ['end', 'end']],
      edges: chain('s', 'a', 'j', 'end'),
    });
    const { state } = startCase(flow, { now: monday, calendar, regionCode: '152502' });
    const done = applyAction(flow, state, { type: 'approve', taskId: state.tasks[0]!.id }, { now: later(0), calendar, actor: xlWindow }).state;
    expect(done.outcome).toBe('approved');
  });

  it('waits for ever when reached by an exclusive path (the deadlock the review reports)', () => {
    const flow = buildFlow({
      nodes: [
        ['s', 'start'],
        ['c', 'condition'],
        ['a', 'task', step(role('role-window'))],
        ['b', 'task', step(role('role-window'))],
        ['j', 'parallel-join'],
        ['end', 'end'],
      ],
      edges: [['s', 'c'], ['c', 'a', { isDefault: true }], ['c', 'b', { condition: { op: 'literal', value: false } }], ['a', 'j'], ['b', 'j'], ['j', 'end']],
    });
    const { state } = startCase(flow, { now: monday, calendar, regionCode: '152502' });
    const stuck = applyAction(flow, state, { type: 'approve', taskId: state.tasks[0]!.id }, { now: later(0), calendar, actor: xlWindow }).state;
    expect(stuck).toMatchObject({ status: 'running', tasks: [] });
    expect(stuck.tokens.map((token) => token.nodeId)).toEqual(['j']);
  });
});
