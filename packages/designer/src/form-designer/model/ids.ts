import { newFieldId, newId } from '@xlgl/schema';

/**
 * Fresh ids for form parts. All of them become SQL-safe identifiers (`^[a-z][a-z0-9_]{0,47}$`)
 * and never come from a label; `taken` guards against the (tiny) chance of a collision.
 */
export function freshFieldId(taken: ReadonlySet<string>): string {
  return fresh(newFieldId, taken);
}

/** Section ids share the field-id format (the schema checks them with the same pattern). */
export function freshSectionId(taken: ReadonlySet<string>): string {
  return fresh(() => newId('s', 8), taken);
}

/** Cross-section rule ids. */
export function freshRuleId(taken: ReadonlySet<string>): string {
  return fresh(() => newId('r', 8), taken);
}

function fresh(generate: () => string, taken: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const id = generate();
    if (!taken.has(id)) return id;
  }
  throw new Error('无法生成不重复的标识');
}
