import type { z } from 'zod';
import type { DictionaryEntry } from '../kinds/dictionary.js';
import type { FieldType } from './fieldTypes.js';

/**
 * SQL column types a field may use: a fixed map, so no SQL ever comes from metadata.
 * The keys are what definitions declare; the values are the PostgreSQL spelling.
 */
export const sqlTypes = {
  text: 'text',
  bigint: 'bigint',
  double: 'double precision',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  jsonb: 'jsonb',
} as const;
export type SqlType = keyof typeof sqlTypes;

/**
 * One column of a field. `key` is `''` for the field's main column; other keys become a suffix
 * (`<column>__<key>`), e.g. a date range stores `start` and `end`.
 */
export type ColumnDeclaration = { key: string; sqlType: SqlType };

/** The parts of a form field a field type needs (structurally compatible with `FormField`). */
export type FieldDeclaration<S = Record<string, unknown>> = {
  id: string;
  type: FieldType;
  label: string;
  required?: boolean;
  settings: S;
  dictionaryId?: string;
  /** Columns of a sub-table. */
  fields?: FieldDeclaration[];
};

/** What a value schema may need beyond the field: dictionaries, and the schema of child fields. */
export type ValueContext = {
  /** Dictionary entries by dictionary id; when a dictionary is missing, any code is accepted. */
  dictionaries?: Record<string, DictionaryEntry[]>;
  /** Builds the row-field schema for a sub-table column (required handling included). */
  rowFieldSchema: (field: FieldDeclaration) => z.ZodType;
  /** Today's date `YYYY-MM-DD` (used by date limits); injected for tests. */
  today?: string;
};

export type ConversionResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Converts a stored value of one type to another type's value. The result is validated against
 * the target field's value schema afterwards, so a converter only has to reshape.
 */
export type ValueConverter = (value: unknown, target: FieldDeclaration) => ConversionResult;

/** A problem in a field's configuration beyond its settings schema (e.g. a select without options). */
export type FieldConfigIssue = { path: (string | number)[]; message: string };

/**
 * An `up` migration of a field type's settings from `settingsVersion` `from` to `from + 1`, on raw
 * JSON (the shape written by the older version). Throw `SettingsUpgradeError` with a Chinese message
 * when settings cannot be carried over automatically; `metadata check` reports it at the field.
 * Write it so settings already in the newer shape pass through unchanged (a field saved without a
 * version by an older client counts as version 1).
 */
export type SettingsMigration = {
  from: number;
  name: string;
  up: (settings: Record<string, unknown>, field: { id: string; label: string }) => Record<string, unknown>;
};

/** Thrown by a settings migration that cannot carry old settings over. */
export class SettingsUpgradeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsUpgradeError';
  }
}

/** How the required message is phrased: 请填写 / 请选择 / 请上传 “label”. */
export type EmptyVerb = '填写' | '选择' | '上传';

/**
 * Everything about one field type, declared once in `field-types/<type>/index.ts`.
 * The React side (packages/renderer) adds the renderer; the designer adds the settings panel.
 */
export type FieldTypeDefinition<S extends z.ZodType = z.ZodType> = {
  type: FieldType;
  /** Chinese name shown in the palette. */
  label: string;
  /** Palette group. */
  group: 'basic' | 'choice' | 'identity' | 'place' | 'attachment' | 'composite';
  /** Settings schema; every property has a default or is optional unless the type cannot work without it. */
  settings: S;
  /**
   * The version of `settings` this declaration writes (default 1). Raise it together with a new
   * entry in `settingsMigrations` whenever the shape changes; fields record it as `settingsVersion`.
   */
  settingsVersion?: number;
  /** Ordered `up` migrations: `from` 1, 2, … up to `settingsVersion - 1`. */
  settingsMigrations?: readonly SettingsMigration[];
  /** Schema of a non-empty value (emptiness and `required` are handled by `recordSchema`). */
  value: (field: FieldDeclaration<z.output<S>>, context: ValueContext) => z.ZodType;
  /** Whether a value counts as empty (default: undefined, null, '' or []). */
  isEmpty?: (value: unknown) => boolean;
  emptyVerb: EmptyVerb;
  /** The field's column(s) in the form table; `[]` for a sub-table, which gets a child table. */
  columns: readonly ColumnDeclaration[];
  /** For multi-column types: value → column values by key, and back. */
  toColumns?: (value: unknown) => Record<string, unknown>;
  fromColumns?: (columns: Record<string, unknown>) => unknown;
  /** Sub-table: rows go to a child table with the `fields` as columns. */
  childTable?: boolean;
  /** Types a field of this type can be changed to, and how values are carried over. */
  convertTo: Partial<Record<FieldType, ValueConverter>>;
  /** Extra configuration checks (run by the form schema). */
  checkField?: (field: FieldDeclaration<z.output<S>>) => FieldConfigIssue[];
  /** A valid example value (declaration tests, designer preview). */
  example: (field: FieldDeclaration<z.output<S>>) => unknown;
};

/** Identity helper that keeps the settings type for `value` and `example`. */
export function defineFieldType<S extends z.ZodType>(definition: FieldTypeDefinition<S>): FieldTypeDefinition<S> {
  return definition;
}

/** Default emptiness: undefined, null, blank string, empty array, or an object whose values are all empty. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  // a form library may hold `{}` or `{ name: '' }` for an untouched composite field
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isEmptyValue);
  return false;
}
