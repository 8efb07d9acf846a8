import type { Expression } from '../expression.js';
import type { FieldType } from './fieldTypes.js';

/** The value kinds expressions work with. `unknown` is compatible with everything. */
export type ExpressionKind = 'number' | 'string' | 'boolean' | 'list' | 'object' | 'null' | 'unknown';

/** How a field's value behaves in expressions. */
export const fieldExpressionKinds: Record<FieldType, ExpressionKind> = {
  text: 'string',
  textarea: 'string',
  number: 'number',
  money: 'number',
  date: 'string',
  datetime: 'string',
  'date-range': 'object',
  select: 'string',
  'multi-select': 'list',
  switch: 'boolean',
  'id-number': 'string',
  'credit-code': 'string',
  mobile: 'string',
  email: 'string',
  region: 'string',
  address: 'object',
  material: 'list',
  'sub-table': 'list',
  'person-lookup': 'object',
  'enterprise-lookup': 'object',
  signature: 'string',
};

export type ExpressionTypeIssue = { message: string };

const compatible = (a: ExpressionKind, b: ExpressionKind) => a === b || a === 'unknown' || b === 'unknown' || a === 'null' || b === 'null';

/**
 * Infers the kind of an expression given the kinds of the fields it reads, collecting type errors
 * (arithmetic on text, ordering a number against a date, comparing incompatible values).
 */
export function checkExpressionType(
  expr: Expression,
  fieldKind: (fieldId: string) => { kind: ExpressionKind; label: string } | undefined,
  issues: ExpressionTypeIssue[] = [],
): ExpressionKind {
  const describe = (inner: Expression) => (inner.op === 'field' ? `“${fieldKind(inner.field)?.label ?? inner.field}”` : '表达式');
  switch (expr.op) {
    case 'literal':
      return expr.value === null ? 'null' : (typeof expr.value as ExpressionKind);
    case 'field':
      return fieldKind(expr.field)?.kind ?? 'unknown';
    case 'eq':
    case 'ne': {
      const left = checkExpressionType(expr.left, fieldKind, issues);
      const right = checkExpressionType(expr.right, fieldKind, issues);
      if (!compatible(left, right)) issues.push({ message: `${describe(expr.left)}与${describe(expr.right)}的类型不同，不能比较是否相等` });
      return 'boolean';
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const left = checkExpressionType(expr.left, fieldKind, issues);
      const right = checkExpressionType(expr.right, fieldKind, issues);
      const orderable = (kind: ExpressionKind) => kind === 'number' || kind === 'string' || kind === 'unknown';
      if (!orderable(left) || !orderable(right) || !compatible(left, right)) {
        issues.push({ message: `${describe(expr.left)}与${describe(expr.right)}不能比较大小（须同为数字或同为日期/文字）` });
      }
      return 'boolean';
    }
    case 'in':
      checkExpressionType(expr.left, fieldKind, issues);
      return 'boolean';
    case 'empty':
    case 'notEmpty':
    case 'not':
      checkExpressionType(expr.arg, fieldKind, issues);
      return 'boolean';
    case 'and':
    case 'or':
      for (const arg of expr.args) checkExpressionType(arg, fieldKind, issues);
      return 'boolean';
    default: {
      for (const side of [expr.left, expr.right]) {
        const kind = checkExpressionType(side, fieldKind, issues);
        if (kind !== 'number' && kind !== 'unknown' && kind !== 'null') issues.push({ message: `${describe(side)}不是数字，不能参与加减乘除` });
      }
      return 'number';
    }
  }
}
