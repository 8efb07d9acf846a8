import { Input, InputNumber, Radio, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import { chinaDate } from '@xlgl/schema';
import type { SettingDescriptor } from '../model/settingsSchema.js';
import type { FieldChoice } from '../model/fieldChoices.js';
import type { FormDesignerContext, RegionTreeNode } from '../types.js';
import type { SettingLook } from './settingLabels.js';
import { OptionalTextInput } from './OptionalTextInput.js';
import { YuanInput } from './YuanInput.js';

type SettingControlProps = {
  descriptor: SettingDescriptor;
  look: SettingLook;
  value: unknown;
  /** `undefined` removes the property (optional ones) or restores its default. */
  onChange: (value: unknown) => void;
  context: FormDesignerContext;
  /** Other fields of the form, for `field-ref` settings. */
  fields: FieldChoice[];
};

type TreeOption = { value: string; title: string; children?: TreeOption[] };
const toTree = (nodes: RegionTreeNode[]): TreeOption[] =>
  nodes.map((node) => ({
    value: node.code,
    title: `${node.name}（${node.code}）`,
    children: node.children ? toTree(node.children) : undefined,
  }));

/**
 * The editor for one settings property, chosen from its zod shape (number, text, switch, choice,
 * list) or the designer's widget for it (money in 元, dates, field references, regions …).
 */
export function SettingControl({ descriptor, look, value, onChange, context, fields }: SettingControlProps) {
  const testId = `setting-${descriptor.key}`;
  switch (look.widget) {
    case 'fen':
      return (
        <YuanInput value={value} onChange={onChange} data-testid={testId} />
      );
    case 'date':
      return (
        <OptionalTextInput type="date" allowClear value={value} onChange={onChange} data-testid={testId} />
      );
    case 'date-limit': {
      const mode = value === 'today' ? 'today' : typeof value === 'string' ? 'date' : 'none';
      return (
        <Space.Compact style={{ width: '100%' }}>
          <Select
            style={{ width: 110 }}
            value={mode}
            options={[
              { value: 'none', label: '不限' },
              { value: 'today', label: '今天' },
              { value: 'date', label: '指定日期' },
            ]}
            onChange={(next) => onChange(next === 'today' ? 'today' : next === 'date' ? chinaDate(new Date().toISOString()) : undefined)}
            data-testid={`${testId}-mode`}
          />
          {mode === 'date' && (
            <OptionalTextInput type="date" value={value} onChange={onChange} data-testid={testId} />
          )}
        </Space.Compact>
      );
    }
    case 'field-ref':
      return (
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder="不自动填入"
          value={typeof value === 'string' ? value : undefined}
          options={fields
            .filter((field) => !look.refTypes || look.refTypes.includes(field.type))
            .map((field) => ({ value: field.id, label: `${field.sectionTitle} / ${field.label}` }))}
          onChange={(next) => onChange(next ?? undefined)}
          data-testid={testId}
        />
      );
    case 'region-code':
      if (context.regionTree.length === 0) return <OptionalTextInput value={value} onChange={onChange} data-testid={testId} />;
      return (
        <TreeSelect
          style={{ width: '100%' }}
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandedKeys={typeof value === 'string' ? [value] : []}
          value={typeof value === 'string' ? value : undefined}
          treeData={toTree(context.regionTree)}
          onChange={(next) => onChange(next ?? undefined)}
          data-testid={testId}
        />
      );
    case 'extensions':
      return (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          value={Array.isArray(value) ? (value as string[]) : []}
          tokenSeparators={[',', '，', ' ']}
          onChange={(next: string[]) => onChange(next.map((entry) => entry.trim().toLowerCase().replace(/^\./, '')).filter(Boolean))}
          options={['pdf', 'ofd', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx', 'zip'].map((entry) => ({
            value: entry,
            label: entry,
          }))}
          data-testid={testId}
        />
      );
    case 'material':
      if (!context.materials?.length) return <OptionalTextInput value={value} onChange={onChange} data-testid={testId} />;
      return (
        <Select
          style={{ width: '100%' }}
          showSearch
          optionFilterProp="label"
          value={typeof value === 'string' ? value : undefined}
          options={[
            ...context.materials.map((material) => ({ value: material.id, label: material.name })),
            // a slot id that is not (yet) an item material stays choosable
            ...(typeof value === 'string' && !context.materials.some((material) => material.id === value)
              ? [{ value, label: `${value}（未关联事项材料）` }]
              : []),
          ]}
          onChange={(next: string) => onChange(next)}
          data-testid={testId}
        />
      );
    case 'options':
      return null;
    default:
      break;
  }
  switch (descriptor.kind) {
    case 'boolean':
      return <Switch checked={value === true} onChange={(checked) => onChange(checked)} data-testid={testId} />;
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%' }}
          min={descriptor.min}
          max={descriptor.max}
          precision={descriptor.integer ? 0 : undefined}
          placeholder={descriptor.optional ? '不限' : undefined}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
          data-testid={testId}
        />
      );
    case 'string':
      return (
        <Input
          maxLength={descriptor.maxLength}
          allowClear={descriptor.optional}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value === '' && descriptor.optional ? undefined : event.target.value)}
          data-testid={testId}
        />
      );
    case 'enum':
      return (
        <Radio.Group
          optionType="button"
          size="small"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          options={descriptor.values.map((entry) => ({ value: entry, label: look.enumLabels?.[entry] ?? entry }))}
          data-testid={testId}
        />
      );
    case 'string-list':
      return (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next: string[]) => onChange(next)}
          open={false}
          data-testid={testId}
        />
      );
    default:
      return (
        <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
          {JSON.stringify(value)}
        </Typography.Text>
      );
  }
}
