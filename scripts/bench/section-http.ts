import type { BenchDatabase } from './database.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { postgresCpuSeconds } from './cpu.js';
import { Connection, percentile, signIn } from './http-client.js';
import { figure } from './report.js';
import { startServer } from './server.js';
import { seededHandle, type BenchOptions, type Shared } from './section-transitions.js';
import { defaultWarmupSeconds, prepareTransitions, runTransitionWorkers } from './transitions.js';
import { runPgbench } from './pgbench.js';

/** Read and write system calls of a process so far (/proc/PID/io), or undefined where that is not readable. */
function syscallsOf(pid: number | undefined): { reads: number; writes: number } | undefined {
  try {
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    return { reads: Number(/syscr: (\d+)/.exec(io)?.[1]), writes: Number(/syscw: (\d+)/.exec(io)?.[1]) };
  } catch {
    return undefined;
  }
}

/**
 * The real server on the bench database; a keep-alive load generator with 32 connections sends
 * `desk.act` (tRPC over HTTP, with session cookie and CSRF header) following the transition script.
 * Each request's latency is taken from just before its bytes are written to when its whole answer
 * has been read. The figures are of the server warmed up (`defaultWarmupSeconds` of the same load
 * first, as a centre's server runs for days); the warm-up's requests are in an info figure of their
 * own. `BENCH_HTTP_LATENCIES=file` writes every request's start, latency and window as JSON.
 */
