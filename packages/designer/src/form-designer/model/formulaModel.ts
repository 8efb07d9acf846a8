import type { Expression } from '@xlgl/schema';

/**
 * The computed-value builder's model: operands joined by + − × ÷, read with the usual
 * precedence (× ÷ before + −). Operands are numeric fields or constants.
 */
export type FormulaOperand = { kind: 'field'; fieldId: string } | { kind: 'number'; value: number };
export type FormulaOperator = 'add' | 'sub' | 'mul' | 'div';
export type Formula = { first: FormulaOperand; rest: { operator: FormulaOperator; operand: FormulaOperand }[] };

export const formulaOperatorSymbols: Record<FormulaOperator, string> = { add: '+', sub: '−', mul: '×', div: '÷' };

function operandExpression(operand: FormulaOperand): Expression | undefined {
  if (operand.kind === 'field') return operand.fieldId ? { op: 'field', field: operand.fieldId } : undefined;
  return Number.isFinite(operand.value) ? { op: 'literal', value: operand.value } : undefined;
}

/** The formula as an expression tree; `undefined` while an operand is missing. */
export function formulaToExpression(formula: Formula): Expression | undefined {
  const first = operandExpression(formula.first);
  if (!first) return undefined;
  // terms joined by + and −, each a left-leaning product
  const terms: { operator: 'add' | 'sub'; expr: Expression }[] = [{ operator: 'add', expr: first }];
  for (const { operator, operand } of formula.rest) {
    const expr = operandExpression(operand);
    if (!expr) return undefined;
    if (operator === 'mul' || operator === 'div') {
      const last = terms[terms.length - 1];
      last.expr = { op: operator, left: last.expr, right: expr };
    } else {
      terms.push({ operator, expr });
    }
  }
  return terms.slice(1).reduce<Expression>((left, term) => ({ op: term.operator, left, right: term.expr }), terms[0].expr);
}

function flatten(expr: Expression, out: { operator?: FormulaOperator; operand: FormulaOperand }[], operator?: FormulaOperator): boolean {
  if (expr.op === 'field') {
    out.push({ operator, operand: { kind: 'field', fieldId: expr.field } });
    return true;
  }
  if (expr.op === 'literal') {
    if (typeof expr.value !== 'number') return false;
    out.push({ operator, operand: { kind: 'number', value: expr.value } });
    return true;
  }
  if (expr.op === 'add' || expr.op === 'sub' || expr.op === 'mul' || expr.op === 'div') {
    return flatten(expr.left, out, operator) && flatten(expr.right, out, expr.op);
  }
  return false;
}

/**
 * Reads an expression back into a formula; `undefined` when it is not a plain formula (e.g.
 * brackets the builder cannot show, or non-arithmetic parts).
 */
export function formulaFromExpression(expr: Expression): Formula | undefined {
  const parts: { operator?: FormulaOperator; operand: FormulaOperand }[] = [];
  if (!flatten(expr, parts)) return undefined;
  const formula: Formula = {
    first: parts[0].operand,
    rest: parts.slice(1).map((part) => ({ operator: part.operator!, operand: part.operand })),
  };
  // the flat reading must rebuild the same tree, else it had brackets
  return JSON.stringify(formulaToExpression(formula)) === JSON.stringify(expr) ? formula : undefined;
}
