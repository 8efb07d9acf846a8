import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMetadata, runDoctor } from '@xlgl/api';
import { enterpriseCase } from '@xlgl/api/testing';
import { rowsOf, type DatabaseHandle } from '@xlgl/db';
import { openTestDatabase, testDatabaseKinds } from '@xlgl/db/testing';
import { repositoryRoot } from './config.js';
import { Client, kill, startServer, type Server } from './test-server.js';

/** SIGKILLs survived by the workload (issue 10: five). */
const crashes = 5;
const metadataDir = join(repositoryRoot, 'metadata');

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
      server = await startServer(handle.url!, metadataDir);
      window.base = server.base;
      approver.base = server.base;
      if (round === 0) {
        await window.signIn('lg.window');
        await approver.signIn('lg.approver');
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
    console.info(
      `crash test: ${crashes} SIGKILLs, ${requests} acknowledged transitions (${acknowledged.accepted.length} acceptances, ${acknowledged.approved.length} approvals), ${cases.size} cases checked`,
    );
  }, 300_000);
});
