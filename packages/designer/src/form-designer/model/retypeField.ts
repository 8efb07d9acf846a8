import { currentSettingsVersion, fieldTypeDefinition, nonEmptyValueSchema, type DictionaryEntry, type FieldType, type FormField } from '@xlgl/schema';
import { defaultSettings } from './newField.js';
import { settingDescriptors } from './settingsSchema.js';

/**
 * The field with a new type (same id, so its data is converted, not lost): settings carried over
 * where the new type accepts them, else the new type's defaults; parts the new type cannot have
 * (dictionary, computed value, a default value it would refuse) are dropped.
 */
export function retypeField(field: FormField, type: FieldType, dictionaries: Record<string, DictionaryEntry[]> = {}): FormField {
  const definition = fieldTypeDefinition(type);
  // carry each setting the new type knows, one by one, keeping only those it accepts
  let settings = defaultSettings(type);
  for (const { key } of settingDescriptors(definition)) {
    if (!(key in field.settings)) continue;
    const candidate = { ...settings, [key]: field.settings[key] };
    if (definition.settings.safeParse(candidate).success) settings = candidate;
  }
  const next: FormField = { ...field, type, settings };
  // the settings are now the new type's, in its current version
  delete next.settingsVersion;
  if (currentSettingsVersion(type) > 1) next.settingsVersion = currentSettingsVersion(type);
  if (type !== 'select' && type !== 'multi-select') delete next.dictionaryId;
  if (type !== 'number' && type !== 'money') delete next.computed;
  if (next.defaultValue !== undefined && !nonEmptyValueSchema(next, { dictionaries }).safeParse(next.defaultValue).success)
    delete next.defaultValue;
  return next;
}
