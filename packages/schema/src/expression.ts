import { z } from 'zod';
import { fieldId } from './ids.js';

/**
 * Typed expression trees used for flow conditions, form visibility/enable rules and computed
 * values. No JavaScript in metadata: every operator is listed here and evaluated by `evaluate`.
 */
export type Literal = string | number | boolean | null;

export type Expression =
  | { op: 'literal'; value: Literal }
  | { op: 'field'; field: string }
  | { op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; left: Expression; right: Expression }
  | { op: 'in'; left: Expression; values: Literal[] }
  | { op: 'empty' | 'notEmpty' | 'not'; arg: Expression }
  | { op: 'and' | 'or'; args: Expression[] }
  | { op: 'add' | 'sub' | 'mul' | 'div'; left: Expression; right: Expression };

const literal = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const expression: z.ZodType<Expression> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('literal'), value: literal }),
    z.object({ op: z.literal('field'), field: fieldId }),
    z.object({ op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']), left: expression, right: expression }),
    z.object({ op: z.literal('in'), left: expression, values: z.array(literal) }),
    z.object({ op: z.enum(['empty', 'notEmpty', 'not']), arg: expression }),
    z.object({ op: z.enum(['and', 'or']), args: z.array(expression).min(1) }),
    z.object({ op: z.enum(['add', 'sub', 'mul', 'div']), left: expression, right: expression }),
  ]),
) as z.ZodType<Expression>;

export type ExpressionValue = Literal | Literal[] | undefined;

/** Lists the field ids an expression reads. */
export function fieldsRead(expr: Expression, out: Set<string> = new Set()): Set<string> {
  switch (expr.op) {
    case 'literal':
      break;
    case 'field':
      out.add(expr.field);
      break;
    case 'in':
      fieldsRead(expr.left, out);
      break;
    case 'empty':
    case 'notEmpty':
    case 'not':
      fieldsRead(expr.arg, out);
      break;
    case 'and':
    case 'or':
      for (const arg of expr.args) fieldsRead(arg, out);
      break;
    default:
      fieldsRead(expr.left, out);
      fieldsRead(expr.right, out);
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Evaluates an expression against a record of field values. Never throws on missing data. */
export function evaluate(expr: Expression, values: Record<string, unknown>): unknown {
  switch (expr.op) {
    case 'literal':
      return expr.value;
    case 'field':
      return values[expr.field];
    case 'eq':
      return evaluate(expr.left, values) === evaluate(expr.right, values);
    case 'ne':
      return evaluate(expr.left, values) !== evaluate(expr.right, values);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = compare(evaluate(expr.left, values), evaluate(expr.right, values));
      if (order === undefined) return false;
      return expr.op === 'gt' ? order > 0 : expr.op === 'gte' ? order >= 0 : expr.op === 'lt' ? order < 0 : order <= 0;
    }
    case 'in': {
      const value = evaluate(expr.left, values);
      if (Array.isArray(value)) return value.some((entry) => expr.values.includes(entry as Literal));
      return expr.values.includes(value as Literal);
    }
    case 'empty':
      return isEmpty(evaluate(expr.arg, values));
    case 'notEmpty':
      return !isEmpty(evaluate(expr.arg, values));
    case 'not':
      return !evaluate(expr.arg, values);
    case 'and':
      return expr.args.every((arg) => Boolean(evaluate(arg, values)));
    case 'or':
      return expr.args.some((arg) => Boolean(evaluate(arg, values)));
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const left = Number(evaluate(expr.left, values) ?? 0);
      const right = Number(evaluate(expr.right, values) ?? 0);
      if (!Number.isFinite(left) || !Number.isFinite(right)) return null;
      if (expr.op === 'add') return left + right;
      if (expr.op === 'sub') return left - right;
      if (expr.op === 'mul') return left * right;
      return right === 0 ? null : left / right;
    }
  }
}
