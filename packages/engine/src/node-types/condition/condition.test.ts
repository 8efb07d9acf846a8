import { describe, expect, it } from 'vitest';
import { applyAction, startCase } from '../../index.js';
import { buildFlow, calendar, later, monday, role, step, xlWindow } from '../../testing/fixtures.js';
import { checkExpressionTypes } from './expression-types.js';

const flow = buildFlow({
  nodes: [
    ['s', 'start'],
    ['accept', 'task', step(role('role-window'), { fieldPermissions: { area: 'edit', kind: 'edit' } }), '受理'],
    ['c', 'condition', {}, '面积判断'],
    ['big', 'task', step(role('role-window')), '现场核查'],
    ['small', 'task', step(role('role-window')), '书面审查'],
    ['m', 'merge'],
    ['end', 'end'],
  ],
  edges: [
    ['s', 'accept'],
    ['accept', 'c'],
    ['c', 'big', { condition: { op: 'or', args: [{ op: 'gt', left: { op: 'field', field: 'area' }, right: { op: 'literal', value: 500 } }, { op: 'in', left: { op: 'field', field: 'kind' }, values: ['餐饮'] }] } }],
    ['c', 'small', { isDefault: true }],
    ['big', 'm'],
    ['small', 'm'],
    ['m', 'end'],
  ],
});

describe('condition (条件分支) and merge', () => {
  it.each([
    [{ area: 800, kind: '零售' }, 'big'],
    [{ area: 100, kind: '餐饮' }, 'big'],
    [{ area: 100, kind: '零售' }, 'small'],
    [{}, 'small'],
  ])('routes %j to %s', (data, expected) => {
    const { state } = startCase(flow, { now: monday, calendar, regionCode: '152502' });
    const next = applyAction(flow, state, { type: 'approve', taskId: state.tasks[0]!.id, data }, { now: later(0), calendar, actor: xlWindow }).state;
    expect(next.tasks.map((task) => task.nodeId)).toEqual([expected]);
    const done = applyAction(flow, next, { type: 'approve', taskId: next.tasks[0]!.id }, { now: later(0), calendar, actor: xlWindow }).state;
    expect(done.outcome).toBe('approved');
  });

  it('fails clearly when no edge matches and there is no default', () => {
    const broken = buildFlow({
      nodes: [['s', 'start'], ['c', 'condition', {}, '判断'], ['a', 'end'], ['b', 'end']],
      edges: [['s', 'c'], ['c', 'a', { condition: { op: 'literal', value: false } }], ['c', 'b', { condition: { op: 'literal', value: false } }]],
    });
    expect(() => startCase(broken, { now: monday, calendar, regionCode: '152502' })).toThrowErrorMatchingInlineSnapshot(
      `[EngineError: 条件分支“判断”没有满足条件的出口，也没有默认出口，请联系配置员修正流程]`,
    );
  });

  it.each([
    [{ op: 'gt', left: { op: 'field', field: 'n' }, right: { op: 'literal', value: 3 } }, []],
    [{ op: 'gt', left: { op: 'field', field: 't' }, right: { op: 'literal', value: 3 } }, ['不能比较大小：文字与数字']],
    [{ op: 'eq', left: { op: 'field', field: 'b' }, right: { op: 'literal', value: 'yes' } }, ['不能比较是/否和文字']],
    [{ op: 'eq', left: { op: 'field', field: 'files' }, right: { op: 'literal', value: 'x' } }, ['复合类型的字段只能判断是否为空']],
    [{ op: 'in', left: { op: 'field', field: 'tags' }, values: ['a', 1] }, ['“属于”的候选值1与多选值类型不符']],
    [{ op: 'notEmpty', arg: { op: 'field', field: 'files' } }, []],
  ] as const)('type-checks %j', (expr, expected) => {
    const types = { n: 'number', t: 'string', b: 'boolean', files: 'complex', tags: 'array' } as const;
    const problems: string[] = [];
    checkExpressionTypes(expr as never, (id) => types[id as keyof typeof types] ?? 'unknown', problems);
    expect(problems).toEqual(expected);
  });
});
