import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { rowsOf } from '../rows.js';
import type { BackupColumn, BackupSequence, BackupTable, MigrationLevel } from './format.js';

const modulus = 1n << 256n;

/** An order-independent checksum of a table's rows: the sum of each row's sha256, modulo 2^256. */
export class RowChecksum {
  private sum = 0n;
  rows = 0;
  add(rowText: string): void {
    this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(rowText).digest('hex')}`)) % modulus;
    this.rows += 1;
  }
  hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

/** Every ordinary table of the `public` schema, by name. */
export async function listPublicTables(db: Db): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`),
  );
  return rows.map((row) => row.name);
}

/** The definition of one table of the `public` schema, read from the catalogue. */
export async function describeTable(db: Db, name: string): Promise<BackupTable> {
  const oid = sql`(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ${name})`;
  const columns = rowsOf<{ name: string; type: string; not_null: boolean; default: string | null; identity: string; generated: string }>(
    await db.execute(sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
        pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity::text AS identity, a.attgenerated::text AS generated
      FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ${oid} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`),
  ).map((row): BackupColumn => ({
    name: row.name,
    type: row.type,
    notNull: Boolean(row.not_null),
    // Identity and generated columns carry their own expression; a plain default is kept as text.
    default: row.identity || row.generated ? null : row.default,
    identity: (row.identity || '') as BackupColumn['identity'],
    generated: row.generated === 's',
  }));
  const constraints = rowsOf<{ name: string; type: string; definition: string; referenced: string | null; keys: unknown }>(
    await db.execute(sql`SELECT con.conname AS name, con.contype::text AS type, pg_get_constraintdef(con.oid) AS definition,
        (SELECT r.relname FROM pg_class r WHERE r.oid = con.confrelid) AS referenced,
        (SELECT to_jsonb(array_agg(a.attname ORDER BY k.ord)) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS keys
      FROM pg_constraint con WHERE con.conrelid = ${oid} AND con.contype IN ('p', 'u', 'c', 'f', 'x') ORDER BY con.conname`),
  );
  const indexes = rowsOf<{ definition: string }>(
    await db.execute(sql`SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
      WHERE i.indrelid = ${oid} AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid)
      ORDER BY 1`),
  );
  const primary = constraints.find((constraint) => constraint.type === 'p');
  const primaryKeys = primary ? (typeof primary.keys === 'string' ? JSON.parse(primary.keys) : primary.keys) : [];
  return {
    name,
    columns,
    primaryKey: (primaryKeys as string[] | null) ?? [],
    constraints: constraints.map((constraint) => ({
      name: constraint.name,
      type: constraint.type as BackupTable['constraints'][number]['type'],
      definition: constraint.definition,
    })),
    indexes: indexes.map((index) => index.definition),
    references: [
      ...new Set(constraints.filter((c) => c.type === 'f' && c.referenced && c.referenced !== name).map((c) => c.referenced!)),
    ].sort(),
  };
}

/** Sequences of the `public` schema (serial and identity columns included) with their positions. */
export async function readSequences(db: Db): Promise<BackupSequence[]> {
  const names = rowsOf<{ name: string }>(
    await db.execute(sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`),
  );
  const sequences: BackupSequence[] = [];
  for (const { name } of names) {
    const [row] = rowsOf<{ last_value: string | number; is_called: boolean }>(
      await db.execute(sql`SELECT last_value::text AS last_value, is_called FROM ${sql.identifier(name)}`),
    );
    sequences.push({ name, lastValue: String(row!.last_value), isCalled: Boolean(row!.is_called) });
  }
  return sequences;
}

/** How many drizzle migrations of the system tables have been applied (0 before the first migration). */
export async function readMigrationLevel(db: Db): Promise<MigrationLevel> {
  const exists = rowsOf<{ present: boolean }>(
    await db.execute(sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`),
  );
  if (!exists[0]?.present) return { count: 0, lastCreatedAt: null };
  const [row] = rowsOf<{ count: number; last: string | number | null }>(
    await db.execute(sql`SELECT count(*)::int AS count, max(created_at)::text AS last FROM drizzle.__drizzle_migrations`),
  );
  return { count: Number(row?.count ?? 0), lastCreatedAt: row?.last == null ? null : Number(row.last) };
}

/** Tables ordered so that every table comes after the tables it references (ties by name). */
export function orderByReferences(tables: BackupTable[]): BackupTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: BackupTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: BackupTable) => {
    if (state.get(table.name)) return;
    state.set(table.name, 'visiting');
    for (const name of table.references) {
      const referenced = byName.get(name);
      if (referenced) visit(referenced);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return ordered;
}

/** `ORDER BY` for paging through a table: its primary key, else the row text. */
export function pageOrder(table: BackupTable) {
  return table.primaryKey.length > 0
    ? sql.join(
        table.primaryKey.map((column) => sql.identifier(column)),
        sql`, `,
      )
    : sql`1`;
}
