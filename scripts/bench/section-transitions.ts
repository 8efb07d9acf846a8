import { mkdtempSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '@xlgl/db';
import { caseHeadCounts, importMetadata, scanNewActivity } from '@xlgl/api';
import { query, type BenchDatabase } from './database.js';
import { ownCpuSeconds, postgresCpuSeconds } from './cpu.js';
import { combinePgbenchRuns, initPgbench, runPgbenchOnce, type PgbenchRun } from './pgbench.js';
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

/** Turns of pgbench and transitions in the measured time (each a third), unless the run is shorter than this many seconds. */
const turnsFrom = 9;

/**
 * pgbench tpcb-like (4 clients, 2 threads) and real case transitions (4 workers) on the same server, in
 * turns: pgbench, transitions, pgbench, transitions, pgbench, transitions (each a third of the seconds;
 * the transitions' 3 s warm-up before their first turn). A machine whose speed drifts during the run
 * (other guests on the host, its own background work) then moves both sides of the ratio alike.
 */
export async function benchTransitions(
  bench: BenchDatabase,
  options: BenchOptions,
  shared: Shared,
  run: { transitions: boolean },
): Promise<void> {
  const turns = run.transitions && options.seconds >= turnsFrom ? 3 : 1;
  const turnSeconds = Math.max(1, Math.round(options.seconds / turns));
  const pgbenchOptions = { clients: 4, threads: 2, seconds: turnSeconds };
  initPgbench(bench.url, 10);
  const pgbenchRuns: PgbenchRun[] = [];
  const pgbenchTurn = async (handle?: DatabaseHandle) => {
    // Each side starts from a clean slate: the other's dirty pages written out, not during its turn.
    if (handle) await query(handle, 'checkpoint');
    pgbenchRuns.push(runPgbenchOnce(bench.url, pgbenchOptions));
    if (handle) await query(handle, 'checkpoint');
  };
  const reportPgbench = () => {
    const pgbench = combinePgbenchRuns(pgbenchRuns);
    shared.pgbenchTps = pgbench.tps;
    const turnNote = pgbenchRuns.length > 1 ? `, ${pgbenchRuns.length} turns of ${turnSeconds} s: ${pgbenchRuns.map((one) => Math.round(one.tps)).join(' / ')}` : '';
    figure('pgbench_tps', pgbench.tps, 'tx/s', 'info', `pgbench tpcb-like -c4 -j2 -s10${turnNote}`);
    if (pgbench.cpu.server !== undefined)
      figure(
        'pgbench_cpu_ms_per_tx',
        ((pgbench.cpu.client + pgbench.cpu.server) / pgbench.transactions) * 1000,
        'ms',
        'info',
        `CPU per transaction: pgbench ${((pgbench.cpu.client / pgbench.transactions) * 1000).toFixed(3)} ms + server ${((pgbench.cpu.server / pgbench.transactions) * 1000).toFixed(3)} ms`,
      );
    return pgbench.tps;
  };
  if (!run.transitions) {
    await pgbenchTurn();
    reportPgbench();
    return;
  }
  const handle = await seededHandle(bench, shared);
  try {
    const workload = await prepareTransitions(handle, { count: casesFor(turnSeconds * turns, 4000), steps, seedMetadata: false });
    await pgbenchTurn(handle);
    // CPU of the measured windows only (the pgbench turns between them are not the transitions').
    let server: number | undefined = 0;
    let node = 0;
    let server0: number | undefined;
    let node0 = 0;
    let heads0: ReturnType<typeof caseHeadCounts> | undefined;
    const result = await runTransitionWorkers(workload, {
      workers: 4,
      seconds: turnSeconds * turns,
      windows: turns,
      between: () => pgbenchTurn(handle),
      onMeasure: () => {
        server0 = postgresCpuSeconds();
        node0 = ownCpuSeconds();
        heads0 ??= caseHeadCounts(handle.db);
      },
      onPause: () => {
        const server1 = postgresCpuSeconds();
        server = server !== undefined && server0 !== undefined && server1 !== undefined ? server + server1 - server0 : undefined;
        node += ownCpuSeconds() - node0;
      },
      perform: serviceStep(handle.db, workload),
    });
    const pgbenchTps = reportPgbench();
    const heads1 = caseHeadCounts(handle.db);
    heads0 ??= heads1;
    const windows = result.windows.length > 1 ? ` in ${result.windows.length} turns (${result.windows.map((window) => Math.round(window.committed / window.seconds)).join(' / ')} tx/s)` : '';
    const note = `${result.committed} committed in ${result.seconds.toFixed(1)} s${windows} after ${result.warmup} in a ${defaultWarmupSeconds} s warm-up, ${result.failed} failed${result.firstError ? ` (${result.firstError})` : ''}${result.exhausted ? ', script exhausted' : ''}; ${await leftovers(handle)}`;
    const reads = `the case row read ${heads1.read - heads0.read} times, the row act() committed last used ${heads1.remembered - heads0.remembered} times`;
    figure('transition_tps', result.tps, 'tx/s', 'info', `service layer act(), 4 workers; ${note}; ${reads}`);
    const turnRatios =
      result.windows.length === pgbenchRuns.length && pgbenchRuns.length > 1
        ? `; turn by turn ${result.windows.map((window, index) => (window.committed / window.seconds / pgbenchRuns[index]!.tps).toFixed(3)).join(' / ')}`
        : '';
    figure('transition_ratio', result.tps / pgbenchTps, 'x pgbench', '>=0.5', `${note}${turnRatios}`);
    if (server !== undefined) {
      // Where the limit is on this machine: Node and PostgreSQL share its cores, so transitions can go at
      // most as fast as the cores allow at their CPU cost per transition, whatever the concurrency.
      const serverPerTx = server / result.committed;
      const nodePerTx = node / result.committed;
      figure('transition_cpu_ms_per_tx', (nodePerTx + serverPerTx) * 1000, 'ms', 'info', `Node ${(nodePerTx * 1000).toFixed(3)} ms + server ${(serverPerTx * 1000).toFixed(3)} ms`);
      const ceiling = cpus().length / (nodePerTx + serverPerTx);
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
    const step = serviceStep(handle.db, workload);
    const result = await runTransitionWorkers(workload, {
      workers: 4,
      seconds: options.seconds,
      // PGlite answers through promises alone (no I/O), so workers that never yield would starve the event
      // loop: no timer would fire, and the audit chainer (100 ms after a commit) would wait for the end of
      // the run. A server's requests arrive as I/O, with the loop's other work in between; so here too.
      perform: async (caseId, scripted) => {
        await step(caseId, scripted);
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
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
