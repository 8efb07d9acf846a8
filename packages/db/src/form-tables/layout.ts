import { fieldTypeDefinition, type FieldType, type FormField, type SqlType } from '@xlgl/schema';
import { childTableName, fieldColumnName } from './naming.js';

/** One physical column of a field. */
export type ColumnLayout = { key: string; name: string; sqlType: SqlType };

/** Where one field lives in the database now, and where it lived before (kept, never dropped). */
export type FieldLayout = {
  fieldId: string;
  type: FieldType;
  columns: ColumnLayout[];
  /** Sub-table: its child table. */
  child?: TableLayout;
  /** The field was removed from the form; its column(s) and data stay. */
  removed: boolean;
  /** Earlier columns of a retyped field, oldest first. */
  retired: { type: FieldType; columns: ColumnLayout[]; child?: TableLayout; untilVersion: number }[];
};

/** The physical layout of a form table (or a child table), stored with every published version. */
export type TableLayout = { table: string; fields: FieldLayout[] };

/** Every column name a table layout uses, retired ones included. */
export function usedColumnNames(layout: TableLayout): Set<string> {
  const names = new Set<string>();
  for (const field of layout.fields) {
    for (const column of field.columns) names.add(column.name);
    for (const retired of field.retired) for (const column of retired.columns) names.add(column.name);
  }
  return names;
}

/** Every table a layout uses (the table itself, child tables, retired child tables). */
export function usedTableNames(layout: TableLayout, out: Set<string> = new Set()): Set<string> {
  out.add(layout.table);
  for (const field of layout.fields) {
    if (field.child) usedTableNames(field.child, out);
    for (const retired of field.retired) if (retired.child) usedTableNames(retired.child, out);
  }
  return out;
}

/**
 * The layout of a field placed for the first time (`generation` set when it replaces an earlier
 * type), avoiding names already taken.
 */
export function newFieldLayout(
  field: FormField,
  options: { table: string; generation?: number; takenColumns: Set<string>; takenTables: Set<string> },
): FieldLayout {
  const definition = fieldTypeDefinition(field.type);
  let generation = options.generation;
  const columnsFor = (gen?: number) =>
    definition.columns.map((column) => ({ key: column.key, name: fieldColumnName(field.id, column.key, gen), sqlType: column.sqlType }));
  let columns = columnsFor(generation);
  while (columns.some((column) => options.takenColumns.has(column.name))) {
    generation = (generation ?? 1) + 1;
    columns = columnsFor(generation);
  }
  for (const column of columns) options.takenColumns.add(column.name);
  const layout: FieldLayout = { fieldId: field.id, type: field.type, columns, removed: Boolean(field.removed), retired: [] };
  if (definition.childTable) {
    let childGeneration = options.generation;
    let table = childTableName(options.table, field.id, childGeneration);
    while (options.takenTables.has(table)) {
      childGeneration = (childGeneration ?? 1) + 1;
      table = childTableName(options.table, field.id, childGeneration);
    }
    options.takenTables.add(table);
    const childColumns = new Set<string>();
    layout.child = {
      table,
      fields: (field.fields ?? []).map((child) => newFieldLayout(child, { table, takenColumns: childColumns, takenTables: options.takenTables })),
    };
  }
  return layout;
}
