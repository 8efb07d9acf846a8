import { describe, expect, it } from 'vitest';
import { reviewFlow, reviewRuleCatalogue, type Problem, type ReviewContext } from '../index.js';
import { buildFlow, chain, department, role, step, type EdgeSpec, type NodeSpec } from '../testing/fixtures.js';
import type { DirectoryUser } from '../assignee/assignee.js';

const win = () => step(role('role-window'));
const S: NodeSpec = ['s', 'start'];
const E: NodeSpec = ['end', 'end'];

/** A sound flow with a parallel block, a condition with a loop back, gates and escalation. */
const soundNodes: NodeSpec[] = [
  S,
  ['accept', 'task', step(role('role-window'), { fieldPermissions: { area: 'edit' } }), '受理'],
  ['m', 'merge', {}, '汇合'],
  ['split', 'parallel-split', { branches: [{ edgeId: 'br1', departmentId: 'org-a' }, { edgeId: 'br2', departmentId: 'org-b' }], leadDepartmentId: 'org-a' }, '并联'],
  ['a1', 'task', step(department('org-a')), 'A审查'],
  ['b1', 'task', step(department('org-b'), { returnTargets: ['accept'] }), 'B审查'],
  ['join', 'parallel-join', {}, '并联汇合'],
  ['c', 'condition', {}, '是否通过'],
  ['fix', 'task', win(), '整改'],
  ['fee', 'fee-gate', { timeLimitDays: 1 }, '收费'],
  ['print', 'print-gate', { timeLimitDays: 1 }, '制证'],
  E,
];
const soundEdges: EdgeSpec[] = [
  ['s', 'accept'],
  ['accept', 'm'],
  ['m', 'split'],
  ['split', 'a1', { id: 'br1' }],
  ['split', 'b1', { id: 'br2' }],
  ['a1', 'join'],
  ['b1', 'join'],
  ['join', 'c'],
  ['c', 'fix', { id: 'c-fix', condition: { op: 'gt', left: { op: 'field', field: 'area' }, right: { op: 'literal', value: 500 } } }],
  ['c', 'fee', { id: 'c-ok', isDefault: true }],
  ['fix', 'm'],
  ['fee', 'print'],
  ['print', 'end'],
];

const context: ReviewContext = {
  form: { fields: [{ id: 'area', type: 'number', label: '面积' }, { id: 'name', type: 'text' }] },
  item: { regionCode: '152502', timeLimit: { statutory: 20, promised: 10 }, charges: true, issuesCertificate: true },
};

const errors = (problems: Problem[]) => problems.filter((problem) => problem.severity === 'error');
const ids = (problems: Problem[]) => problems.map((problem) => problem.ruleId);

