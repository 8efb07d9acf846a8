/** Table names: checked against this pattern after sanitising, then quoted with `sql.identifier`. */
export const tableNamePattern = /^[a-z][a-z0-9_]{0,47}$/;
/** Column names: field ids (`^[a-z][a-z0-9_]{0,47}$`) plus a generated suffix; PostgreSQL allows 63 bytes. */
export const columnNamePattern = /^[a-z][a-z0-9_]{0,62}$/;

export const formTablePrefix = 'ft_';

/** FNV-1a 32-bit hash in base 36 (7 characters): short, deterministic, no dependency. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/** Throws unless `name` is a safe table name. */
export function assertTableName(name: string): string {
  if (!tableNamePattern.test(name)) throw new Error(`表名“${name}”不合法：只能由小写字母开头，含小写字母、数字和下划线，不超过48个字符`);
  return name;
}

/** Throws unless `name` is a safe column name. */
export function assertColumnName(name: string): string {
  if (!columnNamePattern.test(name)) throw new Error(`列名“${name}”不合法：只能由小写字母开头，含小写字母、数字和下划线，不超过63个字符`);
  return name;
}

function fit(name: string, source: string): string {
  if (name.length <= 48) return name;
  return `${name.slice(0, 40).replace(/_+$/, '')}_${shortHash(source)}`;
}

/**
 * The table of a form: `ft_` + the form id with every character outside `[a-z0-9_]` turned into
 * `_`; too long → shortened with a hash. `salt` (a retry after a clash with another form) adds a hash.
 */
export function formTableName(formId: string, salt = false): string {
  const sanitised = formId.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  const base = `${formTablePrefix}${sanitised || 'form'}`;
  const name = salt ? `${base.slice(0, 40).replace(/_+$/, '')}_${shortHash(formId)}` : fit(base, formId);
  return assertTableName(name);
}

/** The child table of a sub-table field: `<table>__<fieldId>`, shortened with a hash when too long. */
export function childTableName(parentTable: string, fieldId: string, generation?: number): string {
  const raw = `${parentTable}__${fieldId}${generation ? `__v${generation}` : ''}`;
  return assertTableName(fit(raw, raw));
}

/** Column name of a field's column: `<fieldId>[__v<generation>][__<key>]`. */
export function fieldColumnName(fieldId: string, key: string, generation?: number): string {
  return assertColumnName(`${fieldId}${generation ? `__v${generation}` : ''}${key ? `__${key}` : ''}`);
}
