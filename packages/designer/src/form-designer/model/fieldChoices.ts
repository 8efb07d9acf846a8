import { choiceOptions, type ChoiceOption, type DictionaryEntry, type FieldType, type FormDocument } from '@xlgl/schema';

/** A field the expression builders may read, with what they need to offer values. */
export type FieldChoice = { id: string; label: string; type: FieldType; sectionTitle: string; options?: ChoiceOption[] };

/**
 * Top-level, not removed fields of the form (sub-table columns are rows, not values), in order,
 * except `excludeId`. Choice fields carry their options (inline or from the dictionary).
 */
export function fieldChoices(
  form: FormDocument,
  options: { excludeId?: string; dictionaries?: Record<string, DictionaryEntry[]> } = {},
): FieldChoice[] {
  return form.sections.flatMap((section) =>
    section.fields
      .filter((field) => !field.removed && field.id !== options.excludeId)
      .map((field) => {
        const choice: FieldChoice = { id: field.id, label: field.label, type: field.type, sectionTitle: section.title };
        if (field.type === 'select' || field.type === 'multi-select') {
          const declaration = { ...field, settings: { options: [], ...field.settings } } as unknown as Parameters<typeof choiceOptions>[0];
          choice.options = choiceOptions(declaration, { dictionaries: options.dictionaries });
        }
        return choice;
      }),
  );
}
