import { describe, expect, it } from 'vitest';
import { applyAction, availableActions, startCase, type CaseState } from '../../index.js';
import { buildFlow, calendar, chain, later, monday, role, step, xlWindow } from '../../testing/fixtures.js';

const flow = buildFlow({
  nodes: [
    ['s', 'start'],
    ['decide', 'task', step(role('role-window')), '决定'],
    ['fee', 'fee-gate', { timeLimitDays: 5 }, '收费'],
    ['print', 'print-gate', { timeLimitDays: 1 }, '制证'],
    ['end', 'end'],
  ],
  edges: chain('s', 'decide', 'fee', 'print', 'end'),
});
const opts = { now: later(0), calendar, actor: xlWindow };
const atGate = (feePaid = false): CaseState => {
  const { state } = startCase(flow, { now: monday, calendar, regionCode: '152502', feePaid });
  return applyAction(flow, state, { type: 'approve', taskId: state.tasks[0]!.id }, opts).state;
};

describe('fee gate and print gate', () => {
  it('refuses completion until the fee is paid', () => {
    const state = atGate();
    expect(state.tasks.map((task) => task.nodeId)).toEqual(['fee']);
    expect(availableActions(flow, state, xlWindow)).toContainEqual(expect.objectContaining({ type: 'approve', disabledReason: '尚未登记缴费' }));
    expect(() => applyAction(flow, state, { type: 'approve', taskId: state.tasks[0]!.id }, opts)).toThrowErrorMatchingInlineSnapshot(`[EngineError: 尚未登记缴费，不能通过收费环节]`);
  });

  it('recording the payment releases the gate; recording the print releases the next', () => {
    let state = atGate();
    state = applyAction(flow, state, { type: 'record-payment', receiptNo: 'NO.001' }, opts).state;
    expect(state.tasks.map((task) => task.nodeId)).toEqual(['print']);
    expect(() => applyAction(flow, state, { type: 'record-payment' }, opts)).toThrow('无需重复登记');
    expect(() => applyAction(flow, state, { type: 'approve', taskId: state.tasks[0]!.id }, opts)).toThrow('证照尚未打印');
    state = applyAction(flow, state, { type: 'record-print', certificateNo: 'XL-2026-1' }, opts).state;
    expect(state.outcome).toBe('approved');
  });

  it('a fee paid before the gate lets it pass automatically', () => {
    const state = atGate(true);
    expect(state.tasks.map((task) => task.nodeId)).toEqual(['print']);
  });

  it('approving after the fact is recorded elsewhere passes the gate', () => {
    const { state } = startCase(flow, { now: monday, calendar, regionCode: '152502' });
    const paid = applyAction(flow, state, { type: 'record-payment' }, opts).state;
    expect(paid.facts.feePaid).toBe(true);
    const next = applyAction(flow, paid, { type: 'approve', taskId: paid.tasks[0]!.id }, opts).state;
    expect(next.tasks.map((task) => task.nodeId)).toEqual(['print']);
  });
});
