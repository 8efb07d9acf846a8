import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

let built = false;
/**
 * What the server process runs: the production bundle apps/server/dist/main.js (as `npm start` runs it),
 * rebuilt once per bench run so the figures are those of the current sources; `BENCH_SERVER=source`
 * runs apps/server/src/main.ts through tsx instead (the development path, for comparison).
 */
function serverEntry(): string[] {
  if (process.env.BENCH_SERVER === 'source') return ['--import', 'tsx', 'apps/server/src/main.ts'];
  if (!built) {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'apps/server/build.ts'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`服务器构建失败（pnpm --filter @xlgl/server build）：${stderr || String(error)}`);
    }
    built = true;
  }
  return ['apps/server/dist/main.js'];
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type RunningServer = {
  process: ChildProcess;
  port: number;
  base: string;
  readyMs: number;
  rssMb: () => number;
  /** CPU seconds (user + system) the server process has used so far. */
  cpuSeconds: () => number;
  stop: () => Promise<void>;
};

/**
 * Starts the real server (the production bundle, as `npm start` runs it; see serverEntry) on a database
 * URL and waits until /healthz answers; `readyMs` is spawn → first healthy answer (the build is before).
 */
export async function startServer(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<RunningServer> {
  const entry = serverEntry();
  const port = await freePort();
  const started = performance.now();
  // BENCH_SERVER_NODE_ARGS adds Node flags to the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const extraArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...extraArgs, ...entry], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`服务器启动失败（退出码${child.exitCode}）：${stderr}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 300_000) throw new Error(`服务器300秒内未就绪：${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const readyMs = performance.now() - started;
  return {
    process: child,
    port,
    base,
    readyMs,
    rssMb: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const match = status.match(/VmRSS:\s+(\d+) kB/);
        return match ? Number(match[1]) / 1024 : 0;
      } catch {
        return 0;
      }
    },
    cpuSeconds: () => {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime and stime, in USER_HZ ticks (100 per second on Linux).
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return 0;
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
