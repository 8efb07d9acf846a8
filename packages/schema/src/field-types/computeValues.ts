import { evaluate, fieldsRead } from '../expression.js';
import { activeFields, type FormShape } from './formView.js';

/**
 * Fills computed fields from their expressions, in dependency order (a computed field may read
 * another). Money results are rounded to whole fen. Returns a new object.
 */
export function computeValues(form: FormShape, values: Record<string, unknown>): Record<string, unknown> {
  const computed = activeFields(form).filter((field) => field.computed);
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
