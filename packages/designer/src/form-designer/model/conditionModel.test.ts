import { describe, expect, it } from 'vitest';
import { evaluate, type Expression } from '@xlgl/schema';
import { conditionFromExpression, groupToExpression, operatorLabel, type ConditionGroup } from './conditionModel.js';

describe('condition builder model', () => {
  it('builds and/or groups that evaluate as meant', () => {
    const group: ConditionGroup = {
      combinator: 'and',
      conditions: [
        { fieldId: 'f_count', operator: 'gt', right: { kind: 'value', value: 10 } },
        { fieldId: 'f_type', operator: 'in', right: { kind: 'value', value: ['a', 'b'] } },
      ],
    };
    const expr = groupToExpression(group)!;
    expect(evaluate(expr, { f_count: 11, f_type: 'b' })).toBe(true);
    expect(evaluate(expr, { f_count: 11, f_type: 'c' })).toBe(false);
    expect(evaluate(groupToExpression({ ...group, combinator: 'or' })!, { f_count: 1, f_type: 'a' })).toBe(true);
  });

  it('compares with another field (cross-section rules)', () => {
    const expr = groupToExpression({
      combinator: 'and',
      conditions: [{ fieldId: 'f_a', operator: 'eq', right: { kind: 'field', fieldId: 'f_b' } }],
    })!;
    expect(expr).toEqual({ op: 'eq', left: { op: 'field', field: 'f_a' }, right: { op: 'field', field: 'f_b' } });
    expect(evaluate(expr, { f_a: '91150000MA0000000X', f_b: '91150000MA0000000X' })).toBe(true);
  });

  it('leaves out incomplete conditions and yields nothing for an empty group', () => {
    expect(groupToExpression({ combinator: 'and', conditions: [] })).toBeUndefined();
    expect(
      groupToExpression({
        combinator: 'and',
        conditions: [
          { fieldId: 'f_a', operator: 'eq' },
          { fieldId: '', operator: 'empty' },
        ],
      }),
    ).toBeUndefined();
    expect(
      groupToExpression({
        combinator: 'or',
        conditions: [
          { fieldId: 'f_a', operator: 'in', right: { kind: 'value', value: [] } },
          { fieldId: 'f_b', operator: 'empty' },
        ],
      }),
    ).toEqual({
      op: 'empty',
      arg: { op: 'field', field: 'f_b' },
    });
  });

  it('reads back what it builds, including 不属于', () => {
    const group: ConditionGroup = {
      combinator: 'or',
      conditions: [
        { fieldId: 'f_a', operator: 'notIn', right: { kind: 'value', value: ['x'] } },
        { fieldId: 'f_b', operator: 'notEmpty' },
        { fieldId: 'f_c', operator: 'lte', right: { kind: 'field', fieldId: 'f_d' } },
        { fieldId: 'f_e', operator: 'eq', right: { kind: 'value', value: true } },
      ],
    };
    expect(conditionFromExpression(groupToExpression(group))).toEqual(group);
  });

  it('reports expressions it cannot show', () => {
    const nested: Expression = { op: 'and', args: [{ op: 'or', args: [{ op: 'empty', arg: { op: 'field', field: 'f_a' } }] }] };
    expect(conditionFromExpression(nested)).toBeUndefined();
    expect(conditionFromExpression({ op: 'literal', value: true })).toBeUndefined();
    expect(conditionFromExpression(undefined)).toEqual({ combinator: 'and', conditions: [] });
  });

  it('names operators by value kind', () => {
    expect(operatorLabel('gt', 'date')).toBe('晚于');
    expect(operatorLabel('in', 'choices')).toBe('包含任一');
    expect(operatorLabel('in', 'choice')).toBe('属于');
  });
});
