import { expression as expressionSchema, fieldIdPattern, type Expression, type Literal } from '@xlgl/schema';

/**
 * The typed condition builder's model: rows of "field operator value" joined by all/any. A row's
 * operators and value input follow the field's type, so only well-typed expressions come out —
 * there is no free text that becomes code.
 */

/** A form field as the designer sees it (structurally compatible with the schema's `FormField`). */
export type FlowFormField = {
  id: string;
  label: string;
  type: string;
  /** Choice options; when absent, `settings.options` is used. */
  options?: Array<{ value: string; label: string }>;
  settings?: Record<string, unknown>;
  removed?: boolean;
};

/** How a field's value compares. */
export type FieldValueKind = 'number' | 'money' | 'boolean' | 'choice' | 'multi-choice' | 'date' | 'datetime' | 'text' | 'presence';

const kindsByType: Record<string, FieldValueKind> = {
  number: 'number',
  money: 'money',
  switch: 'boolean',
  select: 'choice',
  'multi-select': 'multi-choice',
  date: 'date',
  datetime: 'datetime',
  text: 'text',
  textarea: 'text',
  'id-number': 'text',
  'credit-code': 'text',
  mobile: 'text',
  email: 'text',
  region: 'text',
};

/** Field types not listed (address, material, sub-table, lookups, signature …) can only be tested for presence. */
export function fieldValueKind(type: string): FieldValueKind {
  return kindsByType[type] ?? 'presence';
}

export const conditionOperators = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isTrue', 'isFalse', 'empty', 'notEmpty'] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

export const conditionOperatorLabels: Record<ConditionOperator, string> = {
  eq: '等于',
  ne: '不等于',
  gt: '大于',
  gte: '大于等于',
  lt: '小于',
  lte: '小于等于',
  in: '属于其中之一',
  notIn: '不属于其中任何一个',
  isTrue: '为是',
  isFalse: '为否',
  empty: '为空',
  notEmpty: '不为空',
};

