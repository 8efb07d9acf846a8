import { getTableColumns, getTableName, SQL, type Column } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database.js';
import { rowsOf } from './rows.js';

/**
 * A statement whose text is already final (`$1`, `$2` … placeholders) and whose parameters are already
 * driver values: `db.execute` hands both to the driver without walking a query tree. Hot paths build
 * their text once per shape (measured on a case transition: drizzle's query building was about a
 * quarter of the process's CPU time).
 */
class StatementText extends SQL {
  constructor(
    private readonly text: string,
    private readonly values: unknown[],
  ) {
    super([]);
  }

  override toQuery(): { sql: string; params: unknown[] } {
    return { sql: this.text, params: this.values };
  }
}

type PostgresClient = { unsafe: (text: string, values: unknown[]) => Promise<unknown> };

/**
 * The postgres-js client under a drizzle database or transaction (undefined on PGlite). Statement
 * texts go to it directly: through `db.execute` every statement also builds drizzle's prepared-query
 * objects, tracing spans and cache checks (about 10 µs a statement, three or more per transition).
 */
function postgresClient(db: Db): PostgresClient | undefined {
  const client = (db as unknown as { session?: { client?: Partial<PostgresClient> } }).session?.client;
  return client && typeof client.unsafe === 'function' ? (client as PostgresClient) : undefined;
}

/**
 * Runs a statement text with `$n` placeholders and driver-ready values as it is. On PostgreSQL it is
 * sent when called (not when first awaited, as drizzle's queries are); a failure is drizzle's
 * `DrizzleQueryError` (the statement, its values and the driver's error as `cause`), as through drizzle.
 */
export function executeText(db: Db, text: string, values: unknown[]): ReturnType<Db['execute']> {
  const client = postgresClient(db);
  if (!client) return db.execute(new StatementText(text, values));
  return client.unsafe(text, values).catch((error: unknown) => {
    throw new DrizzleQueryError(text, values, error as Error);
  }) as unknown as ReturnType<Db['execute']>;
}

/** The value the driver gets for a column, as drizzle's own insert or update would send it. */
function driverValue(column: Column, value: unknown): unknown {
  return value === null || value === undefined ? null : column.mapToDriverValue(value);
}

/** Statement texts by table and shape (column list, row count): a handful per table, not per row. */
const texts = new WeakMap<PgTable, Map<string, string>>();

function cachedText(table: PgTable, shape: string, build: () => string): string {
  let byShape = texts.get(table);
  if (!byShape) texts.set(table, (byShape = new Map()));
  let text = byShape.get(shape);
  if (text === undefined) byShape.set(shape, (text = build()));
  return text;
}

function columnsOf(table: PgTable, keys: string[]): Column[] {
  const columns = getTableColumns(table) as Record<string, Column>;
  return keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`表${getTableName(table)}没有字段${key}`);
    return column;
  });
}

/**
 * `insert into <table> (<columns>) values (…), (…)`: the columns any row sets (a row that leaves one
 * out gets the database default there, as with drizzle's insert; these tables have no `$defaultFn`),
 * values through the columns' own encoders (JSON, timestamps, arrays exactly as drizzle sends them).
 */
// eslint-disable-next-line max-params -- (db, table, rows) like drizzle's insert, plus the optional conflict clause
export function insertRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: Array<T['$inferInsert']>,
  /** `suffix`: appended to the statement as is, e.g. `on conflict (…) do update set …` (a constant: it is part of the cached text). */
  options: { suffix?: string } = {},
): ReturnType<Db['execute']> {
  const suffix = options.suffix ?? '';
  if (rows.length === 0) throw new Error('insertRows: 没有要插入的行');
  const records = rows as Array<Record<string, unknown>>;
  const all = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(all).filter((key) => records.some((row) => row[key] !== undefined));
  const columns = columnsOf(table, keys);
  for (const row of records) for (const key of Object.keys(row)) if (!(key in all)) throw new Error(`表${getTableName(table)}没有字段${key}`);
  const masks = records.map((row) => keys.map((key) => (row[key] === undefined ? '0' : '1')).join(''));
  const text = cachedText(table, `insert:${keys.join(',')}#${masks.join('|')}${suffix}`, () => {
    let parameter = 0;
    const tuples = masks.map((mask) => `(${[...mask].map((bit) => (bit === '1' ? `$${(parameter += 1)}` : 'default')).join(', ')})`);
    return `insert into "${getTableName(table)}" (${columns.map((column) => `"${column.name}"`).join(', ')}) values ${tuples.join(', ')}${suffix ? ` ${suffix}` : ''}`;
  });
  const values: unknown[] = [];
  for (const row of records)
    keys.forEach((key, index) => {
      if (row[key] !== undefined) values.push(driverValue(columns[index]!, row[key]));
    });
  return executeText(db, text, values);
}

