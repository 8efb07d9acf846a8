import { z } from 'zod';
import type { FieldDeclaration, ValueContext } from './definition.js';
import { isEmptyValue } from './definition.js';
import { fieldTypeDefinition } from './registry.js';
import { upgradeFieldSettings } from './settingsUpgrade.js';

export type ValueSchemaOptions = Omit<ValueContext, 'rowFieldSchema'>;

/** Whether a value is empty for the field's type. */
export function isEmptyFieldValue(field: Pick<FieldDeclaration, 'type'>, value: unknown): boolean {
  const definition = fieldTypeDefinition(field.type);
  return (definition.isEmpty ?? isEmptyValue)(value);
}

/** The message shown when a required field is empty, e.g. `请填写“联系电话”`. */
export function requiredMessage(field: Pick<FieldDeclaration, 'type' | 'label'>): string {
  return `请${fieldTypeDefinition(field.type).emptyVerb}“${field.label}”`;
}

/** Whether a sub-table column has visibility/enable rules or a computed value (evaluated per row). */
export function hasRowRules(field: FieldDeclaration & { visibleWhen?: unknown; enabledWhen?: unknown; computed?: unknown }): boolean {
  return Boolean(field.visibleWhen || field.enabledWhen || field.computed);
}

function context(options: ValueSchemaOptions): ValueContext {
  const full: ValueContext = {
    ...options,
    // a column with rules is required only where its row shows and enables it: `recordSchema` checks that
    rowFieldSchema: (child) => fieldValueSchema(child, { ...options, required: (child.required ?? false) && !hasRowRules(child) }),
  };
  return full;
}

/** The schema of a non-empty value of a field (the type's value schema with its settings). */
export function nonEmptyValueSchema(field: FieldDeclaration, options: ValueSchemaOptions = {}): z.ZodType {
  // a form stored before its type's settings changed is read in the current shape
  const current = upgradeFieldSettings(field as unknown as Record<string, unknown>).field as unknown as FieldDeclaration;
  return fieldTypeDefinition(field.type).value(current, context(options));
}

/**
 * The schema of one field's value as entered: empty values (blank text, `[]`, `null`) become
 * `undefined`; `required` turns emptiness into `请填写“…”`. Used by the renderer for per-field
 * validation, by sub-table rows, and (without `required`) by `recordSchema`.
 */
export function fieldValueSchema(field: FieldDeclaration, options: ValueSchemaOptions & { required?: boolean } = {}): z.ZodType {
  const inner = nonEmptyValueSchema(field, options);
  const normalised = z.preprocess((value) => (isEmptyFieldValue(field, value) ? undefined : value), inner.optional());
  if (!options.required) return normalised;
  return normalised.refine((value) => value !== undefined, { message: requiredMessage(field) });
}
