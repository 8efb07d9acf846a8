import { Input, InputNumber, Select, Typography } from 'antd';
import type { ChoiceOption } from '@xlgl/schema';
import type { FieldChoice } from '../model/fieldChoices.js';
import { OptionalTextInput } from './OptionalTextInput.js';
import { YuanInput } from './YuanInput.js';

type DefaultValueInputProps = {
  field: FieldChoice;
  value: unknown;
  onChange: (value: unknown) => void;
};

const textTypes = new Set(['text', 'textarea', 'id-number', 'credit-code', 'mobile', 'email', 'region']);

/** `2026-03-01T09:30` (local input, China time) ⇄ `2026-03-01T09:30:00+08:00`. */
const toIsoDateTime = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined);
const fromIsoDateTime = (value: unknown) => (typeof value === 'string' ? value.replace(/(\+08:00|Z)$/, '').slice(0, 19) : '');

/** Whether a field type takes a default value in the designer. */
export function hasDefaultValue(type: string): boolean {
  return textTypes.has(type) || ['number', 'money', 'date', 'datetime', 'select', 'multi-select', 'switch'].includes(type);
}

/** A typed default value editor (money in 元, stored in 分). */
export function DefaultValueInput({ field, value, onChange }: DefaultValueInputProps) {
  const testId = 'default-value';
  const options = (field.options ?? []).map((option: ChoiceOption) => ({ value: option.value, label: option.label }));
  switch (field.type) {
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
          placeholder="无"
          data-testid={testId}
        />
      );
    case 'money':
      return (
        <YuanInput placeholder="无" value={value} onChange={onChange} data-testid={testId} />
      );
    case 'date':
      return (
        <OptionalTextInput type="date" value={value} onChange={onChange} data-testid={testId} />
      );
    case 'datetime':
      return (
        <Input
          type="datetime-local"
          value={fromIsoDateTime(value)}
          onChange={(event) => onChange(toIsoDateTime(event.target.value))}
          data-testid={testId}
        />
      );
    case 'select':
      return (
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder="无"
          value={value as string | undefined}
          options={options}
          onChange={(next) => onChange(next ?? undefined)}
          data-testid={testId}
        />
      );
    case 'multi-select':
      return (
        <Select
          mode="multiple"
          allowClear
          style={{ width: '100%' }}
          placeholder="无"
          value={Array.isArray(value) ? (value as string[]) : []}
          options={options}
          onChange={(next: string[]) => onChange(next.length > 0 ? next : undefined)}
          data-testid={testId}
        />
      );
    case 'switch':
      return (
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder="无"
          value={value === true ? 'true' : value === false ? 'false' : undefined}
          options={[
            { value: 'true', label: '开启' },
            { value: 'false', label: '关闭' },
          ]}
          onChange={(next) => onChange(next === undefined ? undefined : next === 'true')}
          data-testid={testId}
        />
      );
    default:
      if (textTypes.has(field.type)) {
        return <OptionalTextInput allowClear placeholder="无" value={value} onChange={onChange} data-testid={testId} />;
      }
      return <Typography.Text type="secondary">该类型不设默认值</Typography.Text>;
  }
}