/** The text of an update that must change exactly one row (`requireRow`): see `missingRow`. */
const requiredRowPrefix = 'with required_row as (';

/**
 * `update <table> set … where <key columns> = … [returning <columns>]` with equality conditions only,
 * the same way: text once per shape, values through the columns' encoders.
 *
 * `requireRow`: the statement itself fails (SQLSTATE 22012, recognised by `missingRow`) when no row
 * matched, e.g. a version check that lost — the transaction is then aborted on the server, so it can be
 * committed without waiting for this answer (`commitEarly`). `returning` is not available with it.
 */
export function updateRows<T extends PgTable>(
  db: Db,
  table: T,
  options: { set: Partial<T['$inferInsert']>; where: Partial<T['$inferSelect']>; returning?: Array<keyof T['$inferSelect'] & string>; requireRow?: boolean },
): ReturnType<Db['execute']> {
  if (options.requireRow && options.returning?.length) throw new Error('updateRows: requireRow 与 returning 不能同时使用');
  const setKeys = Object.keys(options.set).filter((key) => (options.set as Record<string, unknown>)[key] !== undefined);
  const whereKeys = Object.keys(options.where);
  const setColumns = columnsOf(table, setKeys);
  const whereColumns = columnsOf(table, whereKeys);
  const returning = options.returning ?? [];
  const required = options.requireRow === true;
  const text = cachedText(table, `update:${setKeys.join(',')}|${whereKeys.join(',')}|${returning.join(',')}|${required}`, () => {
    const assignments = setColumns.map((column, index) => `"${column.name}" = $${index + 1}`).join(', ');
    const conditions = whereColumns.map((column, index) => `"${column.name}" = $${setKeys.length + index + 1}`).join(' and ');
    const back = returning.length > 0 ? ` returning ${columnsOf(table, returning).map((column) => `"${column.name}"`).join(', ')}` : '';
    const update = `update "${getTableName(table)}" set ${assignments} where ${conditions}${back}`;
    // count(*) is not folded at planning: the division fails only when it runs and found no row.
    return required ? `${requiredRowPrefix}${update} returning 1) select 1 / count(*) as changed from required_row` : update;
  });
  const values = [
    ...setColumns.map((column, index) => driverValue(column, (options.set as Record<string, unknown>)[setKeys[index]!])),
    ...whereColumns.map((column, index) => {
      const value = (options.where as Record<string, unknown>)[whereKeys[index]!];
      if (value === null || value === undefined) throw new Error(`updateRows: 条件字段${whereKeys[index]}不能为空`);
      return driverValue(column, value);
    }),
  ];
  return executeText(db, text, values);
}

/**
 * The `update <table> set … where …` part of a larger statement (e.g. a `with required_row as (…)`
 * that gates other writes, see `missingRow`): `set` columns from parameters `$first`, `$first+1` …,
 * then `keep` columns from parameters where null keeps the stored value, then the `where` equalities.
 * `values` encodes one call's parameters in that order through the columns' encoders, as `updateRows`.
 */
