import { Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import type { FlowDocument, FlowNode, NodeTypeSchema } from '@xlgl/schema';

type ZodSchema = NodeTypeSchema['settings'];
import type { SettingsFieldSpec } from '../node-types/definition.js';
import type { FlowDesignerContext } from '../types.js';
import { settingsWidgets } from './widgets.js';

type Def = { type: string; innerType?: ZodSchema; entries?: Record<string, string>; shape?: Record<string, ZodSchema> };
const defOf = (schema: ZodSchema) => (schema as unknown as { def: Def }).def;

/** Strips optional/default wrappers; `optional` tells whether the key may be absent. */
export function unwrapSchema(schema: ZodSchema): { base: ZodSchema; optional: boolean } {
  let current = schema;
  let optional = false;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) {
      if (def.type === 'optional') optional = true;
      current = def.innerType;
    } else return { base: current, optional };
  }
}

/** The shape of an object schema (zod 4), or an empty record. */
export function schemaShape(schema: ZodSchema): Record<string, ZodSchema> {
  const def = defOf(schema);
  return def.type === 'object' ? ((schema as unknown as { shape: Record<string, ZodSchema> }).shape ?? {}) : {};
}

type Props = {
  schema: ZodSchema;
  panel: SettingsFieldSpec[];
  value: Record<string, unknown>;
  onChange: (key: string, value: unknown) => void;
  node: FlowNode;
  flow: FlowDocument;
  context: FlowDesignerContext;
  readOnly: boolean;
  /** Validation messages by settings key. */
  errors: Record<string, string>;
};

/**
 * A node's settings panel: rows declared by the node type, each edited by its named widget or by
 * an input inferred from the settings schema (enum → select, number → number input, …).
 */
export function SchemaSettingsForm({ schema, panel, value, onChange, node, flow, context, readOnly, errors }: Props) {
  const shape = schemaShape(schema);
  return (
    <Form layout="vertical" size="small" component="div">
      {panel.map((spec) => {
        const field = shape[spec.key];
        if (!field) return null;
        const { base, optional } = unwrapSchema(field);
        const def = defOf(base);
        let editor;
        if (spec.widget) {
          const Widget = settingsWidgets[spec.widget];
          editor = <Widget value={value[spec.key]} onChange={(next) => onChange(spec.key, next)} node={node} flow={flow} context={context} readOnly={readOnly} />;
        } else if (def.type === 'enum') {
          const entries = Object.values(def.entries ?? {});
          editor = (
            <Select
              allowClear={optional}
              disabled={readOnly}
              style={{ width: '100%' }}
              value={value[spec.key] as string | undefined}
              options={entries.map((entry) => ({ value: entry, label: spec.enumLabels?.[entry] ?? entry }))}
              onChange={(next) => onChange(spec.key, next ?? undefined)}
            />
          );
        } else if (def.type === 'number') {
          editor = (
            <InputNumber
              disabled={readOnly}
              min={0}
              precision={0}
              style={{ width: 200 }}
              suffix={spec.unit}
              value={value[spec.key] as number | undefined}
              onChange={(next) => onChange(spec.key, typeof next === 'number' ? next : undefined)}
            />
          );
        } else if (def.type === 'boolean') {
          editor = <Switch disabled={readOnly} checked={Boolean(value[spec.key])} onChange={(next) => onChange(spec.key, next)} />;
        } else if (def.type === 'string') {
          editor = <Input disabled={readOnly} value={value[spec.key] as string | undefined} onChange={(event) => onChange(spec.key, event.target.value || undefined)} />;
        } else {
          editor = <Typography.Text type="secondary">此设置无法在面板中编辑</Typography.Text>;
        }
        return (
          <Form.Item
            key={spec.key}
            label={spec.label}
            help={errors[spec.key] ?? spec.help}
            validateStatus={errors[spec.key] ? 'error' : undefined}
            style={{ marginBottom: 12 }}
          >
            {editor}
          </Form.Item>
        );
      })}
    </Form>
  );
}
