import { describe, expect, it } from 'vitest';
import { applyAction, availableActions, startCase, type CaseState } from '../../index.js';
import { buildFlow, calendar, chain, later, monday, xlWindow } from '../../testing/fixtures.js';

const signer = (key: string) => ({ key, label: key, assignee: { by: 'users', userIds: [key], roleIds: [], postIds: [], departmentIds: [], scope: 'same-centre' } });
const flowWith = (completion: Record<string, unknown>) =>
  buildFlow({
    nodes: [
      ['s', 'start'],
      ['sign', 'countersign', { signers: ['u1', 'u2', 'u3', 'u4'].map(signer), completion, timeLimitDays: 3 }, '会签'],
      ['end', 'end'],
    ],
    edges: chain('s', 'sign', 'end'),
  });
const actor = (userId: string) => ({ userId, roleIds: [], organizationIds: [], regionCode: '152502' });

function run(completion: Record<string, unknown>, votes: Array<[string, 'approve' | 'reject']>): CaseState {
  const flow = flowWith(completion);
  let { state } = startCase(flow, { now: monday, calendar, regionCode: '152502', actor: xlWindow });
  for (const [userId, vote] of votes) {
    const task = state.tasks.find((entry) => entry.assignedUserId === userId)!;
    const action = vote === 'approve' ? { type: 'approve' as const, taskId: task.id } : { type: 'reject' as const, taskId: task.id, reason: '不同意' };
    state = applyAction(flow, state, action, { now: later(0), calendar, actor: actor(userId) }).state;
  }
  return state;
}

describe('countersign (会签)', () => {
  it('opens one task per signer', () => {
    const state = run({ rule: 'all' }, []);
    expect(state.tasks.map((task) => task.assignedUserId)).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(availableActions(flowWith({ rule: 'all' }), state, actor('u2')).map((action) => action.label)).toEqual(['同意', '不同意', '转办']);
  });

  it.each([
    ['all: every signer approves', { rule: 'all' }, [['u1', 'approve'], ['u2', 'approve'], ['u3', 'approve'], ['u4', 'approve']], 'approved', 0],
    ['all: three of four is still open', { rule: 'all' }, [['u1', 'approve'], ['u2', 'approve'], ['u3', 'approve']], undefined, 1],
    ['all: one rejection fails it', { rule: 'all' }, [['u1', 'approve'], ['u2', 'reject']], 'rejected', 0],
    ['any: one approval completes and cancels the rest', { rule: 'any' }, [['u3', 'approve']], 'approved', 0],
    ['any: fails only when everyone rejects', { rule: 'any' }, [['u1', 'reject'], ['u2', 'reject'], ['u3', 'reject']], undefined, 1],
    ['any: all reject', { rule: 'any' }, [['u1', 'reject'], ['u2', 'reject'], ['u3', 'reject'], ['u4', 'reject']], 'rejected', 0],
    ['ratio 0.5: two approvals', { rule: 'ratio', ratio: 0.5 }, [['u1', 'approve'], ['u2', 'reject'], ['u3', 'approve']], 'approved', 0],
    ['ratio 0.75: two rejections make it impossible', { rule: 'ratio', ratio: 0.75 }, [['u1', 'reject'], ['u2', 'reject']], 'rejected', 0],
    ['ratio 0.75: one rejection still possible', { rule: 'ratio', ratio: 0.75 }, [['u1', 'reject'], ['u2', 'approve']], undefined, 2],
  ] as const)('%s', (_, completion, votes, outcome, open) => {
    const state = run(completion, votes as unknown as Array<[string, 'approve' | 'reject']>);
    expect(state.outcome).toBe(outcome);
    expect(state.tasks).toHaveLength(open);
  });
});
