import { execFileSync } from 'node:child_process';
import { childrenCpuSeconds, postgresCpuSeconds, waitForReapedBackends } from './cpu.js';

export type PgbenchRun = {
  tps: number;
  transactions: number;
  /** CPU seconds of the run itself (not the initialisation): pgbench's own and the server's (undefined for a remote server). */
  cpu: { client: number; server?: number };
};

/** Runs pgbench tpcb-like against a database URL: TPS (excluding connection time), transactions and CPU used. */
export function runPgbench(url: string, options: { clients: number; threads: number; seconds: number; scale: number }): PgbenchRun {
  const env = { ...process.env, PGCONNECT_TIMEOUT: '10' };
  execFileSync('pgbench', ['-i', '-q', '-s', String(options.scale), url], { env, stdio: 'pipe' });
  const server0 = postgresCpuSeconds();
  const client0 = childrenCpuSeconds();
  const output = execFileSync(
    'pgbench',
    ['-c', String(options.clients), '-j', String(options.threads), '-T', String(options.seconds), url],
    {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  waitForReapedBackends();
  const server1 = postgresCpuSeconds();
  const client = childrenCpuSeconds() - client0;
  const tps = output.match(/tps = ([\d.]+)/);
  const transactions = output.match(/number of transactions actually processed: (\d+)/);
  if (!tps || !transactions) throw new Error(`无法解析 pgbench 输出：${output}`);
  return {
    tps: Number(tps[1]),
    transactions: Number(transactions[1]),
    cpu: { client, server: server0 !== undefined && server1 !== undefined ? server1 - server0 : undefined },
  };
}
