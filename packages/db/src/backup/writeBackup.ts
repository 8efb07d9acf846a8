import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { DatabaseKind, Db } from '../database.js';
import { rowsOf } from '../rows.js';
import {
  describeTable,
  listPublicTables,
  orderByReferences,
  pageOrder,
  readMigrationLevel,
  readSequences,
  RowChecksum,
} from './catalogue.js';
import { backupFormat, backupFormatVersion, type BackupHeader, type BackupManifest, type BackupSidecar } from './format.js';

export type WriteBackupOptions = {
  db: Db;
  kind: DatabaseKind;
  /** The file to write (`.jsonl.gz`); written to `<file>.partial` first and renamed when complete. */
  file: string;
  /** Rows per query (default 2000). */
  pageSize?: number;
  now?: Date;
};

/** `<file>.manifest.json`: the sidecar with the manifest, size and hash of a backup file. */
export const sidecarPath = (file: string) => `${file}.manifest.json`;

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes a logical backup of every table of the `public` schema (system tables and runtime tables
 * such as form tables `ft_*`) from one consistent snapshot (a read-only repeatable-read transaction),
 * then a sidecar manifest. pg-boss's own schema is not included: jobs are transient and schedules are
 * re-created when the server starts.
 */
export async function writeBackup(options: WriteBackupOptions): Promise<BackupSidecar> {
  const pageSize = options.pageSize ?? 2000;
  const createdAt = (options.now ?? new Date()).toISOString();
  await mkdir(dirname(options.file), { recursive: true });
  const partial = `${options.file}.partial`;
  const gzip = createGzip({ level: 6 });
  const output = createWriteStream(partial);
  gzip.pipe(output);
  const finished = once(output, 'close');
  const writeLine = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };

  let manifest: BackupManifest;
  let header: BackupHeader;
  try {
    ({ header, manifest } = await options.db.transaction(
      async (tx) => {
        const db = tx as unknown as Db;
        // Same rendering of timestamps and floats whatever the server's settings.
        await db.execute(sql`SET LOCAL TimeZone = 'UTC'`);
        await db.execute(sql`SET LOCAL extra_float_digits = 1`);
        const tables = orderByReferences(await Promise.all((await listPublicTables(db)).map((name) => describeTable(db, name))));
        const header: BackupHeader = {
          formatVersion: backupFormatVersion,
          createdAt,
          database: options.kind,
          migrations: await readMigrationLevel(db),
          tables,
          sequences: await readSequences(db),
        };
        await writeLine(JSON.stringify([backupFormat, header]));
        const summaries: BackupManifest['tables'] = [];
        for (const table of tables) {
          await writeLine(JSON.stringify(['table', table.name]));
          const checksum = new RowChecksum();
          for (let offset = 0; ; offset += pageSize) {
            const rows = rowsOf<{ r: string }>(
              await db.execute(
                sql`SELECT to_jsonb(t)::text AS r FROM ${sql.identifier(table.name)} t ORDER BY ${pageOrder(table)} LIMIT ${pageSize} OFFSET ${offset}`,
              ),
            );
            for (const row of rows) {
              checksum.add(row.r);
              await writeLine(row.r);
            }
            if (rows.length < pageSize) break;
          }
          summaries.push({ name: table.name, rows: checksum.rows, checksum: checksum.hex() });
        }
        const manifest: BackupManifest = { tables: summaries, totalRows: summaries.reduce((sum, table) => sum + table.rows, 0) };
        await writeLine(JSON.stringify(['manifest', manifest]));
        return { header, manifest };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    ));
    gzip.end();
    await finished;
  } catch (error) {
    gzip.destroy();
    output.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, options.file);
  const sidecar: BackupSidecar = {
    file: basename(options.file),
    bytes: (await stat(options.file)).size,
    sha256: await sha256OfFile(options.file),
    createdAt,
    database: header.database,
    migrations: header.migrations,
    manifest,
  };
  await writeFile(sidecarPath(options.file), `${JSON.stringify(sidecar, null, 2)}\n`);
  return sidecar;
}
