import { mkdtempSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '@xlgl/db';
import { caseHeadCounts, importMetadata, scanNewActivity } from '@xlgl/api';
import { query, type BenchDatabase } from './database.js';
import { ownCpuSeconds, postgresCpuSeconds } from './cpu.js';
import { runPgbench } from './pgbench.js';
import { runSqlTransitions } from './transition-sql.js';
import { figure } from './report.js';
import { cloneCase, metadataDir, prepareTransitions, runTransitionWorkers, serviceStep, defaultWarmupSeconds, type TransitionWorkload } from './transitions.js';

export type BenchOptions = { serverUrl: string; cases: number; seconds: number; keep: boolean };
export type Shared = { pgbenchTps?: number; seeded?: boolean };

/** Script length per case; cases are cloned so that no worker runs out (≈ 4,000 transitions/s max). */
const steps = 40;
/** Cases enough for `seconds` (and the warm-up before them) at up to `perSecond` transitions a second. */
const casesFor = (seconds: number, perSecond: number) => Math.ceil((perSecond * (seconds + defaultWarmupSeconds)) / steps) + 8;

/** What the transitions left behind: audit entries not chained yet (the background chainer's backlog). */
async function leftovers(handle: DatabaseHandle): Promise<string> {
  const [row] = await query<{ pending: number }>(handle, `select count(*)::int as pending from audit_pending`);
  return `audit entries awaiting the chain ${row?.pending ?? '?'}`;
}

/** Migrates the bench database and imports the shipped metadata (once). */
export async function seededHandle(bench: BenchDatabase, shared: Shared, maxConnections = 10): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: bench.url, maxConnections });
  if (!shared.seeded) {
    await migrateDatabase(handle);
    await importMetadata(handle.db, metadataDir, { actor: 'bench' });
    shared.seeded = true;
  }
  return handle;
}

/** pgbench tpcb-like (4 clients, 2 threads) and then real case transitions, 4 workers, on the same server. */
export async function benchTransitions(
  bench: BenchDatabase,
  options: BenchOptions,
  shared: Shared,
  run: { transitions: boolean },
): Promise<void> {
  const pgbench = runPgbench(bench.url, { clients: 4, threads: 2, seconds: options.seconds, scale: 10 });
  const pgbenchTps = pgbench.tps;
  shared.pgbenchTps = pgbenchTps;
  figure('pgbench_tps', pgbenchTps, 'tx/s', 'info', 'pgbench tpcb-like -c4 -j2 -s10');
  const pgbenchCpu = pgbench.cpu.server === undefined ? undefined : (pgbench.cpu.client + pgbench.cpu.server) / pgbench.transactions;
  if (pgbenchCpu !== undefined)
    figure(
      'pgbench_cpu_ms_per_tx',
      pgbenchCpu * 1000,
      'ms',
      'info',
      `CPU per transaction: pgbench ${((pgbench.cpu.client / pgbench.transactions) * 1000).toFixed(3)} ms + server ${((pgbench.cpu.server! / pgbench.transactions) * 1000).toFixed(3)} ms`,
    );
  if (!run.transitions) return;
  const handle = await seededHandle(bench, shared);
  // pgbench's dead rows and dirty pages are cleaned up now, not by autovacuum and checkpoints during the
  // transitions (the server's CPU below is measured for the whole server).
  await query(handle, 'vacuum analyze pgbench_accounts, pgbench_branches, pgbench_tellers, pgbench_history');
  await query(handle, 'checkpoint');
  try {
    const workload = await prepareTransitions(handle, { count: casesFor(options.seconds, 4000), steps, seedMetadata: false });
    let server0 = postgresCpuSeconds();
    let node0 = ownCpuSeconds();
    let heads0 = caseHeadCounts(handle.db);
    const result = await runTransitionWorkers(workload, {
      workers: 4,
      seconds: options.seconds,
      onMeasure: () => {
        server0 = postgresCpuSeconds();
        node0 = ownCpuSeconds();
        heads0 = caseHeadCounts(handle.db);
      },
      perform: serviceStep(handle.db, workload),
    });
    const node = (ownCpuSeconds() - node0) / result.committed;
    const server1 = postgresCpuSeconds();
    const heads1 = caseHeadCounts(handle.db);
    const note = `${result.committed} committed in ${result.seconds.toFixed(1)} s after ${result.warmup} in a ${defaultWarmupSeconds} s warm-up, ${result.failed} failed${result.firstError ? ` (${result.firstError})` : ''}${result.exhausted ? ', script exhausted' : ''}; ${await leftovers(handle)}`;
    const reads = `the case row read ${heads1.read - heads0.read} times, the row act() committed last used ${heads1.remembered - heads0.remembered} times`;
    figure('transition_tps', result.tps, 'tx/s', 'info', `service layer act(), 4 workers; ${note}; ${reads}`);
    figure('transition_ratio', result.tps / pgbenchTps, 'x pgbench', '>=0.5', note);
    if (server0 !== undefined && server1 !== undefined) {
      // Where the limit is on this machine: Node and PostgreSQL share its cores, so transitions can go at
      // most as fast as the cores allow at their CPU cost per transition, whatever the concurrency.
      const server = (server1 - server0) / result.committed;
      figure('transition_cpu_ms_per_tx', (node + server) * 1000, 'ms', 'info', `Node ${(node * 1000).toFixed(3)} ms + server ${(server * 1000).toFixed(3)} ms`);
      const ceiling = cpus().length / (node + server);
      figure(
        'transition_cpu_ceiling',
        ceiling / pgbenchTps,
        'x pgbench',
        'info',
        `${Math.round(ceiling)} tx/s if all ${cpus().length} cores did nothing but transitions at this CPU cost (the ratio cannot go above this)`,
      );
    }
    await benchSupervisionScan(handle);
    await benchBareTransitions(handle, workload, { seconds: options.seconds, pgbenchTps });
    // The same statements with no application in front: PostgreSQL's own limit for a full transition here.
    const sqlRun = await runSqlTransitions(handle, bench.url, { caseIds: await cloneCase(handle, workload.caseIds[1]!, 2000), seconds: options.seconds });
    figure(
      'transition_sql_ratio',
      sqlRun.tps / pgbenchTps,
      'x pgbench',
      'info',
      `a full transition's statements driven by pgbench itself (no Node, prepared): ${Math.round(sqlRun.tps)} tx/s${sqlRun.cpuMsPerTx === undefined ? '' : `, ${sqlRun.cpuMsPerTx.toFixed(3)} ms CPU per transaction`}; the most any application can reach with this work on this machine`,
    );
    figure(
      'transition_vs_sql',
      result.tps / sqlRun.tps,
      'x',
      'info',
      `service-layer transitions (${Math.round(result.tps)} tx/s) against the same statements driven by pgbench (${Math.round(sqlRun.tps)} tx/s): what the application (engine, Node, driver) costs on top of PostgreSQL's own work`,
    );
  } finally {
    await handle.close();
  }
}

