import { Button, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Expression } from '@xlgl/schema';
import {
  formulaFromExpression,
  formulaOperatorSymbols,
  formulaToExpression,
  type Formula,
  type FormulaOperand,
  type FormulaOperator,
} from '../model/formulaModel.js';
import type { FieldChoice } from '../model/fieldChoices.js';
import { RawExpressionNotice } from './RawExpressionNotice.js';
import { sameExpression, useExpressionDraft } from './useExpressionDraft.js';

type FormulaBuilderProps = {
  value: Expression;
  onChange: (value: Expression | undefined) => void;
  /** Numeric fields the formula may read. */
  fields: FieldChoice[];
};

/** A computed value: operands (fields or numbers) joined by + − × ÷; × ÷ bind first. */
export function FormulaBuilder({ value, onChange, fields }: FormulaBuilderProps) {
  const [draft, setDraft] = useExpressionDraft(value, { fromExpression: formulaFromExpression, toExpression: formulaToExpression });

  if (!draft) return <RawExpressionNotice value={value} message="此公式含括号或其他结构，无法在可视化编辑器中显示" clearLabel="清除公式" onClear={() => onChange(undefined)} />;

  const update = (next: Formula) => {
    setDraft(next);
    const expr = formulaToExpression(next);
    if (expr && !sameExpression(expr, value)) onChange(expr);
  };
  const operandEditor = (operand: FormulaOperand, set: (operand: FormulaOperand) => void, testId: string) => (
    <Space.Compact style={{ flex: 1, minWidth: 0 }}>
      <Select
        size="small"
        style={{ width: 76 }}
        value={operand.kind}
        options={[
          { value: 'field', label: '字段' },
          { value: 'number', label: '数值' },
        ]}
        onChange={(kind) => set(kind === 'field' ? { kind: 'field', fieldId: '' } : { kind: 'number', value: 0 })}
      />
      {operand.kind === 'field' ? (
        <Select
          size="small"
          style={{ flex: 1, minWidth: 0 }}
          placeholder="选择数字或金额字段"
          value={operand.fieldId || undefined}
          status={operand.fieldId && !fields.some((field) => field.id === operand.fieldId) ? 'error' : undefined}
          options={fields.map((field) => ({ value: field.id, label: `${field.label}${field.type === 'money' ? '（分）' : ''}` }))}
          onChange={(fieldId: string) => set({ kind: 'field', fieldId })}
          data-testid={testId}
        />
      ) : (
        <InputNumber
          size="small"
          style={{ flex: 1 }}
          value={operand.value}
          onChange={(next) => set({ kind: 'number', value: typeof next === 'number' ? next : Number.NaN })}
        />
      )}
    </Space.Compact>
  );

  return (
    <div className="xfd-formula" data-testid="computed-builder">
      <div className="xfd-condition-row">{operandEditor(draft.first, (first) => update({ ...draft, first }), 'computed-operand-0')}</div>
      {draft.rest.map((part, index) => (
        <div key={index} className="xfd-formula-row">
          <Select
            size="small"
            style={{ width: 52 }}
            value={part.operator}
            options={(Object.keys(formulaOperatorSymbols) as FormulaOperator[]).map((operator) => ({
              value: operator,
              label: formulaOperatorSymbols[operator],
            }))}
            onChange={(operator) =>
              update({ ...draft, rest: draft.rest.map((entry, i) => (i === index ? { ...entry, operator } : entry)) })
            }
          />
          {operandEditor(
            part.operand,
            (operand) => update({ ...draft, rest: draft.rest.map((entry, i) => (i === index ? { ...entry, operand } : entry)) }),
            `computed-operand-${index + 1}`,
          )}
          <Button
            size="small"
            icon={<DeleteOutlined />}
            aria-label="删除此项"
            onClick={() => update({ ...draft, rest: draft.rest.filter((_, i) => i !== index) })}
          />
        </div>
      ))}
      <Space>
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => update({ ...draft, rest: [...draft.rest, { operator: 'add', operand: { kind: 'field', fieldId: '' } }] })}
        >
          添加运算
        </Button>
        <Button size="small" danger onClick={() => onChange(undefined)}>
          取消计算
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
        先乘除后加减；金额字段按“分”参与计算，计算结果为金额时四舍五入到分。计算字段在表单中只读。
      </Typography.Paragraph>
    </div>
  );
}
