import PgBoss from 'pg-boss';
import type { DatabaseHandle, Db } from './database.js';
import { rowsOf } from './rows.js';
import { executeText } from './statements.js';

export type StartQueueOptions = {
  /** Schema for pg-boss's tables (default `pgboss`). */
  schema?: string;
  /** Run maintenance and cron scheduling (default true); tests may switch them off. */
  supervise?: boolean;
  schedule?: boolean;
};

/**
 * Starts pg-boss on the handle's database: natively (its own `pg` pool) on PostgreSQL, and through
 * its `db.executeSql` adapter on PGlite, which has a single connection.
 */
export async function startQueue(handle: DatabaseHandle, options: StartQueueOptions = {}): Promise<PgBoss> {
  const common = {
    schema: options.schema ?? 'pgboss',
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? true,
    migrate: true,
  };
  let boss: PgBoss;
  if (handle.kind === 'postgres') {
    if (!handle.url) throw new Error('PostgreSQL 连接缺少 URL，无法启动任务队列');
    boss = new PgBoss({ ...common, connectionString: handle.url, max: 4, application_name: 'xlgl-queue' });
  } else {
    const pglite = handle.pglite;
    if (!pglite) throw new Error('PGlite 实例不存在，无法启动任务队列');
    boss = new PgBoss({
      ...common,
      db: {
        async executeSql(text: string, values?: unknown[]) {
          if (values && values.length > 0) {
            const result = await pglite.query(text, values as unknown[]);
            return { rows: result.rows as unknown[] };
          }
          // pg-boss sends multi-statement scripts (schema creation, migrations) without parameters.
          const results = await pglite.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as unknown[] };
        },
      },
    });
  }
  queueSchemas.set(boss, common.schema);
  boss.on('error', (error: unknown) => {
    console.error(JSON.stringify({ level: 'error', msg: 'queue error', error: String(error) }));
  });
  await boss.start();
  return boss;
}

export type { PgBoss };

const queueSchemas = new WeakMap<PgBoss, string>();

/** The schema holding a queue's tables (`pgboss` unless `startQueue` was told otherwise). */
export function queueSchemaOf(boss: PgBoss): string {
  return queueSchemas.get(boss) ?? 'pgboss';
}

/**
 * A pg-boss `db` adapter over a drizzle database or transaction: `boss.insert(jobs, { db })` and
 * `boss.cancel(name, ids, { db })` then run on that connection, so jobs commit or roll back together
 * with the change that created them (no send after commit, nothing lost by a crash in between).
 */
export function queueExecutor(db: Db): { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> } {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // pg-boss's statements are final text with `$n` placeholders: handed to the driver as they are.
      return { rows: rowsOf(await executeText(db, text, values.map(driverValue))) };
    },
  };
}

/** pg-boss passes id lists as JS arrays (`$2::uuid[]`): sent as a PostgreSQL array literal on both drivers. */
function driverValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return `{${value.map((entry) => `"${String(entry).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return value;
}
