import type { Expression } from '@xlgl/schema';

/** Value types a condition can compare. `complex` values (sub-tables, files …) can only be tested for emptiness. */
export type ValueType = 'number' | 'string' | 'boolean' | 'array' | 'complex' | 'null' | 'unknown';

const fieldValueTypes: Record<string, ValueType> = {
  number: 'number',
  money: 'number',
  switch: 'boolean',
  'multi-select': 'array',
  text: 'string',
  textarea: 'string',
  date: 'string',
  datetime: 'string',
  select: 'string',
  'id-number': 'string',
  'credit-code': 'string',
  mobile: 'string',
  email: 'string',
  region: 'string',
  address: 'string',
  'date-range': 'complex',
  material: 'complex',
  'sub-table': 'complex',
  'person-lookup': 'complex',
  'enterprise-lookup': 'complex',
  signature: 'complex',
};

/** The value type of a form field type. */
export function valueTypeOfField(fieldType: string): ValueType {
  return fieldValueTypes[fieldType] ?? 'unknown';
}

const literalType = (value: unknown): ValueType =>
  value === null ? 'null' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : 'unknown';

/** Infers types and lists incompatibilities (Chinese) in an expression. */
export function checkExpressionTypes(expr: Expression, fieldType: (id: string) => ValueType, problems: string[] = []): ValueType {
  const comparable = (a: ValueType, b: ValueType) => a === 'unknown' || b === 'unknown' || a === 'null' || b === 'null' || a === b;
  switch (expr.op) {
    case 'literal':
      return literalType(expr.value);
    case 'field':
      return fieldType(expr.field);
    case 'eq':
    case 'ne': {
      const left = checkExpressionTypes(expr.left, fieldType, problems);
      const right = checkExpressionTypes(expr.right, fieldType, problems);
      if (left === 'complex' || right === 'complex') problems.push('复合类型的字段只能判断是否为空');
      else if (!comparable(left, right)) problems.push(`不能比较${typeName(left)}和${typeName(right)}`);
      return 'boolean';
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const left = checkExpressionTypes(expr.left, fieldType, problems);
      const right = checkExpressionTypes(expr.right, fieldType, problems);
      const ordered = (t: ValueType) => t === 'number' || t === 'string' || t === 'unknown';
      if (!ordered(left) || !ordered(right) || !comparable(left, right)) problems.push(`不能比较大小：${typeName(left)}与${typeName(right)}`);
      return 'boolean';
    }
    case 'in': {
      const left = checkExpressionTypes(expr.left, fieldType, problems);
      const element = left === 'array' ? 'string' : left;
      if (left === 'complex' || left === 'boolean') problems.push(`${typeName(left)}不能用“属于”判断`);
      for (const value of expr.values) {
        if (!comparable(element, literalType(value))) {
          problems.push(`“属于”的候选值${JSON.stringify(value)}与${typeName(left)}类型不符`);
          break;
        }
      }
      return 'boolean';
    }
    case 'empty':
    case 'notEmpty':
      checkExpressionTypes(expr.arg, fieldType, problems);
      return 'boolean';
    case 'not': {
      const arg = checkExpressionTypes(expr.arg, fieldType, problems);
      if (arg !== 'boolean' && arg !== 'unknown') problems.push(`“非”只能用于是/否值，而不是${typeName(arg)}`);
      return 'boolean';
    }
    case 'and':
    case 'or':
      for (const arg of expr.args) {
        const type = checkExpressionTypes(arg, fieldType, problems);
        if (type !== 'boolean' && type !== 'unknown') problems.push(`“并且/或者”的每一项都应是条件，而不是${typeName(type)}`);
      }
      return 'boolean';
    default: {
      const left = checkExpressionTypes(expr.left, fieldType, problems);
      const right = checkExpressionTypes(expr.right, fieldType, problems);
      for (const side of [left, right]) if (side !== 'number' && side !== 'unknown') problems.push(`算术运算只能用于数字，而不是${typeName(side)}`);
      return 'number';
    }
  }
}

function typeName(type: ValueType): string {
  return { number: '数字', string: '文字', boolean: '是/否', array: '多选值', complex: '复合值', null: '空值', unknown: '未知类型' }[type];
}
