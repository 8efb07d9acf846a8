import { SettingsUpgradeError } from './definition.js';
import { fieldTypes, type FieldType } from './fieldTypes.js';
import { fieldTypeDefinition } from './registry.js';

/** The settings version a field type currently writes. */
export function currentSettingsVersion(type: FieldType): number {
  return fieldTypeDefinition(type).settingsVersion ?? 1;
}

export type SettingsUpgradeIssue = { path: (string | number)[]; message: string };

type RawField = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFieldType = (value: unknown): value is FieldType => typeof value === 'string' && (fieldTypes as readonly string[]).includes(value);

/**
 * Upgrades one raw field's settings to its type's current version by applying the type's `up`
 * migrations in order. A field without `settingsVersion` counts as version 1. The result carries
 * `settingsVersion` only when the type is past version 1 (so version-1 forms stay as written).
 * Unknown types and malformed settings are left for the form schema to report.
 */
export function upgradeFieldSettings(raw: RawField, path: (string | number)[] = []): { field: RawField; issues: SettingsUpgradeIssue[] } {
  if (!isFieldType(raw.type)) return { field: raw, issues: [] };
  const definition = fieldTypeDefinition(raw.type);
  const current = definition.settingsVersion ?? 1;
  const label = typeof raw.label === 'string' ? raw.label : String(raw.id ?? '');
  const declared = raw.settingsVersion;
  if (declared !== undefined && (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 1)) {
    return { field: raw, issues: [{ path: [...path, 'settingsVersion'], message: `字段“${label}”的设置版本应为正整数` }] };
  }
  let version = declared ?? 1;
  if (version > current) {
    return {
      field: raw,
      issues: [{ path: [...path, 'settingsVersion'], message: `字段“${label}”的设置版本${version}高于本系统支持的${definition.label}设置版本${current}` }],
    };
  }
  if (version === current && raw.settingsVersion === (current > 1 ? current : undefined)) return { field: raw, issues: [] };
  let settings = isRecord(raw.settings) ? raw.settings : {};
  while (version < current) {
    const migration = definition.settingsMigrations?.find((entry) => entry.from === version);
    if (!migration) {
      return {
        field: raw,
        issues: [{ path: [...path, 'settingsVersion'], message: `${definition.label}字段“${label}”的设置无法从版本${version}升级：缺少升级步骤` }],
      };
    }
    try {
      settings = migration.up({ ...settings }, { id: String(raw.id ?? ''), label });
    } catch (error) {
      if (!(error instanceof SettingsUpgradeError)) throw error;
      return { field: raw, issues: [{ path: [...path, 'settings'], message: `${definition.label}字段“${label}”的设置无法从版本${version}自动升级：${error.message}` }] };
    }
    version += 1;
  }
  const { settingsVersion: _old, ...rest } = raw;
  return { field: { ...rest, settings, ...(current > 1 ? { settingsVersion: current } : {}) }, issues: [] };
}

/**
 * Upgrades the settings of every field of a raw form document (sub-table columns included) before
 * the form schema validates it. Returns the upgraded copy and the fields that cannot be upgraded
 * (`metadata check` prints them as `file: json-path: message`).
 */
export function upgradeFormSettings(raw: Record<string, unknown>): { document: Record<string, unknown>; issues: SettingsUpgradeIssue[] } {
  if (!Array.isArray(raw.sections)) return { document: raw, issues: [] };
  const issues: SettingsUpgradeIssue[] = [];
  /** The same array when nothing changed, so untouched documents are returned as they are. */
  const upgradeList = (fields: unknown[], path: (string | number)[]): unknown[] => {
    const next = fields.map((field, index) => {
      if (!isRecord(field)) return field;
      const fieldPath = [...path, index];
      const result = upgradeFieldSettings(field, fieldPath);
      issues.push(...result.issues);
      if (!Array.isArray(result.field.fields)) return result.field;
      const children = upgradeList(result.field.fields, [...fieldPath, 'fields']);
      return children === result.field.fields ? result.field : { ...result.field, fields: children };
    });
    return next.every((field, index) => field === fields[index]) ? fields : next;
  };
  const sections = raw.sections.map((section, s) => {
    if (!isRecord(section) || !Array.isArray(section.fields)) return section;
    const fields = upgradeList(section.fields, ['sections', s, 'fields']);
    return fields === section.fields ? section : { ...section, fields };
  });
  const changed = sections.some((section, index) => section !== (raw.sections as unknown[])[index]);
  return { document: changed ? { ...raw, sections } : raw, issues };
}
