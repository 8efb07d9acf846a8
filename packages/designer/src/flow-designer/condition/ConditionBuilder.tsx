import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Expression, Literal } from '@xlgl/schema';
import {
  buildExpression,
  choiceOptions,
  conditionFields,
  conditionOperatorLabels,
  fieldValueKind,
  operandArity,
  operatorsFor,
  parseExpression,
  type ConditionModel,
  type ConditionRow,
  type FieldValueKind,
  type FlowFormField,
} from './conditionModel.js';

type Props = {
  value: Expression | undefined;
  onChange: (expression: Expression | undefined) => void;
  fields: FlowFormField[];
  readOnly?: boolean;
};

function ValueInput(props: { kind: FieldValueKind; field: FlowFormField; value: Literal | undefined; onChange: (value: Literal | undefined) => void; disabled?: boolean }) {
  const { kind, field, value, onChange, disabled } = props;
  const common = { disabled, style: { width: '100%' }, 'aria-label': '比较值' };
  switch (kind) {
    case 'number':
      return <InputNumber {...common} value={value as number | undefined} onChange={(next) => onChange(typeof next === 'number' ? next : undefined)} />;
    case 'money':
      return <InputNumber {...common} precision={2} min={0} suffix="元" value={value as number | undefined} onChange={(next) => onChange(typeof next === 'number' ? next : undefined)} />;
    case 'choice':
    case 'multi-choice':
      return <Select {...common} showSearch optionFilterProp="label" value={value as string | undefined} options={choiceOptions(field)} onChange={onChange} placeholder="选择选项" />;
    case 'date':
      return <Input {...common} type="date" value={(value as string | undefined) ?? ''} onChange={(event) => onChange(event.target.value || undefined)} />;
    case 'datetime':
      return (
        <Input
          {...common}
          type="datetime-local"
          value={typeof value === 'string' ? value.slice(0, 16) : ''}
          onChange={(event) => onChange(event.target.value ? `${event.target.value}:00+08:00` : undefined)}
        />
      );
    default:
      return <Input {...common} value={(value as string | undefined) ?? ''} onChange={(event) => onChange(event.target.value || undefined)} placeholder="比较值" />;
  }
}

function ListInput(props: { kind: FieldValueKind; field: FlowFormField; values: Literal[] | undefined; onChange: (values: Literal[]) => void; disabled?: boolean }) {
  const { kind, field, values, onChange, disabled } = props;
  const choice = kind === 'choice' || kind === 'multi-choice';
  return (
    <Select
      mode={choice ? 'multiple' : 'tags'}
      disabled={disabled}
      style={{ width: '100%' }}
      aria-label="比较值列表"
      placeholder={choice ? '选择选项' : '输入后回车'}
      value={(values ?? []) as string[]}
      options={choice ? choiceOptions(field) : []}
      onChange={(next: string[]) => onChange(next)}
    />
  );
}

/**
 * Builds a condition from the bound form's fields: pick a field, an operator allowed for its type
 * and a value typed by the field. Emits only complete, valid expressions.
 */
export function ConditionBuilder({ value, onChange, fields, readOnly }: Props) {
  const usable = useMemo(() => conditionFields(fields), [fields]);
  const [model, setModel] = useState<ConditionModel | undefined>(() => parseExpression(value, usable));
  const emitted = useRef<string | undefined>(value ? JSON.stringify(value) : undefined);

  // An outside change (undo, another edge selected) resets the rows.
  useEffect(() => {
    const text = value ? JSON.stringify(value) : undefined;
    if (text !== emitted.current) {
      emitted.current = text;
      setModel(parseExpression(value, usable));
    }
  }, [value, usable]);

  const result = model ? buildExpression(model, usable) : undefined;

  const update = (next: ConditionModel) => {
    setModel(next);
    const built = buildExpression(next, usable);
    if (built.expression) {
      emitted.current = JSON.stringify(built.expression);
      onChange(built.expression);
    }
  };

  if (!model) {
    return (
      <Alert
        type="warning"
        showIcon
        message="该条件不是由条件构建器生成的，无法在此编辑"
        action={
          !readOnly && (
            <Button size="small" onClick={() => setModel({ combinator: 'and', rows: [{}] })}>
              重新设置
            </Button>
          )
        }
      />
    );
  }
  if (usable.length === 0) return <Alert type="info" showIcon message="流程未绑定表单或表单没有可用字段，无法设置条件" />;

  const setRow = (index: number, row: ConditionRow) => update({ ...model, rows: model.rows.map((existing, i) => (i === index ? row : existing)) });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={6} data-testid="condition-builder">
      {model.rows.length > 1 && (
        <Radio.Group
          size="small"
          disabled={readOnly}
          value={model.combinator}
          onChange={(event) => update({ ...model, combinator: event.target.value })}
          options={[
            { value: 'and', label: '满足全部条件' },
            { value: 'or', label: '满足任一条件' },
          ]}
        />
      )}
      {model.rows.map((row, index) => {
        const field = usable.find((candidate) => candidate.id === row.fieldId);
        const kind = field ? fieldValueKind(field.type) : undefined;
        const arity = row.operator ? operandArity(row.operator) : 'none';
        return (
          <div key={index} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 24px', gap: 4, alignItems: 'start' }}>
            <Select
              size="small"
              disabled={readOnly}
              showSearch
              optionFilterProp="label"
              placeholder="字段"
              aria-label="条件字段"
              value={row.fieldId}
              options={usable.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
              onChange={(fieldId) => {
                const nextKind = fieldValueKind(usable.find((candidate) => candidate.id === fieldId)!.type);
                setRow(index, { fieldId, operator: operatorsFor(nextKind)[0] });
              }}
            />
            <Select
              size="small"
              disabled={readOnly || !kind}
              placeholder="比较方式"
              aria-label="比较方式"
              value={row.operator}
              options={(kind ? operatorsFor(kind) : []).map((operator) => ({ value: operator, label: conditionOperatorLabels[operator] }))}
              onChange={(operator) => setRow(index, { fieldId: row.fieldId, operator })}
            />
            <Button
              size="small"
              type="text"
              disabled={readOnly || model.rows.length === 1}
              icon={<DeleteOutlined />}
              aria-label="删除条件"
              onClick={() => update({ ...model, rows: model.rows.filter((_, i) => i !== index) })}
            />
            {field && kind && arity !== 'none' && (
              <div style={{ gridColumn: '1 / 3' }}>
                {arity === 'one' ? (
                  <ValueInput kind={kind} field={field} value={row.value} disabled={readOnly} onChange={(next) => setRow(index, { ...row, value: next })} />
                ) : (
                  <ListInput kind={kind} field={field} values={row.values} disabled={readOnly} onChange={(values) => setRow(index, { ...row, values })} />
                )}
              </div>
            )}
          </div>
        );
      })}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => update({ ...model, rows: [...model.rows, {}] })}>
          添加条件
        </Button>
      )}
      {result && result.problems.length > 0 && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {result.problems.join('；')}
        </Typography.Text>
      )}
    </Space>
  );
}
