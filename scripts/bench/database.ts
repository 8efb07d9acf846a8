import { randomBytes } from 'node:crypto';
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
