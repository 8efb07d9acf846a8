import type { ISchema } from '@formily/react';
import type { Field } from '@formily/core';
import {
  activeFields,
  evaluate,
  fieldPermission,
  fieldValueSchema,
  type FieldPermission,
  type FormDocument,
  type FormField,
  type FormView,
  upgradeFormSettings,
} from '@xlgl/schema';
import { fieldRenderer } from './fieldRenderers.js';
import type { SchemaBuildContext } from './fieldRenderer.js';
import type { RendererServices } from './RendererContext.js';
import { idNumberFill } from './idNumberFill.js';

export type FormilySchemaOptions = { view?: FormView; services?: RendererServices; readOnly?: boolean };

/** Maps a 24-column span to the section's grid columns. */
function gridSpan(span: number, columns: number): number {
  return Math.min(columns, Math.max(1, Math.round((span / 24) * columns)));
}

/**
 * formily validator from the field's zod value schema (the same schema the server uses). The zod
 * schema is built on the first validation, not when the form is drawn.
 */
function validator(field: FormField, services: RendererServices) {
  let schema: ReturnType<typeof fieldValueSchema> | undefined;
  return (value: unknown, _rule: unknown, context: { field?: Field }) => {
    const current = context?.field;
    if (current && (current.pattern !== 'editable' || current.display !== 'visible')) return '';
    schema ??= fieldValueSchema(field, { dictionaries: services.dictionaries, required: field.required });
    const result = schema.safeParse(value);
    return result.success ? '' : (result.error.issues[0]?.message ?? '输入不正确');
  };
}

/** Rules of a sub-table column are evaluated against the row's own values over the top-level values. */
type RowScope = { rowValues: (field: Field) => Record<string, unknown> };

const rowScope: RowScope = {
  // a cell's path is `<sub-table>.<row index>.<column>`: its parent is the row
  rowValues: (cell) => {
    const row = cell.form.getValuesIn(cell.path.parent()) as Record<string, unknown> | undefined;
    return { ...(cell.form.values as Record<string, unknown>), ...(row ?? {}) };
  },
};

type FieldSchemaOptions = {
  permission: FieldPermission;
  columns?: number;
  /** Active top-level fields (id-number fills). */
  all: FormField[];
  context: SchemaBuildContext;
  readOnly?: boolean;
  /** Set for sub-table columns. */
  row?: RowScope;
};

function fieldSchema(field: FormField, options: FieldSchemaOptions): ISchema {
  const renderer = fieldRenderer(field.type);
  const { context, permission, row } = options;
  const readPretty = options.readOnly || permission === 'read' || Boolean(field.computed);
  const valuesOf = (formilyField: Field) => (row ? row.rowValues(formilyField) : (formilyField.form.values as Record<string, unknown>));
  const fillsIdentity = field.type === 'id-number' && !readPretty && !row;
  // a reaction is an observer that re-runs when what it reads changes: create one only for fields with rules
  const needsReaction = Boolean(field.visibleWhen || (!readPretty && field.enabledWhen) || field.computed || fillsIdentity);
  const reactions = (formilyField: Field) => {
    const values = valuesOf(formilyField);
    if (field.visibleWhen) formilyField.display = evaluate(field.visibleWhen, values) ? 'visible' : 'hidden';
    if (!readPretty && field.enabledWhen) formilyField.pattern = evaluate(field.enabledWhen, values) ? 'editable' : 'disabled';
    if (field.computed) {
      let value = evaluate(field.computed, values);
      if (typeof value === 'number' && !Number.isFinite(value)) value = null;
      if (field.type === 'money' && typeof value === 'number') value = Math.round(value);
      formilyField.setValue(value ?? undefined);
    }
    if (fillsIdentity) {
      const fill = idNumberFill(field, formilyField.value, { fields: options.all, dictionaries: context.services.dictionaries });
      for (const [target, value] of Object.entries(fill)) formilyField.form.setValuesIn(target, value);
    }
  };
  const extra = renderer.schema?.(field, context) ?? {};
  const span = options.columns ? gridSpan(field.type === 'sub-table' ? 24 : field.span, options.columns) : undefined;
  return {
    // composite values stay plain fields (an `object` type would make formily create an ObjectField)
    type: renderer.valueType === 'object' ? undefined : renderer.valueType,
    title: field.label,
    description: field.help,
    default: field.defaultValue,
    'x-decorator': 'FormItem',
    'x-decorator-props': { ...(span ? { style: { gridColumn: `span ${span}` } } : {}), asterisk: field.required && !readPretty },
    'x-component': renderer.componentName,
    'x-component-props': renderer.props?.(field, context) ?? {},
    'x-pattern': readPretty ? 'readPretty' : 'editable',
    'x-validator': validator(field, context.services),
    ...(needsReaction ? { 'x-reactions': reactions } : {}),
    ...extra,
  } as ISchema;
}