export function updatePart<T extends PgTable>(
  table: T,
  shape: { set: string[]; keep: string[]; where: string[]; first: number },
): { text: string; values: (set: Partial<T['$inferInsert']>, where: Partial<T['$inferSelect']>) => unknown[] } {
  const setColumns = columnsOf(table, shape.set);
  const keepColumns = columnsOf(table, shape.keep);
  const whereColumns = columnsOf(table, shape.where);
  let parameter = shape.first - 1;
  const assignments = [
    ...setColumns.map((column) => `"${column.name}" = $${(parameter += 1)}`),
    ...keepColumns.map((column) => `"${column.name}" = coalesce($${(parameter += 1)}, "${column.name}")`),
  ];
  const conditions = whereColumns.map((column) => `"${column.name}" = $${(parameter += 1)}`);
  return {
    text: `update "${getTableName(table)}" set ${assignments.join(', ')} where ${conditions.join(' and ')}`,
    values: (set, where) => {
      const given = set as Record<string, unknown>;
      const keys = where as Record<string, unknown>;
      for (const key of Object.keys(given)) if (!shape.set.includes(key) && !shape.keep.includes(key)) throw new Error(`updatePart: 字段${key}不在语句中`);
      return [
        ...setColumns.map((column, index) => driverValue(column, given[shape.set[index]!])),
        ...keepColumns.map((column, index) => driverValue(column, given[shape.keep[index]!])),
        ...whereColumns.map((column, index) => {
          const value = keys[shape.where[index]!];
          if (value === null || value === undefined) throw new Error(`updatePart: 条件字段${shape.where[index]}不能为空`);
          return driverValue(column, value);
        }),
      ];
    },
  };
}

/** The opening of a statement whose first part must change exactly one row (see `missingRow`). */
export const requiredRowStart = requiredRowPrefix;

/** Whether `error` is the failure of an `updateRows(…, { requireRow: true })` that matched no row. */
export function missingRow(error: unknown): boolean {
  // Through drizzle the statement is `query` and the driver's error `cause`; postgres-js's own error
  // carries the statement as `query` too.
  const failure = (error instanceof DrizzleQueryError ? { query: error.query, code: (error.cause as { code?: unknown } | undefined)?.code } : error) as { query?: unknown; code?: unknown } | undefined;
  return typeof failure?.query === 'string' && failure.query.startsWith(requiredRowPrefix) && failure.code === '22012';
}

/**
 * `select <columns> from <table> where <key columns> = …` with equality conditions only, the text built
 * once per shape, each value decoded by its column (JSON, timestamps, numerics as drizzle's select
 * returns them). For reads on hot paths (the case head read on every transition).
 */
export async function selectRows<T extends PgTable, K extends keyof T['$inferSelect'] & string>(
  db: Db,
  table: T,
  options: { columns: readonly K[]; where: Partial<T['$inferSelect']> },
): Promise<Array<Pick<T['$inferSelect'], K>>> {
  const whereKeys = Object.keys(options.where);
  const columns = columnsOf(table, [...options.columns]);
  const whereColumns = columnsOf(table, whereKeys);
  const text = cachedText(table, `select:${options.columns.join(',')}|${whereKeys.join(',')}`, () => {
    const selection = columns.map((column, index) => `"${column.name}" as "${options.columns[index]}"`).join(', ');
    const conditions = whereColumns.map((column, index) => `"${column.name}" = $${index + 1}`).join(' and ');
    return `select ${selection} from "${getTableName(table)}" where ${conditions}`;
  });
  const values = whereColumns.map((column, index) => {
    const value = (options.where as Record<string, unknown>)[whereKeys[index]!];
    if (value === null || value === undefined) throw new Error(`selectRows: 条件字段${whereKeys[index]}不能为空`);
    return driverValue(column, value);
  });
  const rows = rowsOf<Record<string, unknown>>(await executeText(db, text, values));
  for (const row of rows)
    columns.forEach((column, index) => {
      const key = options.columns[index]!;
      const value = row[key];
      if (value !== null && value !== undefined) row[key] = column.mapFromDriverValue(value);
    });
  return rows as Array<Pick<T['$inferSelect'], K>>;
}
