import { Button, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Expression, Literal } from '@xlgl/schema';
import {
  conditionFromExpression,
  conditionToExpression,
  groupToExpression,
  literalOf,
  operatorLabel,
  operatorsByKind,
  takesList,
  takesOperand,
  valueKinds,
  type Condition,
  type ConditionGroup,
  type ValueKind,
} from '../model/conditionModel.js';
import type { FieldChoice } from '../model/fieldChoices.js';
import { RawExpressionNotice } from './RawExpressionNotice.js';
import { sameExpression, useExpressionDraft } from './useExpressionDraft.js';

type ConditionBuilderProps = {
  value: Expression | undefined;
  onChange: (value: Expression | undefined) => void;
  /** Fields that may appear in the condition. */
  fields: FieldChoice[];
  /** Allow comparing with another field (cross-section rules). */
  allowFieldOperand?: boolean;
  /** Test id prefix for the controls. */
  name: string;
};

/** A typed condition editor: rows of 字段 · 比较 · 值, joined by 全部满足 / 任一满足. No JavaScript. */
export function ConditionBuilder({ value, onChange, fields, allowFieldOperand, name }: ConditionBuilderProps) {
  const [draft, setDraft] = useExpressionDraft(value, { fromExpression: conditionFromExpression, toExpression: groupToExpression });

  if (!draft) return <RawExpressionNotice value={value} message="此条件结构较复杂，无法在可视化编辑器中显示" clearLabel="清除条件" onClear={() => onChange(undefined)} />;

  const update = (next: ConditionGroup) => {
    setDraft(next);
    const expr = groupToExpression(next);
    // an unfinished row keeps the rule as it was; only removing every row clears it
    if (expr === undefined && next.conditions.length > 0) return;
    if (!sameExpression(expr, value)) onChange(expr);
  };
  const incomplete = draft.conditions.some((row) => conditionToExpression(row) === undefined);
  const updateRow = (index: number, row: Condition) =>
    update({ ...draft, conditions: draft.conditions.map((entry, i) => (i === index ? row : entry)) });
  const byId = new Map(fields.map((field) => [field.id, field]));

  return (
    <div className="xfd-condition" data-testid={`${name}-builder`}>
      {draft.conditions.length > 1 && (
        <Radio.Group
          size="small"
          value={draft.combinator}
          onChange={(event) => update({ ...draft, combinator: event.target.value })}
          options={[
            { label: '全部满足', value: 'and' },
            { label: '任一满足', value: 'or' },
          ]}
          optionType="button"
          style={{ marginBottom: 8 }}
        />
      )}
      {draft.conditions.map((row, index) => {
        const field = byId.get(row.fieldId);
        const kind: ValueKind = field ? valueKinds[field.type] : 'text';
        const operators = operatorsByKind[kind];
        const missing = row.fieldId !== '' && !field;
        return (
          <div key={index} className="xfd-condition-row" data-testid={`${name}-row-${index}`}>
            <Select
              size="small"
              showSearch
              optionFilterProp="label"
              placeholder="选择字段"
              status={missing ? 'error' : undefined}
              value={row.fieldId || undefined}
              style={{ width: '100%' }}
              options={fields.map((entry) => ({ value: entry.id, label: `${entry.sectionTitle} / ${entry.label}` }))}
              onChange={(fieldId: string) => {
                const nextKind = valueKinds[byId.get(fieldId)!.type];
                const operator = operatorsByKind[nextKind].includes(row.operator) ? row.operator : operatorsByKind[nextKind][0];
                updateRow(index, { fieldId, operator, right: nextKind === 'boolean' ? { kind: 'value', value: true } : undefined });
              }}
              notFoundContent="没有可用的字段"
            />
            {missing && <Typography.Text type="danger">引用的字段已不存在</Typography.Text>}
            <Space.Compact style={{ width: '100%' }}>
              <Select
                size="small"
                value={row.operator}
                style={{ width: 110 }}
                options={operators.map((operator) => ({ value: operator, label: operatorLabel(operator, kind) }))}
                onChange={(operator) =>
                  updateRow(index, { ...row, operator, right: takesList(operator) === takesList(row.operator) ? row.right : undefined })
                }
              />
              {takesOperand(row.operator) && (
                <OperandInput
                  row={row}
                  kind={kind}
                  field={field}
                  fields={fields}
                  allowFieldOperand={allowFieldOperand}
                  onChange={(next) => updateRow(index, next)}
                />
              )}
              <Button
                size="small"
                icon={<DeleteOutlined />}
                aria-label="删除条件"
                onClick={() => update({ ...draft, conditions: draft.conditions.filter((_, i) => i !== index) })}
              />
            </Space.Compact>
          </div>
        );
      })}
      {incomplete && (
        <Typography.Paragraph type="warning" style={{ fontSize: 12, marginBottom: 6 }}>
          条件尚未填写完整，补全后生效
        </Typography.Paragraph>
      )}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => update({ ...draft, conditions: [...draft.conditions, { fieldId: '', operator: 'eq' }] })}
        data-testid={`${name}-add`}
      >
        添加条件
      </Button>
    </div>
  );
}

