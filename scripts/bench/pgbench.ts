import { execFileSync } from 'node:child_process';
import { childrenCpuSeconds, postgresCpuSeconds, waitForReapedBackends } from './cpu.js';

export type PgbenchRun = {
  tps: number;
  transactions: number;
  /** Seconds of the run (pgbench's own measure: transactions / tps, connection time excluded). */
  seconds: number;
  /** CPU seconds of the run itself (not the initialisation): pgbench's own and the server's (undefined for a remote server). */
  cpu: { client: number; server?: number };
};

export type PgbenchOptions = { clients: number; threads: number; seconds: number; scale: number };

const env = () => ({ ...process.env, PGCONNECT_TIMEOUT: '10' });

/** Creates pgbench's tables at `scale` (pgbench -i). */
export function initPgbench(url: string, scale: number): void {
  execFileSync('pgbench', ['-i', '-q', '-s', String(scale), url], { env: env(), stdio: 'pipe' });
}

/** One pgbench tpcb-like run on tables made by `initPgbench`: TPS (excluding connection time), transactions and CPU used. */
export function runPgbenchOnce(url: string, options: Omit<PgbenchOptions, 'scale'>): PgbenchRun {
  const server0 = postgresCpuSeconds();
  const client0 = childrenCpuSeconds();
  const output = execFileSync('pgbench', ['-c', String(options.clients), '-j', String(options.threads), '-T', String(options.seconds), url], {
    env: env(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  waitForReapedBackends();
  const server1 = postgresCpuSeconds();
  const client = childrenCpuSeconds() - client0;
  const tps = output.match(/tps = ([\d.]+)/);
  const transactions = output.match(/number of transactions actually processed: (\d+)/);
  if (!tps || !transactions) throw new Error(`无法解析 pgbench 输出：${output}`);
  return {
    tps: Number(tps[1]),
    transactions: Number(transactions[1]),
    seconds: Number(transactions[1]) / Number(tps[1]),
    cpu: { client, server: server0 !== undefined && server1 !== undefined ? server1 - server0 : undefined },
  };
}

/** Several runs as one: transactions over their seconds together. */
export function combinePgbenchRuns(runs: PgbenchRun[]): PgbenchRun {
  const transactions = runs.reduce((sum, run) => sum + run.transactions, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const servers = runs.map((run) => run.cpu.server);
  return {
    tps: transactions / seconds,
    transactions,
    seconds,
    cpu: {
      client: runs.reduce((sum, run) => sum + run.cpu.client, 0),
      server: servers.every((server) => server !== undefined) ? servers.reduce((sum, server) => sum! + server!, 0) : undefined,
    },
  };
}

/** pgbench tpcb-like against a database URL: its tables initialised, then one run. */
export function runPgbench(url: string, options: PgbenchOptions): PgbenchRun {
  initPgbench(url, options.scale);
  return runPgbenchOnce(url, options);
}
