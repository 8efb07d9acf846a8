import { describe, expect, it } from 'vitest';
import { evaluate, type Expression } from '@xlgl/schema';
import { formulaFromExpression, formulaToExpression, type Formula } from './formulaModel.js';

const f = (fieldId: string) => ({ kind: 'field' as const, fieldId });
const n = (value: number) => ({ kind: 'number' as const, value });

describe('formula builder model', () => {
  it('multiplies before adding', () => {
    const formula: Formula = {
      first: f('f_a'),
      rest: [
        { operator: 'add', operand: f('f_b') },
        { operator: 'mul', operand: n(3) },
      ],
    };
    expect(evaluate(formulaToExpression(formula)!, { f_a: 1, f_b: 2 })).toBe(7);
  });

  it('is left-associative for − and ÷', () => {
    const formula: Formula = {
      first: n(100),
      rest: [
        { operator: 'sub', operand: f('f_a') },
        { operator: 'sub', operand: n(10) },
        { operator: 'div', operand: n(2) },
      ],
    };
    expect(evaluate(formulaToExpression(formula)!, { f_a: 50 })).toBe(45);
  });

  it('round-trips formulas', () => {
    const formula: Formula = {
      first: f('f_a'),
      rest: [
        { operator: 'mul', operand: f('f_b') },
        { operator: 'sub', operand: n(1) },
        { operator: 'div', operand: f('f_c') },
      ],
    };
    expect(formulaFromExpression(formulaToExpression(formula)!)).toEqual(formula);
  });

  it('refuses trees with brackets or non-arithmetic parts', () => {
    const bracketed: Expression = {
      op: 'mul',
      left: { op: 'field', field: 'f_a' },
      right: { op: 'add', left: { op: 'field', field: 'f_b' }, right: { op: 'literal', value: 1 } },
    };
    expect(formulaFromExpression(bracketed)).toBeUndefined();
    expect(formulaFromExpression({ op: 'eq', left: { op: 'field', field: 'f_a' }, right: { op: 'literal', value: 1 } })).toBeUndefined();
    expect(formulaFromExpression({ op: 'literal', value: 'x' })).toBeUndefined();
  });

  it('is incomplete while an operand is missing', () => {
    expect(formulaToExpression({ first: f(''), rest: [] })).toBeUndefined();
    expect(formulaToExpression({ first: f('f_a'), rest: [{ operator: 'add', operand: n(Number.NaN) }] })).toBeUndefined();
  });
});
