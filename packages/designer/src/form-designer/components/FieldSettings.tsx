import { Alert, Button, Form, Input, Radio, Select, Switch, Tabs, Typography, Tag } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import {
  conversionTargets,
  fieldTypeDefinition,
  nonEmptyValueSchema,
  type DictionaryEntry,
  type Expression,
  type FieldType,
  type FormDocument,
  type FormField,
} from '@xlgl/schema';
import { settingDescriptors, settingsIssues } from '../model/settingsSchema.js';
import { gridSpan, widthOptions } from '../model/layout.js';
import { fieldChoices } from '../model/fieldChoices.js';
import type { FieldLocation } from '../model/formTree.js';
import type { FormDesignerContext, FormIssue } from '../types.js';
import { settingLooks, type SettingLook } from './settingLabels.js';
import { SettingControl } from './SettingControl.js';
import { OptionsEditor } from './OptionsEditor.js';
import { DefaultValueInput, hasDefaultValue } from './DefaultValueInput.js';
import { ConditionBuilder } from './ConditionBuilder.js';
import { FormulaBuilder } from './FormulaBuilder.js';
import { fieldTypeIcons } from './fieldTypeLooks.js';

export type FieldSettingsProps = {
  form: FormDocument;
  location: FieldLocation;
  context: FormDesignerContext;
  dictionaryEntries: Record<string, DictionaryEntry[]>;
  issues: FormIssue[];
  onEdit: (change: (field: FormField) => FormField, mergeKey?: string) => void;
  onChangeType: (type: FieldType) => void;
  onDelete: () => void;
};

const numericTypes: ReadonlySet<FieldType> = new Set(['number', 'money']);

/** The two condition rules a field can have (a new one starts as “another field is filled in”). */
const conditionRules = [
  { key: 'visibleWhen', name: 'visible', label: '显示条件', help: '条件成立时显示本字段，否则隐藏（隐藏的字段不校验必填）' },
  { key: 'enabledWhen', name: 'enabled', label: '可编辑条件', help: '条件成立时可以填写，否则只读' },
] as const;

