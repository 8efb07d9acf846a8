import type { BenchDatabase } from './database.js';
import { figure } from './report.js';
import { startServer } from './server.js';
import { seededHandle, type BenchOptions, type Shared } from './section-transitions.js';

/**
 * Start-up on an existing database (migrated, metadata imported, whatever earlier sections left in
 * it): spawn → /healthz answers, median of three starts (the first start of the run is a warm-up).
 */
export async function benchStartup(bench: BenchDatabase, _options: BenchOptions, shared: Shared): Promise<void> {
  const handle = await seededHandle(bench, shared);
  await handle.close();
  const warm = await startServer({ databaseUrl: bench.url });
  await warm.stop();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let index = 0; index < 3; index += 1) {
    const server = await startServer({ databaseUrl: bench.url });
    times.push(server.readyMs);
    cpuTimes.push(server.cpuSeconds() * 1000);
    await server.stop();
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  figure(
    'startup_ms',
    times[1]!,
    'ms',
    '<3000',
    `spawn → /healthz ok on an existing PostgreSQL database, queue on (median of 3: ${times.map((time) => time.toFixed(0)).join(', ')} ms)`,
  );
  figure(
    'startup_cpu_ms',
    cpuTimes[1]!,
    'ms',
    'info',
    `CPU (user + system) of the server process until /healthz answers, median of 3 (${cpuTimes.map((time) => time.toFixed(0)).join(', ')} ms); less moved than the wall time by other load on the machine`,
  );
}
