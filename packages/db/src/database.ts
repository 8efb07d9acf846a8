import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type * as schema from './schema/index.js';

export type SystemSchema = typeof schema;

/** The drizzle database, the same type on PGlite and on postgres-js. */
export type Db = PgDatabase<PgQueryResultHKT, SystemSchema>;
/** A transaction handle; it is also a `Db`, so services take `Db` and work inside or outside one. */
export type Tx = PgTransaction<PgQueryResultHKT, SystemSchema, ExtractTablesWithRelations<SystemSchema>>;

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives, for messages: a directory, `memory://` or the URL without its password. */
  location: string;
  /** PGlite instance (PGlite only), for the pg-boss adapter and dumps. */
  pglite?: PGlite;
  /** postgres-js client (PostgreSQL only). */
  sql?: postgres.Sql;
  /** The connection string (PostgreSQL only), for pg-boss's own pool. */
  url?: string;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions = {
  /** A `postgres://` URL: use a PostgreSQL server through postgres-js. */
  url?: string;
  /** PGlite data directory (default `./data`); `memory://` keeps everything in memory (tests). */
  dataDir?: string;
  /** postgres-js pool size (default 10). */
  maxConnections?: number;
};

/**
 * Connections to keep to PostgreSQL when the caller does not say: twice the cores plus one, between 4
 * and 10 (the PostgreSQL wiki's rule for a server on the same machine). More connections than the cores
 * can serve add no throughput, only contention: on this 2-core machine the HTTP bench measured about
 * 15 % more requests per second with 4–6 connections than with 10, at less PostgreSQL CPU per request.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(10, Math.max(4, 2 * cores + 1));
}

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise embedded PGlite with its files under
 * `dataDir` (created on first use). Call `migrateDatabase` next.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const sql = postgres(options.url, {
      max: options.maxConnections ?? defaultPoolSize(),
      onnotice: () => {},
      // Keep timestamps and bigints as drizzle expects; no prepared-statement cache surprises across DDL.
      prepare: true,
      // A transaction left open by a client that stopped talking (a bug, a hung await) would hold its
      // locks (the audit chain's among them) forever: the server ends such a session after a minute,
      // which turns the hang into an error the caller sees.
      connection: { idle_in_transaction_session_timeout: 60_000 },
    });
    // No `schema` option: the services use the query builders, not drizzle's relational API (`db.query.*`),
    // and with a schema every transaction object builds one relational query builder per table (about
    // 60), measured at ~45 µs of CPU per case transition.
    const db = drizzlePostgres(namedStatements(sql)) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.url),
      sql,
      url: options.url,
      close: async () => {
        await settleBackground(db);
        await sql.end({ timeout: 5 });
      },
    };
  }
  // Loaded only here: a server on PostgreSQL never needs the embedded database's code.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  const dataDir = options.dataDir ?? './data';
  let pglite: PGlite;
  if (dataDir === 'memory://' || dataDir === '') {
    pglite = await PGlite.create();
  } else {
    const absolute = resolve(dataDir);
    mkdirSync(absolute, { recursive: true });
    pglite = await PGlite.create(absolute);
  }
  const db = drizzlePglite(pglite) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dataDir === '' ? 'memory://' : dataDir,
    pglite,
    close: async () => {
      await settleBackground(db);
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * drizzle sends its queries with postgres-js's `prepare: false` (unless `.prepare(name)` is used), and
 * postgres-js then sends every query that has parameters as Parse + Describe, waits for the server's
 * answer, and only then Bind + Execute — two round trips per statement, and it stops pipelining the
 * statements queued behind it on the connection. Measured on a case transition: 24 socket writes and
 * about 22 round trips for 11 statements. With named statements each connection parses a statement
 * text once and afterwards sends Bind + Execute only, so the writes of a transaction are pipelined.
 * This wraps the client drizzle uses (and the clients of its transactions and savepoints) so every
 * query is sent as a named, cached statement; its transactions are `pipelinedBegin`'s.
 */
function namedStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, key) {
      if (key === 'unsafe')
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) => target.unsafe(query, params, { ...options, prepare: true });
      if (key === 'begin')
        return (...args: unknown[]) => {
          const body = args.pop() as (inner: postgres.Sql) => unknown;
          if (args.length > 0 && args[0]) throw new Error('事务选项请用 set transaction 语句设置');
          return pipelinedBegin(target, body);
        };
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...rest: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** What a transaction (or savepoint) scope on a reserved connection keeps. */
type Scope = {
  /** The first failure of a statement sent in the scope. */
  error?: unknown;
  savepoints: { count: number };
  /** The transaction itself, not a savepoint: only it can be committed early. */
  top: boolean;
  /** COMMIT sent by `commitEarly`; nothing more can be sent in the transaction. */
  commit?: Promise<postgres.RowList<postgres.Row[]>>;
};

/** The scope and connection behind each transaction client (what drizzle's transaction session holds). */
const scopes = new WeakMap<object, { connection: postgres.ReservedSql; scope: Scope }>();

/**
 * One transaction (or savepoint) scope on a reserved connection: every statement sent through it is
 * watched, so that a failed statement nobody awaited still fails the scope (as postgres-js's own
 * `begin` does) instead of a COMMIT quietly answered with ROLLBACK.
 */
function scopedClient(connection: postgres.ReservedSql, scope: Scope): postgres.Sql {
  const named = namedStatements(connection as unknown as postgres.Sql);
  const client = new Proxy(named, {
    get(target, key) {
      if (key === 'unsafe')
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) => {
          if (scope.commit) throw new Error('事务已提交，不能再执行语句');
          const pending = target.unsafe(query, params, options);
          const then = pending.then.bind(pending);
          // Watch the statement once it runs (a postgres-js query runs when it is first awaited).
          pending.then = ((resolve, reject) => {
            const settled = then(resolve, reject);
            then(undefined, (error: unknown) => {
              scope.error ??= error;
            });
            return settled;
          }) as typeof pending.then;
          return pending;
        };
      if (key === 'savepoint')
        return (...args: unknown[]) => {
          const body = args.pop() as (inner: postgres.Sql) => unknown;
          if (scope.commit) return Promise.reject(new Error('事务已提交，不能再执行语句'));
          return savepoint(connection, scope.savepoints, body);
        };
      if (key === 'begin') return () => Promise.reject(new Error('事务中不能再开始事务（请用 savepoint）'));
      return Reflect.get(target, key, target) as unknown;
    },
  });
  scopes.set(client, { connection, scope });
  return client;
}

/**
 * Sends COMMIT now, behind the statements the transaction `tx` has sent, without waiting for their
 * answers: the commit shares their round trip. The transaction's promise still settles only when all
 * is answered, and rejects (nothing committed) when any statement failed — the server turns the COMMIT
 * of a failed transaction into a ROLLBACK. So a condition that must hold for the commit has to be
 * checked by the statements themselves (raise an error, e.g. a version check), not by the caller after
 * reading their answers; and nothing may be sent in the transaction afterwards (it throws).
 * "Sent" means handed to the driver: `executeText` / `insertRows` / `updateRows` / `selectRows` do
 * that when called, a drizzle query builder only some microtasks after it is first awaited — await
 * such a statement before calling this (one that reaches the driver after it is refused, while the
 * statements before it commit).
 * Returns false where this does not apply (PGlite, a savepoint): the commit then happens as usual when
 * the transaction's function returns.
 */
export function commitEarly(tx: Db): boolean {
  const client = (tx as unknown as { session?: { client?: object } }).session?.client;
  const entry = client && scopes.get(client);
  if (!entry || !entry.scope.top) return false;
  if (!entry.scope.commit) {
    entry.scope.commit = entry.connection.unsafe('commit').execute();
    entry.scope.commit.catch(() => undefined);
  }
  return true;
}

/**
 * A transaction whose BEGIN is not waited for: it goes out in the same socket write as the
 * transaction's first statements (postgres-js's `begin` waits for BEGIN's answer first, one round
 * trip of every transaction that carries nothing). Statements on one connection run in the order
 * sent, so the transaction is the same; BEGIN's answer is checked before COMMIT. A failure of any
 * statement (awaited or not) rolls the transaction back and is what the caller gets.
 */
