import { evaluate, fieldsRead } from '../expression.js';
import { activeFields, rowScope, type FormShape } from './formView.js';
import type { FormField } from '../kinds/form.js';

/**
 * Fills computed fields from their expressions, in dependency order (a computed field may read
 * another), then computed sub-table columns row by row. Money results are rounded to whole fen.
 * Returns a new object.
 */
export function computeValues(form: FormShape, values: Record<string, unknown>): Record<string, unknown> {
  const fields = activeFields(form);
  const result = computeInOrder(fields, values);
  // computed sub-table columns, row by row, over the row's values and the (computed) top-level values
  for (const field of fields) {
    const columns = (field.fields ?? []).filter((column) => !column.removed);
    const rows = result[field.id];
    if (!columns.some((column) => column.computed) || !Array.isArray(rows)) continue;
    result[field.id] = rows.map((row) => {
      if (typeof row !== 'object' || row === null) return row;
      const scope = computeInOrder(columns, rowScope(result, row));
      return { ...(row as Record<string, unknown>), ...Object.fromEntries(columns.filter((column) => column.computed).map((column) => [column.id, scope[column.id]])) };
    });
  }
  return result;
}

/** Evaluates the computed ones of `fields` on `values` in dependency order; returns a new object. */
function computeInOrder(fields: FormField[], values: Record<string, unknown>): Record<string, unknown> {
  const computed = fields.filter((field) => field.computed);
  const result: Record<string, unknown> = { ...values };
  const done = new Set<string>();
  const pending = new Set(computed.map((field) => field.id));
  // at most n rounds; cycles are refused by the form schema, so this always ends
  for (let round = 0; round < computed.length && pending.size > 0; round += 1) {
    for (const field of computed) {
      if (done.has(field.id)) continue;
      const deps = [...fieldsRead(field.computed!)];
      if (deps.some((dep) => pending.has(dep) && dep !== field.id)) continue;
      let value = evaluate(field.computed!, result);
      if (field.type === 'money' && typeof value === 'number') value = Math.round(value);
      if (typeof value === 'number' && !Number.isFinite(value)) value = null;
      result[field.id] = value;
      done.add(field.id);
      pending.delete(field.id);
    }
  }
  return result;
}