/** Everything about one field: basics, its type's settings (from the zod settings schema), rules. */
export function FieldSettings({ form, location, context, dictionaryEntries, issues, onEdit, onChangeType, onDelete }: FieldSettingsProps) {
  const { field } = location;
  const definition = fieldTypeDefinition(field.type);
  const inSubTable = Boolean(location.parentFieldId);
  const columns = form.sections.find((section) => section.id === location.sectionId)?.columns ?? 2;
  const parent = inSubTable ? form.sections.flatMap((section) => section.fields).find((entry) => entry.id === location.parentFieldId) : undefined;
  const others = fieldChoices(form, { excludeId: field.id, dictionaries: dictionaryEntries, row: parent });
  const self = fieldChoices({ ...form, sections: [{ ...form.sections[0], fields: [field] }] }, { dictionaries: dictionaryEntries })[0];
  const descriptors = settingDescriptors(definition);
  const looks = settingLooks[field.type] as Record<string, SettingLook>;
  const settingProblems = settingsIssues(definition, field.settings);
  const key = (what: string) => `${field.id}:${what}`;

  let defaultProblem: string | undefined;
  if (field.defaultValue !== undefined) {
    const result = nonEmptyValueSchema(field, { dictionaries: dictionaryEntries }).safeParse(field.defaultValue);
    if (!result.success) defaultProblem = result.error.issues[0]?.message;
  }
  const setRule = (rule: 'visibleWhen' | 'enabledWhen' | 'computed', value: Expression | undefined) =>
    onEdit((current) => {
      const next = { ...current };
      if (value === undefined) delete next[rule];
      else next[rule] = value;
      return next;
    }, key(rule));
  const targets = conversionTargets(field.type);

  const basics = (
    <Form layout="vertical" size="small">
      <Form.Item
        label="字段名称"
        required
        validateStatus={field.label.trim() === '' ? 'error' : undefined}
        help={field.label.trim() === '' ? '字段名称不能为空' : undefined}
      >
        <Input
          value={field.label}
          maxLength={200}
          showCount
          onChange={(event) => onEdit((current) => ({ ...current, label: event.target.value }), key('label'))}
          data-testid="field-label"
        />
      </Form.Item>
      <Form.Item label="帮助说明">
        <Input.TextArea
          value={field.help ?? ''}
          maxLength={500}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onChange={(event) =>
            onEdit((current) => {
              const next: FormField = { ...current, help: event.target.value };
              if (!next.help) delete next.help;
              return next;
            }, key('help'))
          }
          data-testid="field-help"
        />
      </Form.Item>
      <Form.Item label="必填">
        <Switch
          checked={field.required}
          onChange={(required) => onEdit((current) => ({ ...current, required }))}
          data-testid="field-required"
        />
      </Form.Item>
      {!inSubTable && field.type !== 'sub-table' && (
        <Form.Item label="宽度" extra={`本分组每行${columns}列，预览与运行时相同`}>
          <Radio.Group
            optionType="button"
            size="small"
            value={gridSpan(field.span, columns)}
            options={widthOptions(columns).map((option) => ({ value: option.columns, label: option.label }))}
            onChange={(event) => onEdit((current) => ({ ...current, span: widthOptions(columns)[event.target.value - 1].value }))}
            data-testid="field-span"
          />
        </Form.Item>
      )}
      {hasDefaultValue(field.type) && !field.computed && (
        <Form.Item label="默认值" validateStatus={defaultProblem ? 'error' : undefined} help={defaultProblem}>
          <DefaultValueInput
            field={self}
            value={field.defaultValue}
            onChange={(value) =>
              onEdit((current) => {
                const next: FormField = { ...current, defaultValue: value };
                if (value === undefined) delete next.defaultValue;
                return next;
              }, key('default'))
            }
          />
        </Form.Item>
      )}
      <Form.Item
        label="字段类型"
        extra={targets.length === 0 ? '该类型不能更改为其他类型' : '更改类型时已有数据会尽量转换，无法转换的会在发布前列出'}
      >
        <Select
          value={field.type}
          disabled={targets.length === 0}
          options={[field.type, ...targets].map((type) => ({ value: type, label: fieldTypeDefinition(type).label }))}
          onChange={(type: FieldType) => type !== field.type && onChangeType(type)}
          data-testid="field-type"
        />
      </Form.Item>
      <Form.Item label="字段标识" extra="自动生成，用作数据库列名，与字段名称无关">
        <Typography.Text code copyable>
          {field.id}
        </Typography.Text>
      </Form.Item>
    </Form>
  );

  const settings = (
    <Form layout="vertical" size="small">
      {(field.type === 'select' || field.type === 'multi-select') && (
        <Form.Item label="选项">
          <OptionsEditor field={field} dictionaries={context.dictionaries} onChange={onEdit} />
        </Form.Item>
      )}
      {descriptors
        .filter((descriptor) => looks[descriptor.key]?.widget !== 'options')
        .map((descriptor) => {
          const look = looks[descriptor.key] ?? { label: descriptor.key };
          const problems = settingProblems.filter((problem) => problem.key === descriptor.key);
          return (
            <Form.Item
              key={descriptor.key}
              label={look.label}
              tooltip={look.help}
              validateStatus={problems.length > 0 ? 'error' : undefined}
              help={problems.map((problem) => problem.message).join('；') || undefined}
            >
              <SettingControl
                descriptor={descriptor}
                look={look}
                value={field.settings[descriptor.key]}
                context={context}
                fields={others}
                onChange={(value) =>
                  onEdit(
                    (current) => {
                      const settings = { ...current.settings };
                      if (value === undefined && descriptor.defaultValue !== undefined)
                        settings[descriptor.key] = structuredClone(descriptor.defaultValue);
                      else if (value === undefined) delete settings[descriptor.key];
                      else settings[descriptor.key] = value;
                      return { ...current, settings };
                    },
                    key(`settings.${descriptor.key}`),
                  )
                }
              />
            </Form.Item>
          );
        })}
      {descriptors.length === 0 && <Typography.Text type="secondary">“{definition.label}”按国家标准校验，没有其他设置。</Typography.Text>}
    </Form>
  );

  const rules = (
    <Form layout="vertical" size="small">
      {inSubTable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          子表列的条件和公式按每一行分别计算，可引用同一行的其他列和表单中的字段。
        </Typography.Paragraph>
      )}
      {conditionRules.map((rule) => (
        <RuleItem
          key={rule.key}
          label={rule.label}
          help={rule.help}
          enabled={Boolean(field[rule.key])}
          onToggle={(on) => setRule(rule.key, on ? { op: 'notEmpty', arg: { op: 'field', field: others[0]?.id ?? field.id } } : undefined)}
          disabled={others.length === 0}
          testId={`rule-${rule.name}`}
        >
          <ConditionBuilder name={rule.name} value={field[rule.key]} onChange={(value) => setRule(rule.key, value)} fields={others} />
        </RuleItem>
      ))}
      {numericTypes.has(field.type) && (
        <RuleItem
          label="计算公式"
          help="由其他数字、金额字段计算得出，只读"
          enabled={Boolean(field.computed)}
          disabled={!others.some((other) => numericTypes.has(other.type))}
          onToggle={(on) =>
            setRule('computed', on ? { op: 'field', field: others.find((other) => numericTypes.has(other.type))!.id } : undefined)
          }
          testId="rule-computed"
        >
          {field.computed && (
            <FormulaBuilder
              value={field.computed}
              onChange={(value) => setRule('computed', value)}
              fields={others.filter((other) => numericTypes.has(other.type))}
            />
          )}
        </RuleItem>
      )}
    </Form>
  );

  return (
    <div className="xfd-settings" data-testid="field-settings">
      <div className="xfd-settings-head">
        <span className="xfd-settings-type">
          {fieldTypeIcons[field.type]} {definition.label}
          {inSubTable && <Tag style={{ marginLeft: 8 }}>子表列</Tag>}
        </span>
        <Button size="small" danger icon={<DeleteOutlined />} onClick={onDelete} data-testid="delete-field">
          删除
        </Button>
      </div>
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={
            <ul className="xfd-issue-list">
              {issues.map((issue, index) => (
                <li key={index}>{issue.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        size="small"
        defaultActiveKey={initialTab(issues)}
        items={[
          { key: 'basics', label: '基本', children: basics },
          { key: 'settings', label: '校验与选项', children: settings },
          { key: 'rules', label: '联动规则', children: rules },
        ]}
      />
    </div>
  );
}

/** Opens the tab where the field's first problem is. */
function initialTab(issues: FormIssue[]): string {
  // the part of the path inside the field: sections.<s>.fields.<f>[.fields.<c>].<rest>
  let rest = (issues[0]?.path ?? []).slice(4);
  if (rest[0] === 'fields' && typeof rest[1] === 'number') rest = rest.slice(2);
  if (rest[0] === 'visibleWhen' || rest[0] === 'enabledWhen' || rest[0] === 'computed') return 'rules';
  if (rest[0] === 'settings' || rest[0] === 'dictionaryId') return 'settings';
  return 'basics';
}

type RuleItemProps = {
  label: string;
  help: string;
  enabled: boolean;
  disabled?: boolean;
  onToggle: (on: boolean) => void;
  testId: string;
  children: React.ReactNode;
};

function RuleItem({ label, help, enabled, disabled, onToggle, testId, children }: RuleItemProps) {
  return (
    <div className="xfd-rule">
      <div className="xfd-rule-toggle">
        <Switch size="small" checked={enabled} disabled={disabled && !enabled} onChange={onToggle} data-testid={testId} />
        <Typography.Text strong>{label}</Typography.Text>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
        {help}
        {disabled && !enabled ? '（表单中还没有可引用的字段）' : ''}
      </Typography.Paragraph>
      {enabled && children}
    </div>
  );
}