async function pipelinedBegin(client: postgres.Sql, body: (inner: postgres.Sql) => unknown): Promise<unknown> {
  const connection = await client.reserve();
  const scope: Scope = { savepoints: { count: 0 }, top: true };
  let lost = false;
  try {
    const begun = connection.unsafe('begin').execute();
    begun.catch(() => undefined);
    let result: unknown;
    try {
      result = await body(scopedClient(connection, scope));
      await begun;
      if (scope.error !== undefined) throw scope.error;
    } catch (error) {
      lost = connectionLost(error);
      // After an early COMMIT there is no transaction left to roll back (a failed one ended with it).
      if (scope.commit) await scope.commit.catch(() => undefined);
      else if (!lost) await connection.unsafe('rollback').catch(() => undefined);
      // A statement after the first failure only says the transaction is aborted: report the first.
      throw aborted(error) && scope.error !== undefined ? scope.error : error;
    }
    const committed = await (scope.commit ?? connection.unsafe('commit')).catch((error: unknown) => {
      lost = connectionLost(error);
      throw error;
    });
    // COMMIT of a transaction the server aborted answers ROLLBACK (not an error).
    if (committed.command !== 'COMMIT') throw scope.error ?? new Error(`事务未能提交（${committed.command}）`);
    return result;
  } finally {
    // A connection that broke is already back in the pool's closed list (it reconnects when next
    // used); releasing it would list it as open.
    if (!lost) connection.release();
  }
}

/** The error of a statement sent after an earlier one failed (directly or as drizzle's `cause`). */
function aborted(error: unknown): boolean {
  const failure = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return failure?.code === '25P02' || failure?.cause?.code === '25P02';
}

/** postgres-js's errors for a connection that closed or was ended under a query (directly or as drizzle's `cause`). */
function connectionLost(error: unknown): boolean {
  const failure = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return [failure?.code, failure?.cause?.code].some((code) => typeof code === 'string' && (code.startsWith('CONNECTION_') || code === 'ECONNRESET' || code === 'EPIPE'));
}

/** A savepoint inside a `pipelinedBegin` transaction, with its own failure watch. */
async function savepoint(connection: postgres.ReservedSql, savepoints: { count: number }, body: (inner: postgres.Sql) => unknown): Promise<unknown> {
  const name = `s${(savepoints.count += 1)}`;
  const scope: Scope = { savepoints, top: false };
  await connection.unsafe(`savepoint ${name}`);
  try {
    const result = await body(scopedClient(connection, scope));
    if (scope.error !== undefined) throw scope.error;
    await connection.unsafe(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await connection.unsafe(`rollback to savepoint ${name}`);
    throw aborted(error) && scope.error !== undefined ? scope.error : error;
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * One identity for a database and every transaction opened on it (drizzle hands its transactions the
 * database's dialect object), for per-database state such as the attached job queue or caches.
 */
export function databaseKey(db: Db): object {
  return (db as unknown as { dialect?: object }).dialect ?? db;
}

const background = new WeakMap<object, { closed: boolean; running: Set<Promise<unknown>> }>();

/**
 * Runs short background work on a database (e.g. chaining audit entries after a commit) so that
 * closing the database first waits for it; after `close` starts, new work is not started.
 */
export function trackBackground(db: Db, work: () => Promise<unknown>): void {
  const key = databaseKey(db);
  let entry = background.get(key);
  if (!entry) background.set(key, (entry = { closed: false, running: new Set() }));
  if (entry.closed) return;
  const running = entry.running;
  const promise = work().finally(() => running.delete(promise));
  running.add(promise);
}

/** Waits for the database's background work and refuses new work (called by `close`). */
export async function settleBackground(db: Db): Promise<void> {
  const key = databaseKey(db);
  let entry = background.get(key);
  if (!entry) background.set(key, (entry = { closed: true, running: new Set() }));
  entry.closed = true;
  while (entry.running.size > 0) await Promise.allSettled([...entry.running]);
}

/**
 * Runs `work` while holding the database's start-up lock (a session advisory lock on PostgreSQL), so
 * server processes starting at the same time on one database migrate, import and create their queues
 * one after the other: pg-boss creating the same queue from two processes at once deadlocks. PGlite
 * has one process: `work` simply runs.
 */
export async function withStartupLock<T>(handle: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  if (!handle.sql) return work();
  const connection = await handle.sql.reserve();
  try {
    await connection`select pg_advisory_lock(hashtext('xlgl.startup'))`;
    try {
      return await work();
    } finally {
      await connection`select pg_advisory_unlock(hashtext('xlgl.startup'))`;
    }
  } finally {
    connection.release();
  }
}