const operatorsByKind: Record<FieldValueKind, ConditionOperator[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  money: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  boolean: ['isTrue', 'isFalse'],
  choice: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  'multi-choice': ['in', 'notIn', 'empty', 'notEmpty'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  text: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  presence: ['empty', 'notEmpty'],
};

export function operatorsFor(kind: FieldValueKind): ConditionOperator[] {
  return operatorsByKind[kind];
}

/** Which value input an operator needs: none, one value, or a list. */
export function operandArity(operator: ConditionOperator): 'none' | 'one' | 'list' {
  if (operator === 'in' || operator === 'notIn') return 'list';
  if (operator === 'empty' || operator === 'notEmpty' || operator === 'isTrue' || operator === 'isFalse') return 'none';
  return 'one';
}

/** One row of the builder. Money values are held in yuan here and stored in fen. */
export type ConditionRow = { fieldId?: string; operator?: ConditionOperator; value?: Literal; values?: Literal[] };
export type ConditionModel = { combinator: 'and' | 'or'; rows: ConditionRow[] };

export function choiceOptions(field: FlowFormField): Array<{ value: string; label: string }> {
  if (field.options) return field.options;
  const options = field.settings?.options;
  return Array.isArray(options) ? (options as Array<{ value: string; label: string }>) : [];
}

/** Checks one value against the field's kind; returns a Chinese reason when it does not fit. */
function valueProblem(field: FlowFormField, kind: FieldValueKind, value: Literal | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return `请填写“${field.label}”的比较值`;
  switch (kind) {
    case 'number':
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `“${field.label}”的比较值必须是数字`;
    case 'choice':
    case 'multi-choice': {
      const options = choiceOptions(field);
      if (options.length > 0 && !options.some((option) => option.value === value)) return `“${String(value)}”不是“${field.label}”的选项`;
      return typeof value === 'string' ? undefined : `“${field.label}”的比较值必须是选项`;
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : `“${field.label}”的比较值必须是日期`;
    case 'datetime':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? undefined : `“${field.label}”的比较值必须是日期时间`;
    default:
      return typeof value === 'string' ? undefined : `“${field.label}”的比较值必须是文字`;
  }
}

/** Money is entered in yuan and stored in integer fen. */
function toStored(kind: FieldValueKind, value: Literal): Literal {
  return kind === 'money' && typeof value === 'number' ? Math.round(value * 100) : value;
}

function fromStored(kind: FieldValueKind, value: Literal): Literal {
  return kind === 'money' && typeof value === 'number' ? value / 100 : value;
}

/** Problems of one row, in Chinese; empty when the row is complete and well-typed. */
export function rowProblems(row: ConditionRow, fields: FlowFormField[]): string[] {
  if (!row.fieldId) return ['请选择字段'];
  const field = fields.find((candidate) => candidate.id === row.fieldId);
  if (!field) return [`表单中没有字段“${row.fieldId}”`];
  const kind = fieldValueKind(field.type);
  if (!row.operator) return ['请选择比较方式'];
  if (!operatorsFor(kind).includes(row.operator)) return [`“${field.label}”不支持“${conditionOperatorLabels[row.operator]}”`];
  const arity = operandArity(row.operator);
  if (arity === 'one') {
    const problem = valueProblem(field, kind, row.value);
    return problem ? [problem] : [];
  }
  if (arity === 'list') {
    if (!row.values || row.values.length === 0) return [`请至少填写一个“${field.label}”的比较值`];
    return row.values.map((value) => valueProblem(field, kind, value)).filter((problem): problem is string => problem !== undefined);
  }
  return [];
}

function rowExpression(row: ConditionRow, field: FlowFormField): Expression {
  const kind = fieldValueKind(field.type);
  const left: Expression = { op: 'field', field: field.id };
  switch (row.operator!) {
    case 'isTrue':
      return { op: 'eq', left, right: { op: 'literal', value: true } };
    case 'isFalse':
      return { op: 'ne', left, right: { op: 'literal', value: true } };
    case 'empty':
    case 'notEmpty':
      return { op: row.operator!, arg: left } as Expression;
    case 'in':
      return { op: 'in', left, values: row.values!.map((value) => toStored(kind, value)) };
    case 'notIn':
      return { op: 'not', arg: { op: 'in', left, values: row.values!.map((value) => toStored(kind, value)) } };
    default:
      return { op: row.operator as 'eq', left, right: { op: 'literal', value: toStored(kind, row.value!) } };
  }
}

export type BuildResult = { expression: Expression; problems: [] } | { expression: undefined; problems: string[] };

/**
 * Turns the builder's model into an expression tree. Incomplete or ill-typed rows yield the
 * problems instead; the result always passes the schema's `expression` validator.
 */
export function buildExpression(model: ConditionModel, fields: FlowFormField[]): BuildResult {
  if (model.rows.length === 0) return { expression: undefined, problems: ['请至少添加一个条件'] };
  const problems = model.rows.flatMap((row, index) => rowProblems(row, fields).map((problem) => `第${index + 1}行：${problem}`));
  if (problems.length > 0) return { expression: undefined, problems };
  const parts = model.rows.map((row) => rowExpression(row, fields.find((field) => field.id === row.fieldId)!));
  const built: Expression = parts.length === 1 ? parts[0] : { op: model.combinator, args: parts };
  const checked = expressionSchema.safeParse(built);
  if (!checked.success) return { expression: undefined, problems: checked.error.issues.map((issue) => issue.message) };
  return { expression: built, problems: [] };
}

function rowFromExpression(expr: Expression, fields: FlowFormField[]): ConditionRow | undefined {
  const kindOf = (fieldId: string) => fieldValueKind(fields.find((field) => field.id === fieldId)?.type ?? 'text');
  if ((expr.op === 'empty' || expr.op === 'notEmpty') && expr.arg.op === 'field') return { fieldId: expr.arg.field, operator: expr.op };
  if (expr.op === 'in' && expr.left.op === 'field') {
    const kind = kindOf(expr.left.field);
    return { fieldId: expr.left.field, operator: 'in', values: expr.values.map((value) => fromStored(kind, value)) };
  }
  if (expr.op === 'not' && expr.arg.op === 'in' && expr.arg.left.op === 'field') {
    const kind = kindOf(expr.arg.left.field);
    return { fieldId: expr.arg.left.field, operator: 'notIn', values: expr.arg.values.map((value) => fromStored(kind, value)) };
  }
  if (
    (expr.op === 'eq' || expr.op === 'ne' || expr.op === 'gt' || expr.op === 'gte' || expr.op === 'lt' || expr.op === 'lte') &&
    expr.left.op === 'field' &&
    expr.right.op === 'literal'
  ) {
    const kind = kindOf(expr.left.field);
    if (kind === 'boolean' && expr.right.value === true && (expr.op === 'eq' || expr.op === 'ne')) {
      return { fieldId: expr.left.field, operator: expr.op === 'eq' ? 'isTrue' : 'isFalse' };
    }
    return { fieldId: expr.left.field, operator: expr.op, value: fromStored(kind, expr.right.value) };
  }
  return undefined;
}

/** Reads an expression back into the builder; undefined when it was not made by the builder. */
export function parseExpression(expr: Expression | undefined, fields: FlowFormField[]): ConditionModel | undefined {
  if (!expr) return { combinator: 'and', rows: [{}] };
  if (expr.op === 'and' || expr.op === 'or') {
    const rows = expr.args.map((arg) => rowFromExpression(arg, fields));
    if (rows.some((row) => row === undefined)) return undefined;
    return { combinator: expr.op, rows: rows as ConditionRow[] };
  }
  const row = rowFromExpression(expr, fields);
  return row ? { combinator: 'and', rows: [row] } : undefined;
}

const comparisonSymbols: Partial<Record<ConditionOperator, string>> = { eq: '=', ne: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** A short Chinese rendering of a condition for edge labels, e.g. `申请类型 = 新办 且 金额 > 100`. */
export function describeExpression(expr: Expression, fields: FlowFormField[]): string {
  const model = parseExpression(expr, fields);
  if (!model) return '自定义条件';
  const describeValue = (field: FlowFormField | undefined, value: Literal) => {
    if (!field) return String(value);
    const option = choiceOptions(field).find((candidate) => candidate.value === value);
    return option ? option.label : String(value);
  };
  const parts = model.rows.map((row) => {
    const field = fields.find((candidate) => candidate.id === row.fieldId);
    const name = field?.label ?? row.fieldId ?? '?';
    const operator = row.operator!;
    const arity = operandArity(operator);
    if (arity === 'none') return `${name}${conditionOperatorLabels[operator]}`;
    if (arity === 'list') return `${name}${conditionOperatorLabels[operator]}（${(row.values ?? []).map((value) => describeValue(field, value)).join('、')}）`;
    return `${name} ${comparisonSymbols[operator] ?? conditionOperatorLabels[operator]} ${describeValue(field, row.value!)}`;
  });
  return parts.join(model.combinator === 'and' ? ' 且 ' : ' 或 ');
}

/** Fields a condition may read: not removed, with a valid id. */
export function conditionFields(fields: FlowFormField[]): FlowFormField[] {
  return fields.filter((field) => !field.removed && fieldIdPattern.test(field.id));
}
