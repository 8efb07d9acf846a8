import { fieldTypeDefinition } from './registry.js';
import type { ConversionResult, FieldDeclaration } from './definition.js';
import type { FieldType } from './fieldTypes.js';
import { fieldValueSchema, isEmptyFieldValue, type ValueSchemaOptions } from './fieldValueSchema.js';

/** Whether a field of type `from` can be changed to `to` keeping its values (same type: always). */
export function canConvert(from: FieldType, to: FieldType): boolean {
  return from === to || Boolean(fieldTypeDefinition(from).convertTo[to]);
}

/** The types a field of `type` can be changed to. */
export function conversionTargets(type: FieldType): FieldType[] {
  return Object.keys(fieldTypeDefinition(type).convertTo) as FieldType[];
}

/**
 * Converts one stored value from `from` to the field `to` (a retyped field), then validates it
 * with the target's value schema. Empty stays empty (`null`).
 */
export function convertValue(value: unknown, options: ValueSchemaOptions & { from: FieldDeclaration; to: FieldDeclaration }): ConversionResult {
  const { from, to } = options;
  if (isEmptyFieldValue(from, value)) return { ok: true, value: null };
  const converter = from.type === to.type ? (input: unknown) => ({ ok: true as const, value: input }) : fieldTypeDefinition(from.type).convertTo[to.type];
  if (!converter) return { ok: false, reason: `“${fieldTypeDefinition(from.type).label}”不能转换为“${fieldTypeDefinition(to.type).label}”` };
  const converted = converter(value, to);
  if (!converted.ok) return converted;
  const parsed = fieldValueSchema(to, options).safeParse(converted.value);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? '转换后的值无效' };
  return { ok: true, value: parsed.data ?? null };
}
