import { choiceOptions, type ChoiceOption, type DictionaryEntry, type FieldType, type FormDocument, type FormField } from '@xlgl/schema';

/** A field the expression builders may read, with what they need to offer values. */
export type FieldChoice = { id: string; label: string; type: FieldType; sectionTitle: string; options?: ChoiceOption[] };

/**
 * Top-level, not removed fields of the form (sub-table columns are rows, not values), in order,
 * except `excludeId`; for a column of the sub-table `row`, its sibling columns first. Choice fields
 * carry their options (inline or from the dictionary).
 */
export function fieldChoices(
  form: FormDocument,
  options: { excludeId?: string; dictionaries?: Record<string, DictionaryEntry[]>; row?: FormField } = {},
): FieldChoice[] {
  const choiceOf = (field: FormField, sectionTitle: string): FieldChoice => {
    const choice: FieldChoice = { id: field.id, label: field.label, type: field.type, sectionTitle };
    if (field.type === 'select' || field.type === 'multi-select') {
      const declaration = { ...field, settings: { options: [], ...field.settings } } as unknown as Parameters<typeof choiceOptions>[0];
      choice.options = choiceOptions(declaration, { dictionaries: options.dictionaries });
    }
    return choice;
  };
  const topLevel = form.sections.flatMap((section) =>
    section.fields.filter((field) => !field.removed && field.id !== options.excludeId).map((field) => choiceOf(field, section.title)),
  );
  if (!options.row) return topLevel;
  // a sub-table column's rules read the columns of its own row first, then the form's other fields
  const columns = (options.row.fields ?? [])
    .filter((column) => !column.removed && column.id !== options.excludeId)
    .map((column) => choiceOf(column, `${options.row!.label}（本行）`));
  const shadowed = new Set(columns.map((column) => column.id));
  return [...columns, ...topLevel.filter((field) => field.type !== 'sub-table' && !shadowed.has(field.id))];
}
