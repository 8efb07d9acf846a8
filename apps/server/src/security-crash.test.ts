import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMetadata, runDoctor } from '@xlgl/api';
import { enterpriseCase } from '@xlgl/api/testing';
import { rowsOf, type DatabaseHandle } from '@xlgl/db';
import { openTestDatabase, testDatabaseKinds } from '@xlgl/db/testing';
import { repositoryRoot } from './config.js';

/** SIGKILLs survived by the workload (issue 10: five). */
const crashes = 5;
const tsxLoader = import.meta.resolve('tsx');
const metadataDir = join(repositoryRoot, 'metadata');

/** An HTTP client with a cookie jar that survives server restarts (sessions live in the database). */
class Client {
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
  async query<T>(path: string, input?: unknown): Promise<T> {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetch(`${this.base}/trpc/${path}${search}`, { headers: { cookie: this.cookie() } });
    this.keep(response);
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok) throw new Error(body.error?.message ?? String(response.status));
    return body.result!.data;
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

type Server = { child: ChildProcess; base: string };

async function startServer(url: string): Promise<Server> {
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

async function kill(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}

describe.runIf(testDatabaseKinds().includes('postgres'))('crashes: SIGKILL during transitions (PostgreSQL)', () => {
  let handle: DatabaseHandle;
  let server: Server | undefined;
  const window = new Client();
  const approver = new Client();
  /** What the server answered with success, before it was killed. */
  const acknowledged = { accepted: [] as { caseId: string; number: string }[], approved: [] as { caseId: string; version: number }[] };

  beforeAll(async () => {
    handle = await openTestDatabase('postgres');
    await importMetadata(handle.db, metadataDir, { actor: 'system' });
  }, 120_000);
  afterAll(async () => {
    if (server) await kill(server);
    await handle?.close();
  });

  it(`every acknowledged transition survives ${crashes} SIGKILLs at random moments; no case is half-changed; open cases keep their timers`, async () => {
    let requests = 0;
    for (let round = 0; round <= crashes; round += 1) {
      server = await startServer(handle.url!);
      window.base = server.base;
      approver.base = server.base;
      if (round === 0) {
        for (const [client, account] of [
          [window, 'lg.window'],
          [approver, 'lg.approver'],
        ] as const) {
          await client.query('auth.me');
          await client.mutate('auth.signIn', { account, password: 'Xlgl@2026' });
        }
      }
      if (round === crashes) break; // the last start only proves recovery
      let running = true;
      const worker = async () => {
        while (running) {
          try {
            const created = await window.mutate<{ caseId: string; number: string }>('desk.accept', enterpriseCase);
            requests += 1;
            acknowledged.accepted.push({ caseId: created.caseId, number: created.number });
            const detail = await approver.query<{ case: { version: number }; actions: { type: string; taskId?: string }[] }>('desk.case', {
              caseId: created.caseId,
            });
            const action = detail.actions.find((entry) => entry.type === 'approve');
            if (!action) continue;
            await approver.mutate('desk.act', {
              caseId: created.caseId,
              expectedVersion: detail.case.version,
              action: { type: 'approve', taskId: action.taskId },
            });
            requests += 1;
            acknowledged.approved.push({ caseId: created.caseId, version: detail.case.version + 1 });
          } catch {
            // the server died mid-request: whatever was not answered may or may not have committed
            if (!running) return;
          }
        }
      };
      const workers = Array.from({ length: 4 }, worker);
      await new Promise((resolve) => setTimeout(resolve, 800 + Math.floor(Math.random() * 1200)));
      await kill(server);
      running = false;
      await Promise.all(workers);
    }
    expect(acknowledged.accepted.length).toBeGreaterThan(crashes);

    // Every answered transition is there, whole.
    const cases = new Map(
      rowsOf<{ id: string; number: string; version: number; status: string }>(
        await handle.db.execute(`SELECT id, number, version, status FROM cases`),
      ).map((row) => [row.id, row]),
    );
    for (const entry of acknowledged.accepted) expect(cases.get(entry.caseId)?.number).toBe(entry.number);
    for (const entry of acknowledged.approved) expect(Number(cases.get(entry.caseId)!.version)).toBeGreaterThanOrEqual(entry.version);
    const approvals = new Set(
      rowsOf<{ case_id: string }>(await handle.db.execute(`SELECT DISTINCT case_id FROM case_history WHERE action = 'approve'`)).map(
        (row) => row.case_id,
      ),
    );
    for (const entry of acknowledged.approved) expect(approvals.has(entry.caseId)).toBe(true);
    // No half-changed case, every open case with its tasks and timers, the audit chain intact.
    const report = await runDoctor(handle.db);
    expect(report.violations).toEqual([]);
    // After the restart, timers written before a crash but never sent to the queue were re-sent.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [unsent] = rowsOf<{ n: number }>(
      await handle.db.execute(`SELECT count(*)::int AS n FROM case_timers WHERE status = 'scheduled' AND job_id IS NULL`),
    );
    expect(Number(unsent!.n)).toBe(0);
    console.info(
      `crash test: ${crashes} SIGKILLs, ${requests} acknowledged transitions (${acknowledged.accepted.length} acceptances, ${acknowledged.approved.length} approvals), ${cases.size} cases checked`,
    );
  }, 300_000);
});
