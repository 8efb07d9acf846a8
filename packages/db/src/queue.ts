import PgBoss from 'pg-boss';
import type { DatabaseHandle } from './database.js';

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
  boss.on('error', (error: unknown) => {
    console.error(JSON.stringify({ level: 'error', msg: 'queue error', error: String(error) }));
  });
  await boss.start();
  return boss;
}

export type { PgBoss };
