import { describe, expect, it } from 'vitest';
import { applyAction, availableActions, startCase } from '../../index.js';
import { buildFlow, calendar, chain, later, monday, role, step, xlWindow } from '../../testing/fixtures.js';

describe.each([
  ['supplement', '补正', '补齐补正告知', '补齐补正受理'],
  ['special-procedure', '专家评审', '特别程序申请', '特别程序结果'],
] as const)('%s node', (type, label, startStage, endStage) => {
  const flow = buildFlow({
    nodes: [['s', 'start'], ['pause', type, {}, label], ['review', 'task', step(role('role-window'), { timeLimitDays: 3 })], ['end', 'end']],
    edges: chain('s', 'pause', 'review', 'end'),
  });

  it('stops the case clock while waiting and restarts it on completion', () => {
    const started = startCase(flow, { now: monday, calendar, regionCode: '152502', timeLimitDays: 5 });
    expect(started.state.pauses).toEqual([expect.objectContaining({ kind: type, from: '2026-06-01' })]);
    expect(started.effects).toContainEqual(expect.objectContaining({ type: 'history', record: expect.objectContaining({ stage: startStage }) }));
    expect(availableActions(flow, started.state, xlWindow).map((action) => action.type)).toEqual(['approve', 'reject']);
    // Monday → Thursday: 06-02..06-04 are paused.
    const { state, effects } = applyAction(flow, started.state, { type: 'approve', taskId: started.state.tasks[0]!.id }, { now: later(3), calendar, actor: xlWindow });
    expect(state.pauses[0]).toMatchObject({ from: '2026-06-01', to: '2026-06-04' });
    expect(state.dueDate).toBe('2026-06-11');
    expect(state.tasks[0]).toMatchObject({ nodeId: 'review', openedDate: '2026-06-04', dueDate: '2026-06-09' });
    expect(effects).toContainEqual(expect.objectContaining({ type: 'history', record: expect.objectContaining({ stage: endStage }) }));
  });
});
