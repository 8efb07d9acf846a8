import { choiceOptions, type ChoiceOption, type FormField } from '@xlgl/schema';
import type { SchemaBuildContext } from '../../fieldRenderer.js';

/** The options of a choice field as a formily `enum`. */
export function choiceEnum(field: FormField, context: SchemaBuildContext): ChoiceOption[] {
  const settings = field.settings as { options: ChoiceOption[] };
  return choiceOptions({ ...field, settings }, { dictionaries: context.services.dictionaries }) ?? [];
}
