import { execFileSync } from 'node:child_process';

/** Runs pgbench tpcb-like against a database URL and returns its TPS (excluding connection time). */
export function runPgbench(url: string, options: { clients: number; threads: number; seconds: number; scale: number }): number {
  const env = { ...process.env, PGCONNECT_TIMEOUT: '10' };
  execFileSync('pgbench', ['-i', '-q', '-s', String(options.scale), url], { env, stdio: 'pipe' });
  const output = execFileSync(
    'pgbench',
    ['-c', String(options.clients), '-j', String(options.threads), '-T', String(options.seconds), url],
    {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tps = output.match(/tps = ([\d.]+)/);
  if (!tps) throw new Error(`无法解析 pgbench 输出：${output}`);
  return Number(tps[1]);
}
