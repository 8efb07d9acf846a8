import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { databaseKey, type Db } from '@xlgl/db';

/**
 * The case head rows (`loadCaseHead`'s columns) that this process's transitions committed last, per
 * database: a handler acting again on the version the desk showed them is usually acting on the version
 * this process wrote, and `act` then skips the read.
 *
 * Safe without invalidation because every change to a head column goes through a version-checked write
 * that bumps `cases.version` (`writeCaseState`, `versionCheckedTransaction`), and the transition's own
 * write checks the version again: a case changed meanwhile by another process (or by a write here that
 * did not go through `rememberCaseHead`) has a newer version, so either the client asks for that newer
 * version (a miss: the row is read) or the client is stale and the write is refused as a conflict, just
 * as after a fresh read. Rows are remembered only after their transaction committed (never from inside a
 * caller's transaction, which may still roll back), at most `capacity` per database, least recently
 * used first out.
 */
const capacity = 4096;
const heads = new WeakMap<object, Map<string, { version: number }>>();
const counts = new WeakMap<object, { remembered: number; read: number }>();

function countsOf(db: Db): { remembered: number; read: number } {
  const key = databaseKey(db);
  let entry = counts.get(key);
  if (!entry) counts.set(key, (entry = { remembered: 0, read: 0 }));
  return entry;
}

/** How often `act` used a remembered row and how often it read the case, on this database so far. */
export function caseHeadCounts(db: Db): { remembered: number; read: number } {
  return { ...countsOf(db) };
}

export function recentCaseHead<Row extends { version: number }>(db: Db, caseId: string, version: number): Row | undefined {
  const rows = heads.get(databaseKey(db));
  const row = rows?.get(caseId);
  const counted = countsOf(db);
  if (!rows || !row || row.version !== version) {
    if (row) rows!.delete(caseId);
    counted.read += 1;
    return undefined;
  }
  counted.remembered += 1;
  // Most recently used last (a Map iterates in insertion order).
  rows.delete(caseId);
  rows.set(caseId, row);
  return row as Row;
}

/** Remembers a head row after its transaction committed; does nothing inside a caller's transaction. */
export function rememberCaseHead<Row extends { version: number }>(db: Db, caseId: string, row: Row): void {
  if (is(db, PgTransaction)) return;
  const key = databaseKey(db);
  let rows = heads.get(key);
  if (!rows) heads.set(key, (rows = new Map()));
  rows.delete(caseId);
  rows.set(caseId, row);
  if (rows.size > capacity) rows.delete(rows.keys().next().value!);
}

/** A key's length in UTF-8 bytes (jsonb orders keys by it first). */
function utf8Length(key: string): number {
  for (let index = 0; index < key.length; index += 1) if (key.charCodeAt(index) > 0x7f) return Buffer.byteLength(key);
  return key.length;
}

/** jsonb's order of object keys: shorter (in UTF-8 bytes) first, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const left = utf8Length(a);
  const right = utf8Length(b);
  if (left !== right) return left - right;
  return left === a.length && right === b.length ? (a < b ? -1 : a > b ? 1 : 0) : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Sorted key lists by the object's own key list: a case state repeats a few shapes (tasks, records, pauses). */
const orders = new Map<string, string[]>();

function inJsonbOrder(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  const shape = keys.join('\u0000');
  let sorted = orders.get(shape);
  if (!sorted) {
    if (orders.size >= 2048) orders.clear();
    orders.set(shape, (sorted = [...keys].sort(jsonbKeyOrder)));
  }
  return sorted;
}

/**
 * A JSON value as a jsonb column gives it back: object keys in jsonb's order, `undefined` members left
 * out (and `undefined` in arrays as null), so a remembered row is the row a read would return.
 */
export function asStoredJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return asStoredJson((value as unknown as { toJSON: () => T }).toJSON());
  if (Array.isArray(value)) return value.map((entry: unknown) => (entry === undefined ? null : asStoredJson(entry))) as T;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of inJsonbOrder(Object.keys(source))) {
    const entry = source[key];
    if (entry !== undefined && typeof entry !== 'function') copy[key] = asStoredJson(entry);
  }
  return copy as T;
}

/** Forgets a case's remembered head (a write that changed it without `rememberCaseHead`). */
export function forgetCaseHead(db: Db, caseId: string): void {
  heads.get(databaseKey(db))?.delete(caseId);
}