export async function benchHttp(bench: BenchDatabase, options: BenchOptions, shared: Shared): Promise<void> {
  const handle = await seededHandle(bench, shared);
  const server = await startServer({ databaseUrl: bench.url });
  let connections: Connection[] = [];
  try {
    const sessions = { window: await signIn(server.base, 'lg.window'), approver: await signIn(server.base, 'lg.approver') };
    const workload = await prepareTransitions(handle, {
      count: Math.ceil((2500 * (options.seconds + defaultWarmupSeconds)) / 40) + 64,
      steps: 40,
      seedMetadata: false,
    });
    const latencies: number[] = [];
    const coldLatencies: number[] = [];
    /** [ms since the first request, latency ms, whether measured] of every request, for BENCH_HTTP_LATENCIES (with the first request's wall-clock time). */
    const timeline: Array<[number, number, boolean]> = [];
    const firstRequest = performance.now();
    connections = await Promise.all(Array.from({ length: 32 }, () => Connection.open(server.base)));
    const idle = [...connections];
    let peakRss = server.rssMb();
    let cpuBefore = server.cpuSeconds();
    let ownCpuBefore = process.cpuUsage();
    let syscallsBefore = syscallsOf(server.process.pid);
    let postgresBefore = postgresCpuSeconds();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, server.rssMb());
    }, 200);
    const result = await runTransitionWorkers(workload, {
      workers: 32,
      seconds: options.seconds,
      onMeasure: () => {
        cpuBefore = server.cpuSeconds();
        ownCpuBefore = process.cpuUsage();
        syscallsBefore = syscallsOf(server.process.pid);
        postgresBefore = postgresCpuSeconds();
      },
      perform: async (caseId, step, measured) => {
        const connection = idle.pop()!;
        const started = performance.now();
        try {
          const reply = await connection.post(
            '/trpc/desk.act',
            { caseId, expectedVersion: step.expectedVersion, action: step.action },
            sessions[step.who],
          );
          const latency = performance.now() - started;
          (measured ? latencies : coldLatencies).push(latency);
          timeline.push([Math.round(started - firstRequest), Math.round(latency * 10) / 10, measured]);
          if (reply.status !== 200) throw new Error(`desk.act ${reply.status}: ${reply.body.slice(0, 300)}`);
        } finally {
          idle.push(connection);
        }
      },
    });
    clearInterval(sampler);
    if (process.env.BENCH_HTTP_LATENCIES) writeFileSync(process.env.BENCH_HTTP_LATENCIES, JSON.stringify({ start: new Date(Date.now() - (performance.now() - firstRequest)).toISOString(), requests: timeline }));
    const postgresAfter = postgresCpuSeconds();
    const requests = Math.max(1, result.committed + result.failed);
    const serverCpuMs = ((server.cpuSeconds() - cpuBefore) * 1000) / requests;
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const clientCpuMs = (ownCpu.user + ownCpu.system) / 1000 / requests;
    const syscallsAfter = syscallsOf(server.process.pid);
    const syscalls =
      syscallsBefore && syscallsAfter
        ? `; ${((syscallsAfter.reads - syscallsBefore.reads) / requests).toFixed(1)} read and ${((syscallsAfter.writes - syscallsBefore.writes) / requests).toFixed(1)} write system calls a request`
        : '';
    peakRss = Math.max(peakRss, server.rssMb());
    const pgbenchTps =
      shared.pgbenchTps ?? (shared.pgbenchTps = runPgbench(bench.url, { clients: 4, threads: 2, seconds: options.seconds, scale: 10 }).tps);
    const note = `${result.committed} committed in ${result.seconds.toFixed(1)} s after ${result.warmup} in a ${defaultWarmupSeconds} s warm-up, ${result.failed} failed${result.firstError ? ` (${result.firstError})` : ''}${result.exhausted ? ', script exhausted' : ''}`;
    figure('http_tps', result.tps, 'req/s', 'info', `tRPC desk.act over HTTP, 32 keep-alive connections; ${note}`);
    figure('http_ratio', result.tps / pgbenchTps, 'x pgbench', '>=0.3', note);
    figure(
      'http_p99_ms',
      percentile(latencies, 99),
      'ms',
      '<50',
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p90 ${percentile(latencies, 90).toFixed(1)} ms; after a ${defaultWarmupSeconds} s warm-up of the freshly started server`,
    );
    const all = [...coldLatencies, ...latencies];
    figure(
      'http_p99_with_warmup_ms',
      percentile(all, 99),
      'ms',
      'info',
      `every request from the server's first one on (${all.length}), warm-up included: p50 ${percentile(all, 50).toFixed(1)} ms, p90 ${percentile(all, 90).toFixed(1)} ms`,
    );
    figure(
      'http_server_cpu_ms_per_req',
      serverCpuMs,
      'ms',
      'info',
      `CPU (user + system) of the server process per desk.act; less moved than req/s by other load on the machine${syscalls}`,
    );
    if (postgresBefore !== undefined && postgresAfter !== undefined) {
      // Every request's CPU on this machine: the server process, PostgreSQL and the load generator. With
      // 32 connections each waiting for its answer, the mean latency is 32 / throughput (Little's law), so
      // this cost also sets how low the latency can go here, whatever the scheduling.
      const postgresCpuMs = ((postgresAfter - postgresBefore) * 1000) / requests;
      const totalCpuMs = serverCpuMs + postgresCpuMs + clientCpuMs;
      const ceiling = (cpus().length * 1000) / totalCpuMs;
      figure(
        'http_cpu_ms_per_req',
        totalCpuMs,
        'ms',
        'info',
        `server ${serverCpuMs.toFixed(3)} + PostgreSQL ${postgresCpuMs.toFixed(3)} + load generator ${clientCpuMs.toFixed(3)} ms (kernel work in other contexts, e.g. softirq, not included)`,
      );
      figure(
        'http_mean_latency_floor_ms',
        (32 / ceiling) * 1000,
        'ms',
        'info',
        `${Math.round(ceiling)} req/s if all ${cpus().length} cores did nothing but these requests; 32 connections then wait at least 32 / ${Math.round(ceiling)} s on average (measured mean: ${((32 / result.tps) * 1000).toFixed(1)} ms)`,
      );
    }
    figure(
      'http_client_cpu_ms_per_req',
      clientCpuMs,
      'ms',
      'info',
      'CPU of the load generator (this process) per request: it shares the cores with the server',
    );
    figure('server_rss_mb', peakRss, 'MB', '<400', 'peak VmRSS of the server process during the HTTP run');
  } finally {
    for (const connection of connections) connection.close();
    await server.stop();
    await handle.close();
  }
}
