import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sqlTypes } from '@xlgl/schema';
import type { ColumnLayout } from './layout.js';
import { assertColumnName, assertTableName } from './naming.js';

// Every identifier goes through sql.identifier; SQL types come from the fixed map only.
const id = (name: string) => sql.identifier(name);
const columnSql = (column: ColumnLayout) => sql`${id(assertColumnName(column.name))} ${sql.raw(sqlTypes[column.sqlType])}`;

/** CREATE TABLE for a form table: system columns, then the field columns (all nullable). */
export function createFormTable(table: string, columns: ColumnLayout[]): SQL[] {
  const system = [
    sql`"id" text PRIMARY KEY`,
    sql`"case_id" text`,
    sql`"form_version" integer NOT NULL`,
    sql`"created_at" timestamp with time zone NOT NULL DEFAULT now()`,
    sql`"updated_at" timestamp with time zone NOT NULL DEFAULT now()`,
    sql`"created_by" text`,
    sql`"updated_by" text`,
  ];
  return [
    sql`CREATE TABLE IF NOT EXISTS ${id(assertTableName(table))} (${sql.join([...system, ...columns.map(columnSql)], sql`, `)})`,
    sql`CREATE INDEX IF NOT EXISTS ${id(`${table}_case_idx`)} ON ${id(table)} ("case_id")`,
  ];
}

/** CREATE TABLE for a sub-table's child table: one row per entry, deleted with its record. */
export function createChildTable(table: string, parentTable: string, columns: ColumnLayout[]): SQL[] {
  const system = [
    sql`"id" text PRIMARY KEY`,
    sql`"record_id" text NOT NULL REFERENCES ${id(assertTableName(parentTable))} ("id") ON DELETE CASCADE`,
    sql`"row_index" integer NOT NULL`,
  ];
  return [
    sql`CREATE TABLE IF NOT EXISTS ${id(assertTableName(table))} (${sql.join([...system, ...columns.map(columnSql)], sql`, `)})`,
    sql`CREATE INDEX IF NOT EXISTS ${id(`${table}_record_idx`)} ON ${id(table)} ("record_id", "row_index")`,
  ];
}

/** ALTER TABLE … ADD COLUMN (nullable; never a default that rewrites the table). */
export function addColumn(table: string, column: ColumnLayout): SQL {
  return sql`ALTER TABLE ${id(assertTableName(table))} ADD COLUMN IF NOT EXISTS ${columnSql(column)}`;
}

const dialect = new PgDialect();

/** The SQL text of a statement, for showing the planned change (parameters inlined as `$n`). */
export function statementText(statement: SQL): string {
  return dialect.sqlToQuery(statement).sql;
}