type OperandInputProps = {
  row: Condition;
  kind: ValueKind;
  field: FieldChoice | undefined;
  fields: FieldChoice[];
  allowFieldOperand?: boolean;
  onChange: (row: Condition) => void;
};

/** The right-hand side editor: typed by the left field (money in 元, stored in 分). */
function OperandInput({ row, kind, field, fields, allowFieldOperand, onChange }: OperandInputProps) {
  const setValue = (value: Literal | Literal[] | undefined) =>
    onChange({ ...row, right: value === undefined ? undefined : { kind: 'value', value } });
  const current = row.right?.kind === 'value' ? row.right.value : undefined;
  const list = takesList(row.operator);
  const canCompareField = allowFieldOperand && !list && kind !== 'boolean';
  const usingField = row.right?.kind === 'field';

  let editor;
  if (usingField) {
    const sameKind = fields.filter((entry) => entry.id !== row.fieldId && valueKinds[entry.type] === kind);
    editor = (
      <Select
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        placeholder="选择字段"
        value={row.right?.kind === 'field' ? row.right.fieldId || undefined : undefined}
        options={sameKind.map((entry) => ({ value: entry.id, label: `${entry.sectionTitle} / ${entry.label}` }))}
        onChange={(fieldId: string) => onChange({ ...row, right: { kind: 'field', fieldId } })}
      />
    );
  } else if (field?.options && (kind === 'choice' || kind === 'choices')) {
    editor = (
      <Select
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        mode={list ? 'multiple' : undefined}
        placeholder="选择值"
        value={(list ? (Array.isArray(current) ? current : []) : (current ?? undefined)) as never}
        options={field.options.map((option) => ({ value: option.value, label: option.label }))}
        onChange={(value: string | string[]) => setValue(value)}
      />
    );
  } else if (kind === 'boolean') {
    editor = (
      <Select
        size="small"
        style={{ flex: 1 }}
        value={current === false ? 'false' : 'true'}
        options={[
          { value: 'true', label: '开启（是）' },
          { value: 'false', label: '关闭（否）' },
        ]}
        onChange={(value) => setValue(value === 'true')}
      />
    );
  } else if (list) {
    editor = (
      <Select
        size="small"
        mode="tags"
        style={{ flex: 1, minWidth: 0 }}
        placeholder="输入值后回车"
        value={(Array.isArray(current) ? current : []).map(String)}
        onChange={(values: string[]) => setValue(values.map((entry) => literalOf(kind, entry)))}
        open={false}
      />
    );
  } else if (kind === 'number' || kind === 'money') {
    const money = kind === 'money';
    editor = (
      <InputNumber
        size="small"
        style={{ flex: 1 }}
        placeholder={money ? '金额（元）' : '数值'}
        precision={money ? 2 : undefined}
        value={typeof current === 'number' ? (money ? current / 100 : current) : null}
        onChange={(value) => setValue(typeof value === 'number' ? (money ? Math.round(value * 100) : value) : undefined)}
        suffix={money ? '元' : undefined}
      />
    );
  } else {
    editor = (
      <Input
        size="small"
        style={{ flex: 1 }}
        type={kind === 'date' ? 'date' : 'text'}
        placeholder="值"
        value={typeof current === 'string' ? current : ''}
        onChange={(event) => setValue(event.target.value === '' ? undefined : event.target.value)}
      />
    );
  }
  return (
    <>
      {canCompareField && (
        <Select
          size="small"
          style={{ width: 76 }}
          value={usingField ? 'field' : 'value'}
          options={[
            { value: 'value', label: '值' },
            { value: 'field', label: '字段' },
          ]}
          onChange={(mode) => onChange({ ...row, right: mode === 'field' ? { kind: 'field', fieldId: '' } : undefined })}
        />
      )}
      {editor}
    </>
  );
}
