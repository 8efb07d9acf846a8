import { z } from 'zod';
import { evaluate, fieldsRead } from '../expression.js';
import { activeFields, fieldStates, rowFieldStates, type FormShape, type FormView } from './formView.js';
import { fieldValueSchema, hasRowRules, isEmptyFieldValue, requiredMessage, type ValueSchemaOptions } from './fieldValueSchema.js';

export type RecordSchemaOptions = ValueSchemaOptions & {
  /** The screen's view: only editable, visible fields are required; rules that read none of them are skipped. */
  view?: FormView;
  /** 暂存: check value shapes only, not required fields or rules. */
  draft?: boolean;
};

/**
 * The zod schema of a whole record of a form (the same on server and client): every active field
 * optional by shape, unknown keys dropped; then `required` for fields the view can edit and are
 * visible for these values (computed fields excluded), and the form's cross-field rules.
 *
 * On the server: `recordSchema(form, { view }).parse(computeValues(form, mergeForView(form, …)))`.
 */
export function recordSchema(form: FormShape, options: RecordSchemaOptions = {}) {
  const shape: Record<string, z.ZodType> = {};
  const fields = activeFields(form);
  for (const field of fields) shape[field.id] = fieldValueSchema(field, options);
  const object = z.object(shape);
  if (options.draft) return object;
  return object.check(
    z.superRefine(
      (values: Record<string, unknown>, ctx) => {
        const states = fieldStates(form, values, options.view);
        for (const field of fields) {
          const state = states[field.id];
          if (!field.required || !state.editable) continue;
          if (isEmptyFieldValue(field, values[field.id])) {
            ctx.addIssue({ code: 'custom', path: [field.id], message: requiredMessage(field), input: values[field.id] });
          }
        }
        // required sub-table columns: those with rules in the rows that show and enable them; the others
        // where the row leaves the key out (an object shape skips absent keys; present ones are checked by the row schema)
        for (const field of fields) {
          const ruled = (field.fields ?? []).filter((column) => column.required && !column.removed);
          const rows = values[field.id];
          if (ruled.length === 0 || !Array.isArray(rows) || !states[field.id]?.editable) continue;
          rows.forEach((row, index) => {
            const rowStates = rowFieldStates(field, row, values);
            for (const column of ruled) {
              if (!rowStates[column.id]?.editable) continue;
              const present = typeof row === 'object' && row !== null && Object.prototype.hasOwnProperty.call(row, column.id);
              if (!hasRowRules(column) && present) continue;
              const value = (row as Record<string, unknown> | undefined)?.[column.id];
              if (isEmptyFieldValue(column, value)) {
                ctx.addIssue({ code: 'custom', path: [field.id, index, column.id], message: requiredMessage(column), input: value });
              }
            }
          });
        }
        for (const rule of form.rules ?? []) {
          const reads = [...fieldsRead(rule.expression)];
          // a rule no editable field takes part in cannot be fixed on this screen
          if (options.view && !reads.some((id) => states[id]?.editable)) continue;
          if (evaluate(rule.expression, values)) continue;
          const at = rule.field ?? reads.find((id) => states[id]?.editable) ?? reads[0];
          ctx.addIssue({ code: 'custom', path: at ? [at] : [], message: rule.message, input: values });
        }
      },
      // run even when some values are malformed, so every problem is listed at once
      { when: () => true },
    ),
  );
}

/** The record type `recordSchema` produces: field id → value. */
export type FormRecord = Record<string, unknown>;
