import { describe, expect, it } from 'vitest';
import { applyAction, availableActions, startCase } from '../../index.js';
import { buildFlow, calendar, chain, later, monday, role, step, xlApprover, xlApprover2, xlLeader, xlWindow } from '../../testing/fixtures.js';

const flow = buildFlow({
  nodes: [
    ['s', 'start'],
    ['accept', 'task', step(role('role-window'), { fieldPermissions: { opinion: 'edit' } }), '受理'],
    ['review', 'task', step(role('role-approver'), { returnTargets: ['accept'] }), '审查'],
    ['decide', 'task', step(role('role-leader'), { returnTargets: ['accept', 'review'] }), '决定'],
    ['end', 'end'],
  ],
  edges: chain('s', 'accept', 'review', 'decide', 'end'),
});

const start = () => startCase(flow, { now: monday, calendar, regionCode: '152502', actor: xlWindow, timeLimitDays: 10 });
const taskAt = (state: ReturnType<typeof start>['state'], nodeId: string) => state.tasks.find((task) => task.nodeId === nodeId)!;
const opts = (actor = xlWindow, days = 0) => ({ now: later(days), calendar, actor });

describe('task (办理环节)', () => {
  it('runs sequential steps to the approved end, with due dates, timers and history', () => {
    let { state, effects } = start();
    expect(state.tasks.map((task) => task.nodeId)).toEqual(['accept']);
    expect(state).toMatchObject({ version: 1, dueDate: '2026-06-15', yellowDate: '2026-06-12', redDate: '2026-06-16' });
    expect(taskAt(state, 'accept')).toMatchObject({ regionCode: '152502', dueDate: '2026-06-03', yellowDate: '2026-06-02', redDate: '2026-06-04' });
    expect(effects.filter((effect) => effect.type === 'timer.set').map((effect) => effect.type === 'timer.set' && effect.timer.id)).toEqual([
      'case:yellow',
      'case:red',
      'task-4:yellow',
      'task-4:red',
    ]);
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id, data: { opinion: '材料齐全' } }, opts()));
    expect(state.data).toEqual({ opinion: '材料齐全' });
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'review').id }, opts(xlApprover)));
    ({ state, effects } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'decide').id }, opts(xlLeader)));
    expect(state).toMatchObject({ status: 'concluded', outcome: 'approved', version: 4, tasks: [], tokens: [] });
    expect(effects).toContainEqual({ type: 'case.conclude', outcome: 'approved' });
    expect(effects).toContainEqual({ type: 'timer.cancel', timerId: 'case:red' });
  });

  it.each([
    ['someone without the role', xlApprover, 'not-assignee'],
    ['a window clerk at another centre', { ...xlWindow, userId: 'lg.window', regionCode: '152500' }, 'not-assignee'],
  ])('refuses %s', (_, actor, code) => {
    const { state } = start();
    expect(() => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id }, opts(actor))).toThrowError(expect.objectContaining({ code }));
  });

  it('refuses fields the step may not edit, stale versions and concluded cases', () => {
    const { state } = start();
    expect(() => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id, data: { fee: 1 } }, opts())).toThrowErrorMatchingInlineSnapshot(
      `[EngineError: 环节“受理”不能修改字段：fee]`,
    );
    expect(() => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id, expectedVersion: 7 }, opts())).toThrowErrorMatchingInlineSnapshot(
      `[EngineError: 办件已被他人更新（当前版本1，您看到的是版本7），请刷新后重试]`,
    );
    const rejected = applyAction(flow, state, { type: 'reject', taskId: taskAt(state, 'accept').id, reason: '不符合受理条件' }, opts()).state;
    expect(rejected).toMatchObject({ status: 'concluded', outcome: 'rejected' });
    expect(() => applyAction(flow, rejected, { type: 'cancel', reason: 'x' }, opts())).toThrow('办件已办结');
  });

  it('requires a reason to reject', () => {
    const { state } = start();
    expect(() => applyAction(flow, state, { type: 'reject', taskId: taskAt(state, 'accept').id, reason: '  ' }, opts())).toThrow('不予许可必须填写理由');
  });

  it('returns to an earlier step, assigned to its previous handler', () => {
    let { state } = start();
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id }, opts()));
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'review').id }, opts(xlApprover)));
    expect(() => applyAction(flow, state, { type: 'return', taskId: taskAt(state, 'decide').id, targetNodeId: 'end', reason: 'x' }, opts(xlLeader))).toThrow('不能退回');
    ({ state } = applyAction(flow, state, { type: 'return', taskId: taskAt(state, 'decide').id, targetNodeId: 'review', reason: '意见不完整' }, opts(xlLeader)));
    expect(taskAt(state, 'review')).toMatchObject({ assignedUserId: 'xl.approver' });
    expect(() => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'review').id }, opts(xlApprover2))).toThrow('不是待办');
  });

  it('transfers a task to another person', () => {
    let { state, effects } = start();
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id }, opts()));
    ({ state, effects } = applyAction(flow, state, { type: 'transfer', taskId: taskAt(state, 'review').id, toUserId: 'xl.approver2' }, opts(xlApprover)));
    expect(effects[0]).toMatchObject({ type: 'task.reassign', toUserId: 'xl.approver2' });
    expect(() => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'review').id }, opts(xlApprover))).toThrow('不是待办');
    expect(applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'review').id }, opts(xlApprover2)).state.tasks[0]?.nodeId).toBe('decide');
  });

  it('lets the previous handler withdraw until the next step acts', () => {
    let { state } = start();
    const acceptTask = taskAt(state, 'accept');
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: acceptTask.id, data: { opinion: '同意' } }, opts()));
    expect(availableActions(flow, state, xlWindow)).toEqual([{ type: 'withdraw', nodeId: 'accept', label: '撤回“受理”' }]);
    expect(() => applyAction(flow, state, { type: 'withdraw', nodeId: 'accept' }, opts(xlApprover))).toThrow('只能由办理人');
    const withdrawn = applyAction(flow, state, { type: 'withdraw', nodeId: 'accept' }, opts()).state;
    expect(withdrawn.tasks).toEqual([expect.objectContaining({ id: acceptTask.id, nodeId: 'accept', assignedUserId: 'xl.window', dueDate: acceptTask.dueDate })]);
    expect(withdrawn.data).toEqual({});
    // Once the next handler acts, withdrawal is gone.
    const acted = applyAction(flow, state, { type: 'transfer', taskId: taskAt(state, 'review').id, toUserId: 'xl.approver2' }, opts(xlApprover)).state;
    expect(() => applyAction(flow, acted, { type: 'withdraw', nodeId: 'accept' }, opts())).toThrow('不能撤回');
  });

  it('stops the clock for 补正 and moves the due dates when the materials are received', () => {
    let { state, effects } = start();
    ({ state, effects } = applyAction(flow, state, { type: 'supplement', taskId: taskAt(state, 'accept').id, reason: '缺少经营场所证明' }, opts(xlWindow, 1)));
    expect(effects.map((effect) => effect.type)).toEqual(['timer.cancel', 'timer.cancel', 'timer.cancel', 'timer.cancel', 'task.pause', 'history', 'notify']);
    expect(() => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id }, opts())).toThrow('请先恢复计时');
    // The step's own 恢复计时 is shown disabled: the clock restarts when the materials are recorded.
    expect(availableActions(flow, state, xlWindow).map((action) => [action.type, action.disabledReason])).toEqual([['resume', expect.stringContaining('补正完成')]]);
    expect(() => applyAction(flow, state, { type: 'resume', taskId: taskAt(state, 'accept').id }, opts(xlWindow, 4))).toThrow('补正材料由受理窗口');
    // Paused Tuesday 06-02, materials received Friday 06-05: 06-03..06-05 do not count.
    ({ state } = applyAction(flow, state, { type: 'supplement-received', taskId: taskAt(state, 'accept').id }, opts(xlWindow, 4)));
    expect(state.pauses).toEqual([expect.objectContaining({ kind: 'supplement', from: '2026-06-02', to: '2026-06-05' })]);
    expect(taskAt(state, 'accept').dueDate).toBe('2026-06-08');
    expect(state.dueDate).toBe('2026-06-18');
  });

  it('records 补正完成 from the window on a step whose handler asked for the supplement', () => {
    let { state } = start();
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id }, opts()));
    const reviewId = taskAt(state, 'review').id;
    ({ state } = applyAction(flow, state, { type: 'transfer', taskId: reviewId, toUserId: 'xl.approver2' }, opts(xlApprover)));
    // Not paused yet: nothing to complete.
    expect(() => applyAction(flow, state, { type: 'supplement-received', taskId: reviewId }, opts())).toThrowErrorMatchingInlineSnapshot(`[EngineError: 待办“审查”不在补正中，不能登记补正完成]`);
    ({ state } = applyAction(flow, state, { type: 'supplement', taskId: reviewId, reason: '缺少章程' }, opts(xlApprover2, 1)));
    // A special procedure is not a supplement.
    const suspended = applyAction(flow, applyAction(flow, state, { type: 'supplement-received', taskId: reviewId }, opts(xlWindow, 2)).state, { type: 'suspend', taskId: reviewId, procedure: '专家评审', reason: '论证' }, opts(xlApprover2, 2)).state;
    expect(() => applyAction(flow, suspended, { type: 'supplement-received', taskId: reviewId }, opts())).toThrow('不在补正中');
    const { state: resumed, effects } = applyAction(flow, state, { type: 'supplement-received', taskId: reviewId, comment: '收到章程' }, opts(xlWindow, 4));
    expect(taskAt(resumed, 'review')).toMatchObject({ assignedUserId: 'xl.approver2' });
    expect(taskAt(resumed, 'review').pausedBy).toBeUndefined();
    expect(resumed.pauses).toEqual([expect.objectContaining({ kind: 'supplement', from: '2026-06-02', to: '2026-06-05' })]);
    expect(effects).toContainEqual(expect.objectContaining({ type: 'history', record: expect.objectContaining({ action: 'supplement-end', actorId: xlWindow.userId, comment: '收到章程' }) }));
    expect(effects).toContainEqual({ type: 'notify', to: { kind: 'user', userId: 'xl.approver2' }, message: '补正材料已收齐，请继续办理：审查' });
    expect(availableActions(flow, resumed, xlApprover2).map((action) => action.type)).toContain('approve');
  });

  it('suspends for a special procedure', () => {
    let { state, effects } = start();
    ({ state, effects } = applyAction(flow, state, { type: 'suspend', taskId: taskAt(state, 'accept').id, procedure: '专家评审', reason: '需专家论证' }, opts()));
    expect(effects).toContainEqual(expect.objectContaining({ type: 'history', record: expect.objectContaining({ stage: '特别程序申请' }) }));
    expect(state.pauses[0]).toMatchObject({ kind: 'special-procedure', procedure: '专家评审' });
    ({ state, effects } = applyAction(flow, state, { type: 'resume', taskId: taskAt(state, 'accept').id }, opts()));
    expect(effects).toContainEqual(expect.objectContaining({ type: 'history', record: expect.objectContaining({ stage: '特别程序结果' }) }));
  });

  it('escalates a step ad hoc to the higher centre and hands the result back', () => {
    let { state } = start();
    ({ state } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id }, opts()));
    ({ state } = applyAction(flow, state, { type: 'escalate', taskId: taskAt(state, 'review').id, reason: '疑难，报请上级' }, opts(xlApprover)));
    expect(taskAt(state, 'review')).toMatchObject({ regionCode: '152500', escalated: true });
    const lgApprover = { ...xlApprover, userId: 'lg.approver', regionCode: '152500' };
    expect(() => applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'review').id }, opts(xlApprover))).toThrow('不是待办');
    const { state: after, effects } = applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'review').id }, opts(lgApprover));
    expect(after.escalation).toBeUndefined();
    expect(taskAt(after, 'decide').regionCode).toBe('152502');
    expect(effects).toContainEqual(expect.objectContaining({ type: 'history', record: expect.objectContaining({ stage: '结果下发' }) }));
  });

  it('lets the applicant withdraw the application (cancel)', () => {
    const { state, effects } = applyAction(flow, start().state, { type: 'cancel', reason: '申请人主动撤回' }, opts());
    expect(state).toMatchObject({ status: 'concluded', outcome: 'withdrawn' });
    expect(effects).toContainEqual(expect.objectContaining({ type: 'task.close', reason: 'cancelled' }));
  });

  it('is pure: the input state is never modified', () => {
    const { state } = start();
    const copy = structuredClone(state);
    applyAction(flow, state, { type: 'approve', taskId: taskAt(state, 'accept').id, data: { opinion: 'x' } }, opts());
    expect(state).toEqual(copy);
  });
});
