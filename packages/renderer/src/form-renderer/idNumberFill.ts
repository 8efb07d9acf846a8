import { choiceOptions, parseResidentId, type ChoiceOption, type DictionaryEntry, type FormField } from '@xlgl/schema';

/**
 * What to write into the configured fields when an ID number is complete and valid: the sex
 * (as the target select's option whose label is 男/女, else GB/T 2261.1 code 1/2, else the text)
 * and the birth date. `{}` while the number is incomplete or invalid.
 */
export function idNumberFill(
  field: FormField,
  idNumber: unknown,
  options: { fields: FormField[]; dictionaries?: Record<string, DictionaryEntry[]> },
): Record<string, unknown> {
  if (typeof idNumber !== 'string') return {};
  const parsed = parseResidentId(idNumber);
  if (!parsed.ok) return {};
  const out: Record<string, unknown> = {};
  const sexFieldId = field.settings.sexField as string | undefined;
  const birthFieldId = field.settings.birthDateField as string | undefined;
  const sexField = options.fields.find((entry) => entry.id === sexFieldId);
  if (sexField) {
    const label = parsed.info.sexLabel;
    if (sexField.type === 'select') {
      const choices =
        choiceOptions({ ...sexField, settings: sexField.settings as { options: ChoiceOption[] } }, { dictionaries: options.dictionaries }) ?? [];
      const byLabel = choices.find((option) => option.label === label || option.value === label);
      const code = parsed.info.sex === 'male' ? '1' : '2';
      out[sexField.id] = byLabel?.value ?? (choices.some((option) => option.value === code) ? code : label);
    } else {
      out[sexField.id] = label;
    }
  }
  const birthField = options.fields.find((entry) => entry.id === birthFieldId);
  if (birthField) out[birthField.id] = parsed.info.birthDate;
  return out;
}
