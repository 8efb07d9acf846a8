import { bigint, boolean, date, doublePrecision, integer, jsonb, pgTable, text, timestamp, type PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import { fieldTypeDefinition, type SqlType } from '@xlgl/schema';
import type { ColumnLayout, FieldLayout, TableLayout } from './layout.js';

function columnBuilder(column: ColumnLayout): PgColumnBuilderBase {
  const builders: Record<SqlType, () => PgColumnBuilderBase> = {
    text: () => text(column.name),
    bigint: () => bigint(column.name, { mode: 'number' }),
    double: () => doublePrecision(column.name),
    boolean: () => boolean(column.name),
    date: () => date(column.name, { mode: 'string' }),
    timestamptz: () => timestamp(column.name, { withTimezone: true, mode: 'date' }),
    jsonb: () => jsonb(column.name),
  };
  return builders[column.sqlType]();
}

function fieldColumns(layout: TableLayout, includeRetired: boolean): Record<string, PgColumnBuilderBase> {
  const columns: Record<string, PgColumnBuilderBase> = {};
  for (const field of layout.fields) {
    for (const column of field.columns) columns[column.name] = columnBuilder(column);
    if (includeRetired) for (const retired of field.retired) for (const column of retired.columns) columns[column.name] = columnBuilder(column);
  }
  return columns;
}

/** A drizzle table for a form table, built at run time from its stored layout (keys are column names). */
export function formPgTable(layout: TableLayout, options: { includeRetired?: boolean } = {}) {
  return pgTable(layout.table, {
    id: text('id').primaryKey(),
    case_id: text('case_id'),
    form_version: integer('form_version').notNull(),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    created_by: text('created_by'),
    updated_by: text('updated_by'),
    ...fieldColumns(layout, options.includeRetired ?? false),
  });
}

/** A drizzle table for a sub-table's child table. */
export function childPgTable(layout: TableLayout, options: { includeRetired?: boolean } = {}) {
  return pgTable(layout.table, {
    id: text('id').primaryKey(),
    record_id: text('record_id').notNull(),
    row_index: integer('row_index').notNull(),
    ...fieldColumns(layout, options.includeRetired ?? false),
  });
}

export type FormPgTable = ReturnType<typeof formPgTable>;
export type ChildPgTable = ReturnType<typeof childPgTable>;

function toDb(column: ColumnLayout, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (column.sqlType === 'timestamptz') return new Date(value as string);
  return value;
}

function fromDb(column: ColumnLayout, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (column.sqlType === 'timestamptz') return (value instanceof Date ? value : new Date(value as string)).toISOString();
  if (column.sqlType === 'bigint' || column.sqlType === 'double') return Number(value);
  return value;
}

/** A field's value → its column values (keyed by column name). */
export function valueToColumns(field: Pick<FieldLayout, 'type'>, columns: ColumnLayout[], value: unknown): Record<string, unknown> {
  const definition = fieldTypeDefinition(field.type);
  const out: Record<string, unknown> = {};
  if (columns.length === 0) return out;
  if (definition.toColumns) {
    const byKey = value === undefined || value === null ? {} : definition.toColumns(value);
    for (const column of columns) out[column.name] = toDb(column, byKey[column.key]);
  } else {
    out[columns[0].name] = toDb(columns[0], value);
  }
  return out;
}

/** Column values of a row → a field's value (`null` when empty). */
export function columnsToValue(field: Pick<FieldLayout, 'type'>, columns: ColumnLayout[], row: Record<string, unknown>): unknown {
  const definition = fieldTypeDefinition(field.type);
  if (columns.length === 0) return null;
  if (definition.fromColumns) {
    const byKey: Record<string, unknown> = {};
    for (const column of columns) byKey[column.key] = fromDb(column, row[column.name]);
    return definition.fromColumns(byKey);
  }
  return fromDb(columns[0], row[columns[0].name]);
}
