import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openDatabase } from '@xlgl/db';

async function adminSql(url: string) {
  const handle = await openDatabase({ url, maxConnections: 1 });
  return { sql: handle.sql!, end: () => handle.close() };
}

/** A dedicated bench database on a PostgreSQL server: `xlgl_bench_<random>`, dropped by `drop()`. */
export type BenchDatabase = { name: string; url: string; adminUrl: string; drop: () => Promise<void> };

/** Creates `xlgl_bench_<random>` through the server URL (its own database is only used to CREATE/DROP). */
export async function createBenchDatabase(serverUrl: string, prefix = 'xlgl_bench'): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await adminSql(serverUrl);
  try {
    await admin.sql.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    adminUrl: serverUrl,
    drop: async () => {
      const again = await adminSql(serverUrl);
      try {
        await again.sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

/** The server's PostgreSQL version, memory settings that matter for the figures. */
export async function serverFacts(
  url: string,
): Promise<{ version: string; sharedBuffers: string; fsync: string; synchronousCommit: string }> {
  const admin = await adminSql(url);
  try {
    const [row] =
      await admin.sql`select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers, current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit`;
    return { version: row!.version, sharedBuffers: row!.shared_buffers, fsync: row!.fsync, synchronousCommit: row!.synchronous_commit };
  } finally {
    await admin.end();
  }
}

type Handle = Awaited<ReturnType<typeof openDatabase>>;
type Run = <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;

/** A raw SQL query on either driver (the bench scripts do not depend on drizzle directly). */
export async function query<Row = Record<string, unknown>>(handle: Handle, text: string, params: unknown[] = []): Promise<Row[]> {
  if (handle.sql) return (await handle.sql.unsafe(text, params as never[])) as unknown as Row[];
  return (await handle.pglite!.query<Row>(text, params)).rows;
}

/** Runs `work` in one transaction on either driver, with a query function bound to it. */
export async function inTransaction<T>(handle: Handle, work: (run: Run) => Promise<T>): Promise<T> {
  if (handle.sql) {
    return (await handle.sql.begin(async (tx) =>
      work(async (text, params = []) => (await tx.unsafe(text, params as never[])) as never),
    )) as T;
  }
  return handle.pglite!.transaction(async (tx) => work(async (text, params = []) => (await tx.query(text, params)).rows as never));
}

/** Busy share of all cores over `ms` (from /proc/stat: everything but idle and iowait), or undefined off Linux. */
async function machineBusy(ms: number): Promise<number | undefined> {
  const read = () => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      const idle = fields[3]! + (fields[4] ?? 0);
      return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
    } catch {
      return undefined;
    }
  };
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = read();
  if (!before || !after || after.total === before.total) return undefined;
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

/**
 * Before a timed section: the bench database's dead rows and dirty pages from the sections before are
 * cleaned up now (vacuum, checkpoint), not by autovacuum and the checkpointer while the next one is
 * timed, and then it waits (at most a minute) for a second in which the machine is at most 15 % busy,
 * so that the writes of one section do not count against the next.
 */
export async function settle(bench: BenchDatabase, before: string): Promise<void> {
  const started = performance.now();
  const admin = await adminSql(bench.url);
  try {
    await admin.sql.unsafe('vacuum analyze');
    await admin.sql.unsafe('checkpoint');
  } finally {
    await admin.end();
  }
  let busy: number | undefined;
  do busy = await machineBusy(1000);
  while (busy !== undefined && busy > 0.15 && performance.now() - started < 60_000);
  console.error(`settled before ${before} in ${((performance.now() - started) / 1000).toFixed(1)} s (machine ${busy === undefined ? '?' : Math.round(busy * 100)} % busy)`);
}
