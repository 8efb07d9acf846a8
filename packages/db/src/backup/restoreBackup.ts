import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../database.js';
import { rowsOf } from '../rows.js';
import { describeTable, listPublicTables, pageOrder, readMigrationLevel, RowChecksum } from './catalogue.js';
import { BackupError, type BackupHeader, type BackupManifest, type BackupTable } from './format.js';
import { readBackupEvents } from './readBackup.js';

export type RestoreBackupOptions = {
  /** The target: a migrated database whose `public` tables hold no rows. */
  db: Db;
  file: string;
  /** Largest batch handed to one INSERT, in characters of JSON (default 1 MB). */
  batchChars?: number;
  pageSize?: number;
};

export type RestoreSummary = {
  tables: number;
  rows: number;
  /** Tables that did not exist in the target and were created from the backup (form tables …). */
  createdTables: string[];
  sequences: number;
  backupCreatedAt: string;
};

const id = (name: string) => sql.identifier(name);

function createTableStatements(table: BackupTable): { create: SQL; foreignKeys: SQL[]; indexes: SQL[] } {
  const columns = table.columns.map((column) => {
    let text = `${quote(column.name)} ${column.type}`;
    if (column.identity) text += ` GENERATED ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    if (column.default !== null) text += ` DEFAULT ${column.default}`;
    if (column.notNull) text += ' NOT NULL';
    return sql.raw(text);
  });
  const own = table.constraints
    .filter((constraint) => constraint.type !== 'f')
    .map((c) => sql.raw(`CONSTRAINT ${quote(c.name)} ${c.definition}`));
  return {
    create: sql`CREATE TABLE ${id(table.name)} (${sql.join([...columns, ...own], sql`, `)})`,
    foreignKeys: table.constraints
      .filter((constraint) => constraint.type === 'f')
      .map((c) => sql`ALTER TABLE ${id(table.name)} ADD CONSTRAINT ${id(c.name)} ${sql.raw(c.definition)}`),
    indexes: table.indexes.map((definition) => sql.raw(definition)),
  };
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * Restores a backup into an empty, migrated database in one transaction: creates the runtime tables
 * the target lacks (form tables), inserts every row, sets the sequences, then re-reads every table
 * and compares its row count and checksum with the backup's manifest before committing. Anything
 * unexpected rolls the whole restore back and leaves the target as it was.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreSummary> {
  const batchChars = options.batchChars ?? 1_000_000;
  const pageSize = options.pageSize ?? 2000;
  return options.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    await db.execute(sql`SET LOCAL extra_float_digits = 1`);

    const existing = new Map<string, BackupTable>();
    for (const name of await listPublicTables(db)) {
      existing.set(name, await describeTable(db, name));
      const [row] = rowsOf<{ present: boolean }>(await db.execute(sql`SELECT EXISTS (SELECT 1 FROM ${id(name)}) AS present`));
      if (row?.present) {
        throw new BackupError(
          `目标数据库不是空库：表“${name}”中已有数据。恢复只能写入新建的空数据库（PGlite：换一个空的数据目录；PostgreSQL：新建一个数据库）`,
        );
      }
    }
    const level = await readMigrationLevel(db);
    // The rows go in exactly as backed up: triggers (roll-up change notes on `cases`, append-only guards)
    // are off for this transaction and back on before it commits.
    const triggered = rowsOf<{ name: string }>(
      await db.execute(sql`SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`),
    ).map((row) => row.name);
    for (const name of triggered) await db.execute(sql`ALTER TABLE ${id(name)} DISABLE TRIGGER USER`);

    let header: BackupHeader | undefined;
    let manifest: BackupManifest | undefined;
    const read = new Map<string, RowChecksum>();
    const createdTables: string[] = [];
    let current: { table: BackupTable; columns: SQL; batch: string[]; chars: number } | undefined;

    const flush = async () => {
      if (!current || current.batch.length === 0) return;
      const rows = `[${current.batch.join(',')}]`;
      await db.execute(
        sql`INSERT INTO ${id(current.table.name)} (${current.columns}) OVERRIDING SYSTEM VALUE
          SELECT ${current.columns} FROM jsonb_populate_recordset(NULL::${id(current.table.name)}, ${rows}::jsonb)`,
      );
      current.batch = [];
      current.chars = 0;
    };

    for await (const event of readBackupEvents(options.file)) {
      if (event.type === 'header') {
        header = event.header;
        checkMigrationLevel(header, level);
        const missing = header.tables.filter((table) => !existing.has(table.name));
        const later: SQL[] = [];
        for (const table of missing) {
          const statements = createTableStatements(table);
          await db.execute(statements.create);
          later.push(...statements.foreignKeys, ...statements.indexes);
          createdTables.push(table.name);
        }
        for (const statement of later) await db.execute(statement);
        for (const table of header.tables) {
          const target = existing.get(table.name);
          if (!target) continue;
          const targetColumns = new Set(target.columns.map((column) => column.name));
          const absent = table.columns.filter((column) => !targetColumns.has(column.name)).map((column) => column.name);
          if (absent.length > 0) {
            throw new BackupError(
              `备份中表“${table.name}”的列 ${absent.join('、')} 在目标数据库中不存在：备份来自更新的程序版本，请先升级程序再恢复`,
            );
          }
        }
        continue;
      }
      if (!header) throw new BackupError('备份文件缺少文件头');
      if (event.type === 'table') {
        await flush();
        const table = header.tables.find((candidate) => candidate.name === event.name);
        if (!table) throw new BackupError(`备份文件中的表“${event.name}”未在文件头中声明`);
        const insertable = table.columns.filter((column) => !column.generated).map((column) => id(column.name));
        current = { table, columns: sql.join(insertable, sql`, `), batch: [], chars: 0 };
        read.set(table.name, new RowChecksum());
      } else if (event.type === 'row') {
        if (!current) throw new BackupError('备份文件中的数据行不属于任何表');
        read.get(current.table.name)!.add(event.text);
        current.batch.push(event.text);
        current.chars += event.text.length;
        if (current.chars >= batchChars) await flush();
      } else {
        await flush();
        manifest = event.manifest;
      }
    }
    if (!header || !manifest) throw new BackupError('备份文件不完整');

    let sequences = 0;
    const targetSequences = new Set(
      rowsOf<{ name: string }>(
        await db.execute(
          sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`,
        ),
      ).map((row) => row.name),
    );
    for (const sequence of header.sequences) {
      if (!targetSequences.has(sequence.name)) continue;
      await db.execute(sql`SELECT setval(${quote(sequence.name)}::regclass, ${sequence.lastValue}::bigint, ${sequence.isCalled})`);
      sequences += 1;
    }

    // Proof before commit: what the database now holds is exactly what the backup says it holds.
    for (const summary of manifest.tables) {
      const table = header.tables.find((candidate) => candidate.name === summary.name);
      const fromFile = read.get(summary.name);
      if (!table || !fromFile) throw new BackupError(`备份清单中的表“${summary.name}”在文件中没有数据段，文件不完整`);
      if (fromFile.rows !== summary.rows || fromFile.hex() !== summary.checksum) {
        throw new BackupError(
          `备份文件中表“${summary.name}”的数据与清单不符（清单${summary.rows}行，文件${fromFile.rows}行），文件已损坏或被篡改`,
        );
      }
      const backedUp = new Set(table.columns.map((column) => column.name));
      const exclude = (existing.get(table.name)?.columns ?? []).map((column) => column.name).filter((name) => !backedUp.has(name));
      const restored = await tableChecksum(db, table, { exclude, pageSize });
      if (restored.rows !== summary.rows || restored.hex() !== summary.checksum) {
        throw new BackupError(`恢复后表“${summary.name}”的内容与备份不一致（备份${summary.rows}行，恢复后${restored.rows}行），已全部回滚`);
      }
    }
    for (const name of triggered) await db.execute(sql`ALTER TABLE ${id(name)} ENABLE TRIGGER USER`);
    return {
      tables: manifest.tables.length,
      rows: manifest.totalRows,
      createdTables,
      sequences,
      backupCreatedAt: header.createdAt,
    };
  });
}

