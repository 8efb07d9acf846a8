/**
 * `npm run bench -- [--db-url URL] [--cases N] [--seconds S] [--only name,…] [--keep]`
 *
 * Measures the platform against the database's own limit on this machine and prints one JSON line per
 * figure plus a closing summary line. Everything is seeded into a dedicated database
 * `xlgl_bench_<random>` on the PostgreSQL server (dropped afterwards unless --keep).
 * Sections (for --only): transitions, pglite, http, screens, league, startup (run in this order).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { figure, summary } from './bench/report.js';
import { createBenchDatabase, serverFacts, settle, type BenchDatabase } from './bench/database.js';
import { benchTransitions, benchPglite, type Shared } from './bench/section-transitions.js';

const sections = ['transitions', 'pglite', 'http', 'league', 'screens', 'startup'] as const;
type Section = (typeof sections)[number];

const { values } = parseArgs({
  options: {
    'db-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    cases: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '20' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const only = values.only ? (values.only.split(',').map((name) => name.trim()) as Section[]) : [...sections];
for (const name of only) if (!sections.includes(name)) throw new Error(`未知的测试项“${name}”，可选：${sections.join(', ')}`);
const options = { serverUrl: values['db-url']!, cases: Number(values.cases), seconds: Number(values.seconds), keep: values.keep! };
if (!Number.isInteger(options.cases) || options.cases < 1000) throw new Error('--cases 至少为1000');
if (!(options.seconds >= 3)) throw new Error('--seconds 至少为3');

const started = Date.now();
const facts = await serverFacts(options.serverUrl);
console.log(
  JSON.stringify({
    name: 'machine',
    nproc: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    cpu: cpus()[0]?.model,
    node: process.version,
    postgres: facts.version,
    sharedBuffers: facts.sharedBuffers,
    fsync: facts.fsync,
    synchronousCommit: facts.synchronousCommit,
  }),
);

const bench = await createBenchDatabase(options.serverUrl);
console.error(`bench database ${bench.name}${options.keep ? ' (kept)' : ''}`);
/** Figures one section hands to a later one (pgbench's TPS for the HTTP ratio). */
const shared: Shared = {};
let failure: unknown;
try {
  /** A failing section is reported as a failed figure; the other sections still run. */
  const section = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      console.error(error);
      figure(`${name}_error`, 1, 'error', '<1', error instanceof Error ? error.message.slice(0, 300) : String(error));
    }
  };
  if (only.includes('transitions') || only.includes('http'))
    await section('transitions', () => benchTransitions(bench, options, shared, { transitions: only.includes('transitions') }));
  if (only.includes('pglite')) await section('pglite', () => benchPglite(options, shared));
  /** Whether a section ran before this one: then the machine settles first (database.ts `settle`). */
  let ran = only.includes('transitions') || only.includes('http') || only.includes('pglite');
  const settled = async (name: string) => {
    if (ran) await settle(bench, name);
    ran = true;
  };
  if (only.includes('http'))
    await section('http', async () => {
      await settled('http');
      await (await import('./bench/section-http.js')).benchHttp(bench, options, shared);
    });
  /**
   * `run` on a database of its own when sections that write cases ran before: their cases (thousands of
   * open tasks for the same handlers, time limits already due, process records the irregularity scan
   * has not seen) would count in its inbox and reports, and a server started on them spends its first
   * minutes carding and scanning them while the section is timed.
   */
  const fresh = async (run: (database: BenchDatabase, sharedState: Shared) => Promise<void>) => {
    if (!ran) return run(bench, shared);
    const own = await createBenchDatabase(options.serverUrl);
    try {
      await run(own, {});
    } finally {
      if (!options.keep) await own.drop();
    }
  };
  if (only.includes('screens'))
    await section('screens', async () => {
      await settled('screens');
      const { benchScreens } = await import('./bench/section-screens.js');
      await fresh((database, sharedState) => benchScreens(database, options, sharedState));
    });
  if (only.includes('league'))
    await section('league', async () => {
      await settled('league');
      const { benchLeague } = await import('./bench/section-league.js');
      await fresh((database, sharedState) => benchLeague(database, options, sharedState));
    });
  if (only.includes('startup'))
    await section('startup', async () => {
      await settled('startup');
      await (await import('./bench/section-startup.js')).benchStartup(bench, options, shared);
    });
} catch (error) {
  failure = error;
  console.error(error);
} finally {
  if (!options.keep) await bench.drop();
}
const result = summary();
console.log(
  JSON.stringify({
    name: 'summary',
    ...result,
    allOk: result.failed.length === 0 && !failure,
    seconds: Math.round((Date.now() - started) / 1000),
    database: options.keep ? bench.name : undefined,
    error: failure ? String(failure) : undefined,
  }),
);
process.exit(failure || result.failed.length > 0 ? 1 : 0);
