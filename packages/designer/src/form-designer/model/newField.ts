import { currentSettingsVersion, fieldTypeDefinition, newId, type FieldType, type FormField } from '@xlgl/schema';
import { freshFieldId } from './ids.js';

/** Types that read best across the whole row. */
const fullWidthTypes: ReadonlySet<FieldType> = new Set(['textarea', 'address', 'sub-table', 'material', 'signature']);

/**
 * Settings a new field starts with beyond the schema's defaults, for types that cannot be valid
 * with defaults alone (a choice needs options, a material slot needs its id).
 */
const initialSettings: Partial<Record<FieldType, () => Record<string, unknown>>> = {
  select: () => ({
    options: [
      { value: '1', label: '选项一' },
      { value: '2', label: '选项二' },
    ],
  }),
  'multi-select': () => ({
    options: [
      { value: '1', label: '选项一' },
      { value: '2', label: '选项二' },
    ],
  }),
  // a material slot gets its own stable id; the configurator may bind it to an item material
  material: () => ({ materialId: newId('mat', 8) }),
};

/** The grid span (of 24) a field of `type` gets in a section with `columns` columns. */
export function defaultSpan(type: FieldType, columns: number): number {
  if (fullWidthTypes.has(type)) return 24;
  return Math.max(1, Math.floor(24 / Math.max(1, Math.min(4, columns))));
}

/** The settings a new field of `type` starts with: the schema's defaults plus `initialSettings`. */
export function defaultSettings(type: FieldType): Record<string, unknown> {
  const definition = fieldTypeDefinition(type);
  const seed = initialSettings[type]?.() ?? {};
  const parsed = definition.settings.safeParse(seed);
  return parsed.success ? (parsed.data as Record<string, unknown>) : seed;
}

/**
 * A new field of a type, valid as it stands: a generated id (never from the label), the type's
 * name as label, default settings; a sub-table starts with one text column.
 */
export function createField(type: FieldType, options: { taken: Set<string>; columns?: number }): FormField {
  const definition = fieldTypeDefinition(type);
  const id = freshFieldId(options.taken);
  options.taken.add(id);
  const field: FormField = {
    id,
    type,
    label: definition.label,
    required: false,
    span: defaultSpan(type, options.columns ?? 2),
    settings: defaultSettings(type),
  };
  const settingsVersion = currentSettingsVersion(type);
  if (settingsVersion > 1) field.settingsVersion = settingsVersion;
  if (type === 'sub-table') field.fields = [createField('text', { taken: options.taken, columns: 4 })];
  return field;
}
