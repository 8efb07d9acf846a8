import { describe, expect, it } from 'vitest';
import { evaluate, expression } from '@xlgl/schema';
import { sampleContext } from '../fixtures.js';
import { buildExpression, describeExpression, fieldValueKind, operatorsFor, parseExpression, type ConditionModel } from './conditionModel.js';

const fields = sampleContext.formFields;

function built(model: ConditionModel) {
  const result = buildExpression(model, fields);
  if (!result.expression) throw new Error(result.problems.join('；'));
  expect(expression.safeParse(result.expression).success).toBe(true);
  return result.expression;
}

describe('condition builder model', () => {
  it('offers operators by field type', () => {
    expect(operatorsFor(fieldValueKind('money'))).toContain('gt');
    expect(operatorsFor(fieldValueKind('switch'))).toEqual(['isTrue', 'isFalse']);
    expect(operatorsFor(fieldValueKind('material'))).toEqual(['empty', 'notEmpty']);
    expect(operatorsFor(fieldValueKind('select'))).not.toContain('gt');
  });

  it('builds a valid expression that evaluates as the rows say', () => {
    const expr = built({
      combinator: 'and',
      rows: [
        { fieldId: 'f_business_form', operator: 'in', values: ['restaurant', 'canteen'] },
        { fieldId: 'f_registered_capital', operator: 'gte', value: 100 },
        { fieldId: 'f_online_sales', operator: 'isTrue' },
      ],
    });
    expect(expr).toEqual({
      op: 'and',
      args: [
        { op: 'in', left: { op: 'field', field: 'f_business_form' }, values: ['restaurant', 'canteen'] },
        // Money is entered in yuan and stored in fen.
        { op: 'gte', left: { op: 'field', field: 'f_registered_capital' }, right: { op: 'literal', value: 10000 } },
        { op: 'eq', left: { op: 'field', field: 'f_online_sales' }, right: { op: 'literal', value: true } },
      ],
    });
    expect(evaluate(expr, { f_business_form: 'canteen', f_registered_capital: 20000, f_online_sales: true })).toBe(true);
    expect(evaluate(expr, { f_business_form: 'shop', f_registered_capital: 20000, f_online_sales: true })).toBe(false);
    expect(evaluate(expr, { f_business_form: 'canteen', f_registered_capital: 9999, f_online_sales: true })).toBe(false);
  });

  it('builds single rows, or-combinations, negated lists, presence and dates', () => {
    expect(built({ combinator: 'and', rows: [{ fieldId: 'f_mat_layout', operator: 'notEmpty' }] })).toEqual({ op: 'notEmpty', arg: { op: 'field', field: 'f_mat_layout' } });
    const or = built({
      combinator: 'or',
      rows: [
        { fieldId: 'f_business_form', operator: 'notIn', values: ['shop'] },
        { fieldId: 'f_apply_date', operator: 'lt', value: '2026-01-01' },
      ],
    });
    expect(evaluate(or, { f_business_form: 'shop', f_apply_date: '2025-12-31' })).toBe(true);
    expect(evaluate(or, { f_business_form: 'shop', f_apply_date: '2026-03-01' })).toBe(false);
  });

  it('refuses incomplete or ill-typed rows with Chinese reasons', () => {
    expect(buildExpression({ combinator: 'and', rows: [] }, fields).problems).toEqual(['请至少添加一个条件']);
    expect(buildExpression({ combinator: 'and', rows: [{}] }, fields).problems).toEqual(['第1行：请选择字段']);
    expect(buildExpression({ combinator: 'and', rows: [{ fieldId: 'f_premises_area', operator: 'gt' }] }, fields).problems).toEqual([
      '第1行：请填写“经营场所面积”的比较值',
    ]);
    expect(buildExpression({ combinator: 'and', rows: [{ fieldId: 'f_premises_area', operator: 'gt', value: 'abc' }] }, fields).problems).toEqual([
      '第1行：“经营场所面积”的比较值必须是数字',
    ]);
    expect(buildExpression({ combinator: 'and', rows: [{ fieldId: 'f_business_form', operator: 'eq', value: 'bakery' }] }, fields).problems).toEqual([
      '第1行：“bakery”不是“主体业态”的选项',
    ]);
    expect(buildExpression({ combinator: 'and', rows: [{ fieldId: 'f_business_form', operator: 'gt', value: 'shop' }] }, fields).problems).toEqual([
      '第1行：“主体业态”不支持“大于”',
    ]);
    expect(buildExpression({ combinator: 'and', rows: [{ fieldId: 'f_gone', operator: 'eq', value: 'x' }] }, fields).problems).toEqual([
      '第1行：表单中没有字段“f_gone”',
    ]);
  });

  it('reads its own expressions back, and gives up on foreign ones', () => {
    const model: ConditionModel = {
      combinator: 'or',
      rows: [
        { fieldId: 'f_registered_capital', operator: 'lt', value: 50.5 },
        { fieldId: 'f_online_sales', operator: 'isFalse' },
        { fieldId: 'f_business_form', operator: 'notIn', values: ['shop'] },
      ],
    };
    expect(parseExpression(built(model), fields)).toEqual(model);
    expect(parseExpression({ op: 'add', left: { op: 'literal', value: 1 }, right: { op: 'literal', value: 2 } }, fields)).toBeUndefined();
    expect(parseExpression(undefined, fields)).toEqual({ combinator: 'and', rows: [{}] });
  });

  it('describes a condition in Chinese for the edge label', () => {
    const expr = built({
      combinator: 'and',
      rows: [
        { fieldId: 'f_business_form', operator: 'eq', value: 'restaurant' },
        { fieldId: 'f_premises_area', operator: 'gt', value: 100 },
      ],
    });
    expect(describeExpression(expr, fields)).toBe('主体业态 = 餐饮服务经营者 且 经营场所面积 > 100');
  });
});