/**
 * The formily schema of a form document under a view: sections as cards with a grid, sections
 * with a `tab` under tabs, hidden fields left out, read-only fields in read-pretty mode, rules
 * and computed values as reactions, validation by the zod value schemas.
 * Functions in the schema are built here at run time; the metadata itself holds no code.
 */
export function toFormilySchema(stored: FormDocument, options: FormilySchemaOptions = {}): ISchema {
  // a form stored before a field type's settings changed is shown in the current shape
  const doc = upgradeFormSettings(stored as unknown as Record<string, unknown>).document as unknown as FormDocument;
  const services = options.services ?? {};
  const all = activeFields(doc);
  const context: SchemaBuildContext = {
    services,
    childSchema: (child) => {
      // the column header names the cell: a label inside it (repeated per row) squeezed the input to nothing in narrow tables
      const { title: _title, ...schema } = fieldSchema(child, { permission: 'edit', all, context, readOnly: options.readOnly, row: rowScope });
      return { ...schema, 'x-decorator-props': { asterisk: child.required && !options.readOnly, feedbackLayout: 'popover' } };
    },
  };
  const sectionSchemas: { tab?: string; key: string; schema: ISchema }[] = [];
  for (const section of doc.sections) {
    const properties: Record<string, ISchema> = {};
    for (const field of section.fields) {
      if (field.removed) continue;
      const permission = fieldPermission(doc, options.view, field.id);
      if (permission === 'hidden') continue;
      // a sub-table takes the full row
      properties[field.id] = fieldSchema(field, { permission, columns: section.columns, all, context, readOnly: options.readOnly });
    }
    if (Object.keys(properties).length === 0) continue;
    sectionSchemas.push({
      tab: section.tab,
      key: `__section_${section.id}`,
      schema: {
        type: 'void',
        'x-component': 'SectionCard',
        'x-component-props': { title: section.title, sectionId: section.id },
        properties: {
          __grid: { type: 'void', 'x-component': 'SectionGrid', 'x-component-props': { columns: section.columns }, properties },
        },
      },
    });
  }
  const properties: Record<string, ISchema> = {};
  for (const entry of sectionSchemas.filter((section) => !section.tab)) properties[entry.key] = entry.schema;
  const tabs = [...new Set(sectionSchemas.filter((section) => section.tab).map((section) => section.tab!))];
  if (tabs.length > 0) {
    const panes: Record<string, ISchema> = {};
    tabs.forEach((tab, index) => {
      const inner: Record<string, ISchema> = {};
      for (const entry of sectionSchemas.filter((section) => section.tab === tab)) inner[entry.key] = entry.schema;
      panes[`__tab_${index}`] = { type: 'void', 'x-component': 'FormTab.TabPane', 'x-component-props': { tab }, properties: inner };
    });
    properties.__tabs = { type: 'void', 'x-component': 'FormTab', properties: panes };
  }
  return { type: 'object', properties };
}
