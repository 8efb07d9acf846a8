import type { FieldTypeDefinition } from '@xlgl/schema';

/** A zod schema as seen structurally (zod 4 classic API), without depending on zod here. */
type ZodLike = {
  def: { type: string; innerType?: ZodLike; defaultValue?: unknown; checks?: { _zod: { def: { check: string; pattern?: RegExp } } }[] };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  maxLength?: number | null;
  options?: readonly string[];
  element?: ZodLike;
  shape?: Record<string, ZodLike>;
};

/** The editor a settings property gets, read from its zod schema. */
export type SettingKind =
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'string'; maxLength?: number; pattern?: RegExp }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string-list'; pattern?: RegExp }
  | { kind: 'object-list' }
  | { kind: 'other' };

export type SettingDescriptor = SettingKind & {
  key: string;
  /** Absent from the settings is allowed (the schema marks it optional). */
  optional: boolean;
  /** The default the schema fills in, if any. */
  defaultValue?: unknown;
};

const safeLimit = Number.MAX_SAFE_INTEGER;

function pattern(schema: ZodLike): RegExp | undefined {
  return schema.def.checks?.map((check) => check._zod.def).find((def) => def.check === 'string_format' && def.pattern)?.pattern;
}

function describe(key: string, schema: ZodLike): SettingDescriptor {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  while (inner.def.innerType && ['optional', 'default', 'prefault', 'nullable'].includes(inner.def.type)) {
    if (inner.def.type === 'optional') optional = true;
    if (inner.def.type === 'default') defaultValue = structuredClone(inner.def.defaultValue);
    inner = inner.def.innerType;
  }
  const base = { key, optional, defaultValue };
  switch (inner.def.type) {
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'number': {
      const min = inner.minValue ?? undefined;
      const max = inner.maxValue ?? undefined;
      return {
        ...base,
        kind: 'number',
        integer: Boolean(inner.isInt),
        min: min !== undefined && Math.abs(min) < safeLimit ? min : undefined,
        max: max !== undefined && Math.abs(max) < safeLimit ? max : undefined,
      };
    }
    case 'string':
      return { ...base, kind: 'string', maxLength: inner.maxLength ?? undefined, pattern: pattern(inner) };
    case 'enum':
      return { ...base, kind: 'enum', values: inner.options ?? [] };
    case 'array':
      if (inner.element?.def.type === 'string') return { ...base, kind: 'string-list', pattern: pattern(inner.element) };
      if (inner.element?.def.type === 'object') return { ...base, kind: 'object-list' };
      return { ...base, kind: 'other' };
    default:
      return { ...base, kind: 'other' };
  }
}

/** Lists a field type's settings properties in declaration order. */
export function settingDescriptors(definition: Pick<FieldTypeDefinition, 'settings'>): SettingDescriptor[] {
  const shape = (definition.settings as unknown as ZodLike).shape ?? {};
  return Object.entries(shape).map(([key, schema]) => describe(key, schema));
}

/** One problem in a settings object, at a property. */
export type SettingsIssue = { key: string; message: string };

/** Validates settings with the type's own zod schema (the same one the server uses). */
export function settingsIssues(definition: Pick<FieldTypeDefinition, 'settings'>, settings: unknown): SettingsIssue[] {
  const result = definition.settings.safeParse(settings);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ key: String(issue.path[0] ?? ''), message: issue.message }));
}
