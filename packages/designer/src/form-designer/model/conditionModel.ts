import type { Expression, FieldType, Literal } from '@xlgl/schema';

/**
 * The condition builder's model: a list of comparisons joined by 且/或. It maps one-to-one onto
 * the typed expression trees of `@xlgl/schema` (no JavaScript); expressions it cannot show
 * (hand-written nesting) are reported as `undefined` by `conditionFromExpression`.
 */
export type ConditionOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'empty' | 'notEmpty';

/** The right-hand side: a fixed value (a list for 属于) or another field. */
export type ConditionOperand = { kind: 'value'; value: Literal | Literal[] } | { kind: 'field'; fieldId: string };

export type Condition = { fieldId: string; operator: ConditionOperator; right?: ConditionOperand };
export type ConditionGroup = { combinator: 'and' | 'or'; conditions: Condition[] };

/** How a field's value compares: decides operators and the value editor. */
export type ValueKind = 'number' | 'money' | 'boolean' | 'choice' | 'choices' | 'date' | 'text' | 'presence';

export const valueKinds = {
  text: 'text',
  textarea: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  datetime: 'date',
  'date-range': 'presence',
  select: 'choice',
  'multi-select': 'choices',
  switch: 'boolean',
  'id-number': 'text',
  'credit-code': 'text',
  mobile: 'text',
  email: 'text',
  region: 'text',
  address: 'presence',
  material: 'presence',
  'sub-table': 'presence',
  'person-lookup': 'presence',
  'enterprise-lookup': 'presence',
  signature: 'presence',
} satisfies Record<FieldType, ValueKind>;

const ordered: ConditionOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'];

/** Operators that make sense for a value kind. */
export const operatorsByKind: Record<ValueKind, ConditionOperator[]> = {
  number: ordered,
  money: ordered,
  date: ordered,
  text: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  choice: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  choices: ['in', 'notIn', 'empty', 'notEmpty'],
  boolean: ['eq', 'ne'],
  presence: ['empty', 'notEmpty'],
};

/** Chinese operator names; dates read 早于/晚于, multiple choice 包含任一. */
export function operatorLabel(operator: ConditionOperator, kind: ValueKind): string {
  if (kind === 'date') {
    const dateLabels: Partial<Record<ConditionOperator, string>> = { gt: '晚于', gte: '不早于', lt: '早于', lte: '不晚于' };
    if (dateLabels[operator]) return dateLabels[operator]!;
  }
  if (kind === 'choices') {
    if (operator === 'in') return '包含任一';
    if (operator === 'notIn') return '不包含任何';
  }
  const labels: Record<ConditionOperator, string> = {
    eq: '等于',
    ne: '不等于',
    gt: '大于',
    gte: '大于等于',
    lt: '小于',
    lte: '小于等于',
    in: '属于',
    notIn: '不属于',
    empty: '为空',
    notEmpty: '不为空',
  };
  return labels[operator];
}

/** Whether the operator takes a right-hand side. */
export function takesOperand(operator: ConditionOperator): boolean {
  return operator !== 'empty' && operator !== 'notEmpty';
}

/** Whether the right-hand side is a list of values. */
export function takesList(operator: ConditionOperator): boolean {
  return operator === 'in' || operator === 'notIn';
}

const comparison = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

function literalList(value: Literal | Literal[] | undefined): Literal[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null || value === '' ? [] : [value];
}

/** A complete condition as an expression; `undefined` while it is incomplete. */
export function conditionToExpression(condition: Condition): Expression | undefined {
  if (!condition.fieldId) return undefined;
  const left: Expression = { op: 'field', field: condition.fieldId };
  switch (condition.operator) {
    case 'empty':
    case 'notEmpty':
      return { op: condition.operator, arg: left };
    case 'in':
    case 'notIn': {
      if (condition.right?.kind !== 'value') return undefined;
      const values = literalList(condition.right.value);
      if (values.length === 0) return undefined;
      const member: Expression = { op: 'in', left, values };
      return condition.operator === 'in' ? member : { op: 'not', arg: member };
    }
    default: {
      const right = condition.right;
      if (!right) return undefined;
      if (right.kind === 'field')
        return right.fieldId ? { op: condition.operator, left, right: { op: 'field', field: right.fieldId } } : undefined;
      if (Array.isArray(right.value) || right.value === undefined || right.value === '') return undefined;
      return { op: condition.operator, left, right: { op: 'literal', value: right.value } };
    }
  }
}

/** A group as one expression (`undefined` when it has no complete condition). */
export function groupToExpression(group: ConditionGroup): Expression | undefined {
  const parts = group.conditions.map(conditionToExpression).filter((expr): expr is Expression => expr !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { op: group.combinator, args: parts };
}

function conditionFrom(expr: Expression): Condition | undefined {
  if ((expr.op === 'empty' || expr.op === 'notEmpty') && expr.arg.op === 'field') return { fieldId: expr.arg.field, operator: expr.op };
  if (expr.op === 'in' && expr.left.op === 'field')
    return { fieldId: expr.left.field, operator: 'in', right: { kind: 'value', value: expr.values } };
  if (expr.op === 'not' && expr.arg.op === 'in' && expr.arg.left.op === 'field') {
    return { fieldId: expr.arg.left.field, operator: 'notIn', right: { kind: 'value', value: expr.arg.values } };
  }
  if (comparison.has(expr.op) && 'left' in expr && 'right' in expr && expr.left.op === 'field') {
    const operator = expr.op as ConditionOperator;
    if (expr.right.op === 'literal') return { fieldId: expr.left.field, operator, right: { kind: 'value', value: expr.right.value } };
    if (expr.right.op === 'field') return { fieldId: expr.left.field, operator, right: { kind: 'field', fieldId: expr.right.field } };
  }
  return undefined;
}

/** Reads an expression back into the builder; `undefined` when it has a shape the builder cannot show. */
export function conditionFromExpression(expr: Expression | undefined): ConditionGroup | undefined {
  if (!expr) return { combinator: 'and', conditions: [] };
  if (expr.op === 'and' || expr.op === 'or') {
    const conditions = expr.args.map(conditionFrom);
    if (conditions.some((condition) => !condition)) return undefined;
    return { combinator: expr.op, conditions: conditions as Condition[] };
  }
  const single = conditionFrom(expr);
  return single ? { combinator: 'and', conditions: [single] } : undefined;
}

/** The literal type a value kind compares with. */
export function literalOf(kind: ValueKind, raw: unknown): Literal {
  if (kind === 'number' || kind === 'money') return typeof raw === 'number' ? raw : Number(raw);
  if (kind === 'boolean') return raw === true || raw === 'true';
  return raw === undefined || raw === null ? '' : String(raw);
}
