/**
 * The backup file: gzip-compressed JSON lines.
 *
 * - line 1: the header `["xlgl-backup", BackupHeader]` (tables with their definitions, sequences,
 *   migration level);
 * - for each table: `["table", name]`, then one line per row — the row as PostgreSQL's `to_jsonb(row)`
 *   renders it (always a JSON object, so it never looks like a marker line, which is an array);
 * - last line: `["manifest", BackupManifest]` (row counts and checksums per table).
 *
 * Rows are never parsed on the way in or out: the text `to_jsonb` produced is what is hashed, stored
 * and handed back to `jsonb_populate_recordset`, so bigints, numerics and nested JSON survive exactly.
 */
export const backupFormat = 'xlgl-backup';
export const backupFormatVersion = 1;

/** A column as the catalogue describes it (enough to recreate a runtime table such as `ft_*`). */
export type BackupColumn = {
  name: string;
  /** `format_type(atttypid, atttypmod)`, e.g. `text`, `timestamp with time zone`, `numeric(12,2)`. */
  type: string;
  notNull: boolean;
  /** Default expression (`pg_get_expr`), or null. */
  default: string | null;
  /** `a` (always) / `d` (by default) identity, or empty. */
  identity: '' | 'a' | 'd';
  /** Stored generated column: never inserted, recomputed by the database. */
  generated: boolean;
};

export type BackupTable = {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
  /** `pg_get_constraintdef` of every constraint, by name (primary key, unique, check, foreign key). */
  constraints: { name: string; type: 'p' | 'u' | 'c' | 'f' | 'x'; definition: string }[];
  /** `pg_get_indexdef` of indexes that do not back a constraint. */
  indexes: string[];
  /** Tables this one references through foreign keys (restored first). */
  references: string[];
};

export type BackupSequence = { name: string; lastValue: string; isCalled: boolean };

/** The system-table migrations applied when the backup was taken. */
export type MigrationLevel = { count: number; lastCreatedAt: number | null };

export type BackupHeader = {
  formatVersion: number;
  createdAt: string;
  database: 'pglite' | 'postgres';
  migrations: MigrationLevel;
  tables: BackupTable[];
  sequences: BackupSequence[];
};

export type BackupTableSummary = {
  name: string;
  rows: number;
  /** Order-independent checksum: the sum of sha256(row text) modulo 2^256, in hex. */
  checksum: string;
};

export type BackupManifest = {
  tables: BackupTableSummary[];
  totalRows: number;
};

/** Written beside each backup file (`<file>.manifest.json`) so listings need not read the dump. */
export type BackupSidecar = {
  file: string;
  bytes: number;
  /** sha256 of the compressed file. */
  sha256: string;
  createdAt: string;
  database: 'pglite' | 'postgres';
  migrations: MigrationLevel;
  manifest: BackupManifest;
};

/** Thrown for every refused or failed backup and restore, with a Chinese message for the operator. */
export class BackupError extends Error {
  override name = 'BackupError';
}
