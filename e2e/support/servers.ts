import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (e2e/support → ../..). */
export const repositoryRoot = join(import.meta.dirname, '..', '..');

type Environment = Record<string, string>;

/** The environment of a server or CLI on the embedded database in `dataDir` (never a PostgreSQL URL from the caller). */
function environment(dataDir: string, extra: Environment = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: dataDir, BACKUP_DIR: join(dataDir, 'backups'), DATABASE_URL: '', NODE_ENV: 'test', ...extra };
}

/**
 * Runs one of the documented npm scripts (`npm run metadata -- export <dir>` …) from the repository
 * root against the embedded database in `dataDir`; resolves with its output, rejects with it on a
 * non-zero exit.
 */
export function runNpmScript(script: string, args: string[], dataDir: string): Promise<string> {
  const timeoutMs = 300_000;
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: repositoryRoot, env: environment(dataDir) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`npm run ${script} timed out after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`npm run ${script} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

export type RunningServer = { baseURL: string; output: () => string; stop: () => Promise<void> };

/**
 * Starts a second platform server (the bundle `npm start` runs, apps/server/dist/main.js) on its
 * own port and embedded database, and waits until /healthz answers. `stop()` sends SIGTERM and waits
 * for the process to exit, so its database is closed cleanly.
 */
export async function startServer(options: { port: number; dataDir: string; timeoutMs?: number }): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: repositoryRoot,
    env: environment(options.dataDir, { PORT: String(options.port) }),
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const baseURL = `http://localhost:${options.port}`;
  const stop = async () => {
    if (exited) return;
    // The whole process group (the node process that holds the database).
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (!exited) process.kill(-child.pid!, 'SIGKILL');
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`第二个服务器启动失败：\n${output}`);
    try {
      const response = await fetch(`${baseURL}/healthz`);
      if (response.ok) return { baseURL, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`第二个服务器在规定时间内未就绪：\n${output}`);
}