function checkMigrationLevel(header: BackupHeader, target: { count: number; lastCreatedAt: number | null }): void {
  if (header.migrations.count > target.count) {
    throw new BackupError(
      `备份来自更新的程序版本（已执行${header.migrations.count}个数据库迁移，本程序只有${target.count}个），请先升级程序再恢复`,
    );
  }
}

/**
 * The checksum of a table as stored now, computed the same way as when the backup was written;
 * `exclude` leaves out columns a newer schema added since the backup.
 */
export async function tableChecksum(
  db: Db,
  table: BackupTable,
  options: { exclude?: string[]; pageSize?: number } = {},
): Promise<RowChecksum> {
  const pageSize = options.pageSize ?? 2000;
  const exclude = options.exclude ?? [];
  const row =
    exclude.length > 0
      ? sql`(to_jsonb(t) - ARRAY[${sql.join(
          exclude.map((name) => sql`${name}`),
          sql`, `,
        )}]::text[])`
      : sql`to_jsonb(t)`;
  const checksum = new RowChecksum();
  for (let offset = 0; ; offset += pageSize) {
    const rows = rowsOf<{ r: string }>(
      await db.execute(
        sql`SELECT ${row}::text AS r FROM ${id(table.name)} t ORDER BY ${pageOrder(table)} LIMIT ${pageSize} OFFSET ${offset}`,
      ),
    );
    for (const entry of rows) checksum.add(entry.r);
    if (rows.length < pageSize) break;
  }
  return checksum;
}