/**
 * The irregularity scan (the supervision workers' minute job) over the process records the transitions
 * just wrote: one batch of up to 2,000 records, the cases they belong to evaluated against the declared
 * rules. Its cost per case decides how much activity one server can keep supervised.
 */
async function benchSupervisionScan(handle: DatabaseHandle): Promise<void> {
  const started = performance.now();
  const cpu0 = ownCpuSeconds();
  const scanned = await scanNewActivity(handle.db, { now: new Date() });
  const ms = performance.now() - started;
  const cpuMs = (ownCpuSeconds() - cpu0) * 1000;
  figure(
    'supervision_scan_ms_per_case',
    ms / Math.max(1, scanned.cases),
    'ms',
    'info',
    `irregularity scan of one batch (2,000 process records): ${scanned.cases} cases in ${Math.round(ms)} ms (Node CPU ${Math.round(cpuMs)} ms), ${scanned.cards} new cards`,
  );
}

/**
 * The anchor of issue 9 (`../shared/stack.md`): a bare transition — version-checked update of the case,
 * one process-record row, the case's task rows touched — in plain postgres-js prepared statements, on
 * the same cloned cases, 4 workers. It shows what the database allows for a transaction of that size;
 * the full transition above does about three times the writes (timers, their jobs, the audit entry,
 * eight indexes on the case row, the JSON state).
 */
async function benchBareTransitions(handle: DatabaseHandle, workload: TransitionWorkload, options: { seconds: number; pgbenchTps: number }): Promise<void> {
  const sql = handle.sql!;
  const caseIds = await cloneCase(handle, workload.caseIds[0]!, casesFor(options.seconds, 4000));
  const [{ version: start } = { version: 1 }] = await sql<{ version: number }[]>`select version from cases where id = ${caseIds[0]!}`;
  const versions = new Map(caseIds.map((id) => [id, start]));
  const result = await runTransitionWorkers(
    { ...workload, caseIds },
    {
      workers: 4,
      seconds: options.seconds,
      perform: async (caseId) => {
        const version = versions.get(caseId)!;
        await sql.begin(async (tx) => {
          const [updated] = await tx`update cases set version = ${version + 1}, updated_at = now() where id = ${caseId} and version = ${version} returning id`;
          if (!updated) throw new Error('version conflict');
          await tx`insert into case_history (case_id, record_id, at, action, item_code, item_name, step_status, message)
            values (${caseId}, ${`bare-${version}`}, now(), 'approve', 'bench', '性能测试', '已办理', '性能测试')`;
          await tx`update case_tasks set closed_at = now() where case_id = ${caseId}`;
        });
        versions.set(caseId, version + 1);
      },
    },
  );
  const note = `${result.committed} committed, ${result.failed} failed${result.firstError ? ` (${result.firstError})` : ''}`;
  figure('bare_transition_ratio', result.tps / options.pgbenchTps, 'x pgbench', 'info', `update with version check + history row + task rows, plain postgres-js; ${note}`);
}

/** The same transitions on embedded PGlite (on disk, as the server runs it by default). */
export async function benchPglite(options: BenchOptions, shared: Shared): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xlgl-bench-pglite-'));
  const handle = await openDatabase({ dataDir: dir });
  try {
    await migrateDatabase(handle);
    const workload = await prepareTransitions(handle, { count: casesFor(options.seconds, 1000), steps, seedMetadata: true });
    const result = await runTransitionWorkers(workload, {
      workers: 4,
      seconds: options.seconds,
      perform: serviceStep(handle.db, workload),
    });
    const note = `${result.committed} committed, ${result.failed} failed${result.firstError ? ` (${result.firstError})` : ''}; ${await leftovers(handle)}`;
    figure('pglite_transition_tps', result.tps, 'tx/s', 'info', `PGlite on disk, 4 workers; ${note}`);
    if (shared.pgbenchTps)
      figure(
        'pglite_transition_ratio',
        result.tps / shared.pgbenchTps,
        'x pgbench',
        'info',
        'informational: PGlite is one embedded connection',
      );
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
