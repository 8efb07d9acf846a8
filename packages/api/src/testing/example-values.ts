import { activeFields, fieldTypeDefinition, recordSchema, type FormDocument } from '@xlgl/schema';

/**
 * A valid record for a form from its field types' examples (parsed, so settings defaults apply);
 * dictionary-backed choices take the dictionary's first code.
 */
export function exampleValues(form: FormDocument, dictionaries: Record<string, Array<{ value: string }>> = {}): Record<string, unknown> {
  const exampleOf = (field: FormDocument['sections'][number]['fields'][number]): unknown => {
    if (field.type === 'sub-table') return [Object.fromEntries(((field as { fields?: (typeof field)[] }).fields ?? []).map((child) => [child.id, exampleOf(child)]))];
    if (field.type === 'date-range') return { start: '2026-06-01', end: '2027-05-31' };
    if (field.type === 'switch') return false;
    const dictionaryId = (field as { dictionaryId?: string }).dictionaryId;
    const firstCode = dictionaryId ? dictionaries[dictionaryId]?.[0]?.value : undefined;
    if (firstCode && field.type === 'select') return firstCode;
    if (firstCode && field.type === 'multi-select') return [firstCode];
    const definition = fieldTypeDefinition(field.type);
    const settings = definition.settings.parse(field.settings ?? {});
    const value = definition.example({ ...field, settings } as never);
    return Array.isArray(value) && value.length === 0 ? ['1'] : value;
  };
  const values: Record<string, unknown> = {};
  for (const field of activeFields(form)) if (!field.computed) values[field.id] = exampleOf(field);
  const parsed = recordSchema(form, { dictionaries: dictionaries as never }).safeParse(values);
  if (!parsed.success) throw new Error(`example values invalid: ${parsed.error.issues.map((issue) => issue.message).join('；')}`);
  return values;
}