describe('reviewFlow', () => {
  it('accepts a sound flow (only warnings about steps that allow a return without targets)', () => {
    const problems = reviewFlow(buildFlow({ nodes: soundNodes, edges: soundEdges }), context);
    expect(errors(problems)).toEqual([]);
    expect(new Set(ids(problems))).toEqual(new Set(['flow.return-target']));
  });

  it('every rule in the catalogue has a broken-flow test below', () => {
    const tested = new Set(cases.map(([ruleId]) => ruleId));
    expect(Object.keys(reviewRuleCatalogue).filter((ruleId) => !tested.has(ruleId))).toEqual([]);
  });

  type Case = [ruleId: string, nodes: NodeSpec[], edges: EdgeSpec[], marks: { nodeId?: string; edgeId?: string }, context?: ReviewContext];
  const cases: Case[] = [
    ['flow.node-settings', [S, ['a', 'task', { timeLimitDays: -1 }], E], chain('s', 'a', 'end'), { nodeId: 'a' }],
    ['flow.edge-endpoint', [S, E], [['s', 'end'], ['s', 'ghost', { id: 'bad' }]], { edgeId: 'bad' }],
    ['flow.single-start', [S, ['s2', 'start'], ['m', 'merge'], E], [['s', 'm'], ['s2', 'm'], ['m', 'end']], { nodeId: 's2' }],
    ['flow.start-incoming', [S, ['a', 'task', win()], ['c', 'condition'], E], [['s', 'a'], ['a', 'c'], ['c', 's', { condition: { op: 'literal', value: true } }], ['c', 'end', { isDefault: true }]], { nodeId: 's' }],
    ['flow.has-end', [S, ['a', 'task', win()]], chain('s', 'a'), {}],
    ['flow.end-outgoing', [S, E, ['a', 'task', win()], ['end2', 'end']], [['s', 'end'], ['end', 'a'], ['a', 'end2']], { nodeId: 'end' }],
    ['flow.node-isolated', [S, ['lonely', 'task', win()], E], chain('s', 'end'), { nodeId: 'lonely' }],
    ['flow.reachable', [S, ['orphan', 'task', win()], E], [['s', 'end'], ['orphan', 'end']], { nodeId: 'orphan' }],
    ['flow.can-reach-end', [S, ['c', 'condition'], ['stuck', 'task', win()], E], [['s', 'c'], ['c', 'stuck', { condition: { op: 'literal', value: true } }], ['c', 'end', { isDefault: true }]], { nodeId: 'stuck' }],
    ['flow.no-implicit-split', [S, ['a', 'task', win()], ['b', 'task', win()], ['c', 'task', win()], ['j', 'parallel-join'], E], [['s', 'a'], ['a', 'b'], ['a', 'c'], ['b', 'j'], ['c', 'j'], ['j', 'end']], { nodeId: 'a' }],
    ['flow.no-fake-join', [S, ['c', 'condition'], ['a', 'task', win()], ['b', 'task', win()], E], [['s', 'c'], ['c', 'a', { isDefault: true }], ['c', 'b', { condition: { op: 'literal', value: true } }], ['a', 'end'], ['b', 'end']], { nodeId: 'end' }],
    ['flow.parallel-unclosed', [S, ['p', 'parallel-split', { branches: [{ edgeId: 'x', departmentId: 'd' }, { edgeId: 'y', departmentId: 'e' }], leadDepartmentId: 'd' }], ['a', 'task', win()], ['b', 'task', win()], E, ['end2', 'end']], [['s', 'p'], ['p', 'a', { id: 'x' }], ['p', 'b', { id: 'y' }], ['a', 'end'], ['b', 'end2']], { nodeId: 'p' }],
    ['flow.xor-split-and-join', [S, ['c', 'condition'], ['a', 'task', win()], ['b', 'task', win()], ['j', 'parallel-join'], E], [['s', 'c'], ['c', 'a', { isDefault: true }], ['c', 'b', { condition: { op: 'literal', value: true } }], ['a', 'j'], ['b', 'j'], ['j', 'end']], { nodeId: 'c' }],
    ['flow.and-split-xor-join', [S, ['p', 'parallel-split', { branches: [{ edgeId: 'x', departmentId: 'd' }, { edgeId: 'y', departmentId: 'e' }], leadDepartmentId: 'd' }], ['a', 'task', win()], ['b', 'task', win()], ['m', 'merge'], E], [['s', 'p'], ['p', 'a', { id: 'x' }], ['p', 'b', { id: 'y' }], ['a', 'm'], ['b', 'm'], ['m', 'end']], { nodeId: 'p' }],
    ['flow.join-unmatched', [S, ['c', 'condition'], ['a', 'task', win()], ['b', 'task', win()], ['j', 'parallel-join'], E], [['s', 'c'], ['c', 'a', { isDefault: true }], ['c', 'b', { condition: { op: 'literal', value: true } }], ['a', 'j'], ['b', 'j'], ['j', 'end']], { nodeId: 'j' }],
    ['flow.condition-missing', [S, ['c', 'condition'], E, ['end2', 'end']], [['s', 'c'], ['c', 'end', { isDefault: true }], ['c', 'end2', { id: 'nocond' }]], { nodeId: 'c', edgeId: 'nocond' }],
    ['flow.condition-default', [S, ['c', 'condition'], E, ['end2', 'end']], [['s', 'c'], ['c', 'end', { condition: { op: 'literal', value: true } }], ['c', 'end2', { condition: { op: 'literal', value: false } }]], { nodeId: 'c' }],
    ['flow.condition-field-unknown', [S, ['c', 'condition'], E, ['end2', 'end']], [['s', 'c'], ['c', 'end', { isDefault: true }], ['c', 'end2', { id: 'q', condition: { op: 'eq', left: { op: 'field', field: 'nope' }, right: { op: 'literal', value: 1 } } }]], { nodeId: 'c', edgeId: 'q' }, context],
    ['flow.condition-type-mismatch', [S, ['c', 'condition'], E, ['end2', 'end']], [['s', 'c'], ['c', 'end', { isDefault: true }], ['c', 'end2', { id: 'q', condition: { op: 'gt', left: { op: 'field', field: 'name' }, right: { op: 'literal', value: 1 } } }]], { nodeId: 'c', edgeId: 'q' }, context],
    ['flow.condition-outside-gateway', [S, ['a', 'task', win()], E], [['s', 'a'], ['a', 'end', { id: 'q', condition: { op: 'literal', value: true } }]], { edgeId: 'q' }],
    ['flow.gateway-mixed', [S, ['c', 'condition'], ['a', 'task', win()], ['b', 'task', win()], ['x', 'condition'], E, ['end2', 'end']], [['s', 'c'], ['c', 'a', { isDefault: true }], ['c', 'b', { condition: { op: 'literal', value: true } }], ['a', 'x'], ['b', 'x'], ['x', 'end', { isDefault: true }], ['x', 'end2', { condition: { op: 'literal', value: true } }]], { nodeId: 'x' }],
    ['flow.gateway-superfluous', [S, ['m', 'merge'], E], chain('s', 'm', 'end'), { nodeId: 'm' }],
    ['flow.return-target', [S, ['a', 'task', win()], ['b', 'task', step(role('role-window'), { returnTargets: ['c'] })], ['c', 'task', win()], E], chain('s', 'a', 'b', 'c', 'end'), { nodeId: 'b' }],
    ['flow.parallel-departments', [S, ['p', 'parallel-split', { branches: [], leadDepartmentId: 'd' }], ['a', 'task', win()], ['b', 'task', win()], ['j', 'parallel-join'], E], [['s', 'p'], ['p', 'a'], ['p', 'b'], ['a', 'j'], ['b', 'j'], ['j', 'end']], { nodeId: 'p' }],
    ['flow.parallel-lead', [S, ['p', 'parallel-split', { branches: [{ edgeId: 'x', departmentId: 'd' }, { edgeId: 'y', departmentId: 'e' }], leadDepartmentId: 'other' }], ['a', 'task', win()], ['b', 'task', win()], ['j', 'parallel-join'], E], [['s', 'p'], ['p', 'a', { id: 'x' }], ['p', 'b', { id: 'y' }], ['a', 'j'], ['b', 'j'], ['j', 'end']], { nodeId: 'p' }],
    ['flow.countersign-signers', [S, ['cs', 'countersign', { signers: [], timeLimitDays: 2 }], E], chain('s', 'cs', 'end'), { nodeId: 'cs' }],
    ['flow.countersign-rule', [S, ['cs', 'countersign', { signers: [{ key: 'u1', assignee: role('role-approver') }], completion: { rule: 'ratio', ratio: 1.5 }, timeLimitDays: 2 }], E], chain('s', 'cs', 'end'), { nodeId: 'cs' }],
    ['flow.assignee-missing', [S, ['a', 'task', { timeLimitDays: 1 }], E], chain('s', 'a', 'end'), { nodeId: 'a' }],
    ['flow.assignee-unresolved', [S, ['a', 'task', step(role('role-leader'))], E], chain('s', 'a', 'end'), { nodeId: 'a' }, { item: { regionCode: '152502' }, users: [{ userId: 'u', roleIds: ['role-window'], organizationIds: [], regionCode: '152502', active: true }] satisfies DirectoryUser[] }],
    ['flow.field-permission-unknown', [S, ['a', 'task', step(role('role-window'), { fieldPermissions: { ghost: 'edit' } })], E], chain('s', 'a', 'end'), { nodeId: 'a' }, context],
    ['flow.time-limit-missing', [S, ['a', 'task', { assignee: role('role-window') }], E], chain('s', 'a', 'end'), { nodeId: 'a' }],
    ['flow.time-limit-item', [S, E], chain('s', 'end'), {}, { item: { timeLimit: { statutory: 5, promised: 8 } } }],
    ['flow.time-limit-promised', [S, ['a', 'task', step(role('role-window'), { timeLimitDays: 4 })], ['b', 'task', step(role('role-window'), { timeLimitDays: 4 })], E], chain('s', 'a', 'b', 'end'), { nodeId: 'b' }, { item: { timeLimit: { statutory: 10, promised: 6 } } }],
    ['flow.time-limit-statutory', [S, ['a', 'task', step(role('role-window'), { timeLimitDays: 8 })], ['b', 'task', step(role('role-window'), { timeLimitDays: 4 })], E], chain('s', 'a', 'b', 'end'), { nodeId: 'b' }, { item: { timeLimit: { statutory: 10, promised: 6 } } }],
    ['flow.clock-stop-unmarked', [S, ['a', 'task', win(), '专家评审'], E], chain('s', 'a', 'end'), { nodeId: 'a' }],
    ['flow.escalate-target', [S, ['up', 'escalate', { targetOrganizationId: 'org-xl-scjgj' }], ['down', 'hand-back'], E], chain('s', 'up', 'down', 'end'), { nodeId: 'up' }, { item: { regionCode: '152502' }, organizations: [{ id: 'org-xl-scjgj', name: '锡林浩特市市场监督管理局', type: 'department', regionCode: '152502' }] }],
    ['flow.escalate-hand-back', [S, ['up', 'escalate'], ['a', 'task', step(role('role-approver', 'higher-centre'))], E], chain('s', 'up', 'a', 'end'), { nodeId: 'up' }],
    ['flow.escalate-scope', [S, ['up', 'escalate'], ['a', 'task', win()], ['down', 'hand-back'], E], chain('s', 'up', 'a', 'down', 'end'), { nodeId: 'a' }],
    ['flow.hand-back-without-escalate', [S, ['down', 'hand-back'], E], chain('s', 'down', 'end'), { nodeId: 'down' }],
    ['flow.fee-gate-missing', [S, ['a', 'task', win()], E], chain('s', 'a', 'end'), { nodeId: 'end' }, { item: { charges: true } }],
    ['flow.print-gate-missing', [S, ['c', 'condition'], ['print', 'print-gate'], E], [['s', 'c'], ['c', 'print', { isDefault: true }], ['c', 'end', { condition: { op: 'literal', value: true } }], ['print', 'end']], { nodeId: 'end' }, { item: { issuesCertificate: true } }],
    ['flow.fee-gate-unneeded', [S, ['fee', 'fee-gate', { timeLimitDays: 1 }], E], chain('s', 'fee', 'end'), { nodeId: 'fee' }, { item: { charges: false } }],
    ['flow.print-gate-unneeded', [S, ['print', 'print-gate', { timeLimitDays: 1 }], E], chain('s', 'print', 'end'), { nodeId: 'print' }, { item: { issuesCertificate: false } }],
    ['flow.field-unwritten', [S, ['c0', 'condition'], ['w', 'task', step(role('role-window'), { fieldPermissions: { area: 'edit' } })], ['skip', 'task', win()], ['m', 'merge'], ['c', 'condition'], E, ['end2', 'end']], [['s', 'c0'], ['c0', 'w', { isDefault: true }], ['c0', 'skip', { condition: { op: 'literal', value: true } }], ['w', 'm'], ['skip', 'm'], ['m', 'c'], ['c', 'end', { isDefault: true }], ['c', 'end2', { id: 'reads', condition: { op: 'gt', left: { op: 'field', field: 'area' }, right: { op: 'literal', value: 1 } } }]], { nodeId: 'c', edgeId: 'reads' }],
    ['flow.deadlock', [S, ['c', 'condition'], ['a', 'task', win()], ['b', 'task', win()], ['j', 'parallel-join'], E], [['s', 'c'], ['c', 'a', { isDefault: true }], ['c', 'b', { condition: { op: 'literal', value: true } }], ['a', 'j'], ['b', 'j'], ['j', 'end']], { nodeId: 'j' }],
    ['flow.leftover-activation', [S, ['p', 'parallel-split', { branches: [{ edgeId: 'x', departmentId: 'd' }, { edgeId: 'y', departmentId: 'e' }], leadDepartmentId: 'd' }], ['a', 'task', win()], ['b', 'task', win()], E, ['end2', 'end']], [['s', 'p'], ['p', 'a', { id: 'x' }], ['p', 'b', { id: 'y' }], ['a', 'end'], ['b', 'end2']], {}],
    ['flow.duplicate-activation', [S, ['p', 'parallel-split', { branches: [{ edgeId: 'x', departmentId: 'd' }, { edgeId: 'y', departmentId: 'e' }], leadDepartmentId: 'd' }], ['a', 'task', win()], ['b', 'task', win()], ['m', 'merge'], ['after', 'task', win()], E], [['s', 'p'], ['p', 'a', { id: 'x' }], ['p', 'b', { id: 'y' }], ['a', 'm'], ['b', 'm'], ['m', 'after'], ['after', 'end']], {}],
    ['flow.dead-step', [S, ['c', 'condition'], ['a', 'task', win()], ['b', 'task', win()], ['j', 'parallel-join'], ['after', 'task', win(), '后续'], E], [['s', 'c'], ['c', 'a', { isDefault: true }], ['c', 'b', { condition: { op: 'literal', value: true } }], ['a', 'j'], ['b', 'j'], ['j', 'after'], ['after', 'end']], { nodeId: 'after' }],
    ['flow.state-space-limit', soundNodes, soundEdges, {}, { maxStates: 3 }],
    ['flow.migration-mapping', [S, ['a2', 'task', win()], E], chain('s', 'a2', 'end'), {}, { migration: { previous: buildFlow({ nodes: [S, ['a', 'task', win(), '旧审查'], E], edges: chain('s', 'a', 'end') }) } }],
  ];

  it.each(cases)('%s: reports the broken flow on the right node/edge', (ruleId, nodes, edges, marks, ctx) => {
    const flow = buildFlow({ nodes: nodes as NodeSpec[], edges: edges as EdgeSpec[], unchecked: ruleId === 'flow.node-settings' });
    const problems = reviewFlow(flow, ctx ?? {});
    const found = problems.filter((problem) => problem.ruleId === ruleId);
    expect(found, JSON.stringify(problems, null, 1)).not.toEqual([]);
    const expectedSeverity = reviewRuleCatalogue[ruleId as keyof typeof reviewRuleCatalogue].severity;
    expect(found.some((problem) => problem.severity === expectedSeverity)).toBe(true);
    if (marks.nodeId) expect(found.map((problem) => problem.nodeId)).toContain(marks.nodeId);
    if (marks.edgeId) expect(found.map((problem) => problem.edgeId)).toContain(marks.edgeId);
    for (const problem of found) expect(problem.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names a broken setting in words, not by its key', () => {
    const flow = buildFlow({ nodes: [S, ['a', 'task', { timeLimitDays: -1 }, '审查'], E], edges: chain('s', 'a', 'end'), unchecked: true });
    const problem = reviewFlow(flow).find((entry) => entry.ruleId === 'flow.node-settings')!;
    expect(problem.message).toMatch(/^节点“审查”的设置有误：办理时限：/);
    expect(problem.message).not.toContain('timeLimitDays');
  });

  it('reports a deadlock with the path that leads there', () => {
    const [, nodes, edges] = cases.find(([id]) => id === 'flow.deadlock')!;
    const deadlock = reviewFlow(buildFlow({ nodes, edges })).find((problem) => problem.ruleId === 'flow.deadlock')!;
    expect(deadlock.path?.map((step) => step.nodeId)).toEqual(['s', 'c', 'a', 'j']);
    expect(deadlock.message).toMatchInlineSnapshot(`"可能出现死锁：办件停在“j”无法继续：s → c → a → j"`);
  });

  it('reports a leftover activation with its path', () => {
    const [, nodes, edges] = cases.find(([id]) => id === 'flow.leftover-activation')!;
    const leftover = reviewFlow(buildFlow({ nodes, edges })).find((problem) => problem.ruleId === 'flow.leftover-activation')!;
    expect(leftover.path?.map((step) => step.nodeId)).toEqual(['s', 'p', 'a', 'b', 'end', 'end2']);
    expect(leftover.message).toBe('到达“end”办结时，“end2”仍在进行中：s → p → a → b → end');
  });

  it('does not report a sound flow as dead or deadlocked even with a loop', () => {
    expect(ids(errors(reviewFlow(buildFlow({ nodes: soundNodes, edges: soundEdges }))))).toEqual([]);
  });

  it('explores wide parallel blocks without running out of states (5 branches × 12 steps)', () => {
    const branches = [0, 1, 2, 3, 4];
    const steps = (b: number) => Array.from({ length: 12 }, (_, i) => `b${b}s${i}`);
    const nodes: NodeSpec[] = [
      S,
      ['p', 'parallel-split', { branches: branches.map((b) => ({ edgeId: `to${b}`, departmentId: `d${b}` })), leadDepartmentId: 'd0' }],
      ...branches.flatMap((b) => steps(b).map((id): NodeSpec => [id, 'task', win()])),
      ['j', 'parallel-join'],
      E,
    ];
    const edges: EdgeSpec[] = [
      ['s', 'p'],
      ...branches.flatMap((b): EdgeSpec[] => [['p', `b${b}s0`, { id: `to${b}` }], ...chain(...steps(b), 'j')]),
      ['j', 'end'],
    ];
    const started = performance.now();
    expect(errors(reviewFlow(buildFlow({ nodes, edges }), { maxStates: 2_000 }))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('accepts explicit and same-id migration mappings', () => {
    const previous = buildFlow({ nodes: [S, ['a', 'task', win()], ['b', 'task', win()], E], edges: chain('s', 'a', 'b', 'end') });
    const next = buildFlow({ nodes: [S, ['a', 'task', win()], ['b2', 'task', win()], E], edges: chain('s', 'a', 'b2', 'end') });
    expect(ids(errors(reviewFlow(next, { migration: { previous, activeNodeIds: ['a'] } })))).toEqual([]);
    expect(ids(errors(reviewFlow(next, { migration: { previous } })))).toEqual(['flow.migration-mapping']);
    expect(ids(errors(reviewFlow(next, { migration: { previous, mapping: { b: 'b2' } } })))).toEqual([]);
    expect(errors(reviewFlow(next, { migration: { previous, mapping: { b: 'end' } } }))[0]?.message).toBe('旧版本“b”只能映射到办理环节，“end”不能停留办件');
  });
});
