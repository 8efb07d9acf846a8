import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from './config.js';

/** Test support: the real server as a child process on a PostgreSQL database, and an HTTP client for it. */
const tsxLoader = import.meta.resolve('tsx');

/** An HTTP client with a cookie jar that survives server restarts (sessions live in the database). */
export class Client {
  jar = new Map<string, string>();
  base = '';
  private cookie() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  private keep(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
  }
  /** Opens a GET stream (a tRPC subscription over SSE) with the jar's cookies; `text()` is what arrived so far. */
  async stream(path: string): Promise<{ text: () => string; close: () => void }> {
    const controller = new AbortController();
    const response = await fetch(`${this.base}/trpc/${path}`, {
      headers: { cookie: this.cookie(), accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`${path}: ${response.status}`);
    let received = '';
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += decoder.decode(value, { stream: true });
      }
    })().catch(() => undefined);
    return { text: () => received, close: () => controller.abort() };
  }
  async query<T>(path: string, input?: unknown): Promise<T> {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetch(`${this.base}/trpc/${path}${search}`, { headers: { cookie: this.cookie() } });
    this.keep(response);
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok) throw new Error(body.error?.message ?? String(response.status));
    return body.result!.data;
  }
  /** Signs in a demo account: the first request hands out the CSRF cookie the sign-in must carry. */
  async signIn(account: string): Promise<void> {
    await this.query('auth.me');
    await this.mutate('auth.signIn', { account, password: 'Xlgl@2026' });
  }
  async mutate<T>(path: string, input: unknown): Promise<T> {
    const response = await fetch(`${this.base}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie(), 'x-csrf-token': this.jar.get('xlgl_csrf') ?? '' },
      body: JSON.stringify(input),
    });
    this.keep(response);
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok) throw new Error(body.error?.message ?? String(response.status));
    return body.result!.data;
  }
}

export type Server = { child: ChildProcess; base: string };

export async function startServer(url: string, metadataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', tsxLoader, join(repositoryRoot, 'apps/server/src/main.ts')], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      METADATA_DIR: metadataDir,
      LOG_LEVEL: 'warn',
      WEB_DIST: join(repositoryRoot, 'apps/web/dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /地址 URL:\s+(http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, base };
}

export async function kill(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}
