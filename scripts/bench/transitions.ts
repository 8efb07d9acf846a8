import { fileURLToPath } from 'node:url';
import type { DatabaseHandle, Db } from '@xlgl/db';
import { inTransaction, query } from './database.js';
import { acceptCase, act, importMetadata, loadActor, type ActionInput, type DeskActor } from '@xlgl/api';
import { enterpriseCase } from '@xlgl/api/testing';

export const metadataDir = fileURLToPath(new URL('../../metadata', import.meta.url));

/** The enterprise registration case every workload starts from (the shipped item, form and flow). */
export { enterpriseCase };

/** Who performs a scripted step: the 审核登记 approver returns, the window accepts again. */
export type ScriptStep = { who: 'approver' | 'window'; expectedVersion: number; action: ActionInput['action'] };

export type TransitionWorkload = {
  actors: { window: DeskActor; approver: DeskActor };
  /** The same script applies to every cloned case (engine ids are deterministic). */
  script: ScriptStep[];
  caseIds: string[];
};

async function openTasks(handle: DatabaseHandle, caseId: string): Promise<Array<{ id: string; nodeId: string }>> {
  const rows = await query<{ tasks: Array<{ id: string; nodeId: string }> }>(
    handle,
    `select state->'tasks' as tasks from cases where id = $1`,
    [caseId],
  );
  return rows[0]!.tasks;
}

/**
 * Seeds the shipped metadata (once per database), accepts a template case through the service, works
 * out a transition script on a probe case (审核登记 returns to 受理, 受理 approves again: both full
 * transitions with tasks, timers, history and audit), then clones the template `count` times in SQL.
 */
export async function prepareTransitions(
  handle: DatabaseHandle,
  options: { count: number; steps: number; seedMetadata: boolean },
): Promise<TransitionWorkload> {
  const { db } = handle;
  if (options.seedMetadata) await importMetadata(db, metadataDir, { actor: 'bench' });
  const window = await loadActor(db, 'user-lg-window');
  const approver = await loadActor(db, 'user-lg-approver');
  const now = new Date();
  const template = await acceptCase(db, { actor: window, now, input: { ...enterpriseCase, channel: 'window', contact: {} } as never });
  const probe = await acceptCase(db, { actor: window, now, input: { ...enterpriseCase, channel: 'window', contact: {} } as never });
  const script: ScriptStep[] = [];
  let version = probe.version;
  for (let index = 0; index < options.steps; index += 1) {
    const tasks = await openTasks(handle, probe.caseId);
    const register = tasks.find((task) => task.nodeId === 'register');
    const accept = tasks.find((task) => task.nodeId === 'accept');
    const step: ScriptStep = register
      ? {
          who: 'approver',
          expectedVersion: version,
          action: { type: 'return', taskId: register.id, targetNodeId: 'accept', reason: '材料需要补充说明（性能测试）' },
        }
      : { who: 'window', expectedVersion: version, action: { type: 'approve', taskId: accept!.id, comment: '已补充（性能测试）' } };
    const result = await act(db, {
      actor: step.who === 'approver' ? approver : window,
      now: new Date(),
      input: { caseId: probe.caseId, expectedVersion: version, action: step.action },
    });
    script.push(step);
    version = result.version;
  }
  const caseIds = await cloneCase(handle, template.caseId, options.count);
  return { actors: { window, approver }, script, caseIds };
}

/** Copies a case with its tasks and timers `count` times (new ids and numbers), in one transaction. */
export async function cloneCase(handle: DatabaseHandle, caseId: string, count: number): Promise<string[]> {
  const columns = async (table: string) =>
    (
      await query<{ column_name: string }>(
        handle,
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' and is_identity = 'NO' order by ordinal_position`,
        [table],
      )
    ).map((row) => row.column_name);
  const caseColumns = await columns('cases');
  const taskColumns = await columns('case_tasks');
  const timerColumns = await columns('case_timers');
  const list = (names: string[]) => names.map((name) => `"${name}"`).join(', ');
  const pick = (names: string[], alias: string, replace: Record<string, string>) =>
    names.map((name) => replace[name] ?? `${alias}."${name}"`).join(', ');
  const ids = await inTransaction(handle, async (run) => {
    await run(
      `create temp table bench_clone on commit drop as select g, gen_random_uuid()::text as id from generate_series(1, ${Number(count)}) g`,
    );
    const source = `'${caseId.replace(/'/g, "''")}'`;
    await run(
      `insert into cases (${list(caseColumns)}) select ${pick(caseColumns, 'c', { id: 'm.id', number: `c.number || '-' || lpad(m.g::text, 7, '0')` })} from cases c cross join bench_clone m where c.id = ${source}`,
    );
    await run(
      `insert into case_tasks (${list(taskColumns)}) select ${pick(taskColumns, 't', { id: 'gen_random_uuid()::text', case_id: 'm.id' })} from case_tasks t cross join bench_clone m where t.case_id = ${source}`,
    );
    await run(
      `insert into case_timers (${list(timerColumns)}) select ${pick(timerColumns, 't', { id: `m.id || ':' || t.timer_id`, case_id: 'm.id' })} from case_timers t cross join bench_clone m where t.case_id = ${source}`,
    );
    return (await run<{ id: string }>('select id from bench_clone order by g')).map((row) => row.id);
  });
  // A production database has statistics (autovacuum analyzes as tables grow); freshly cloned rows have
  // none until autovacuum gets to them, and this machine's server runs with autovacuum off. Without
  // them the planner guesses: a prepared statement's generic plan then scanned every scheduled timer
  // to cancel two (about 4 ms of a 0.2 ms statement).
  await query(handle, 'analyze cases, case_tasks, case_timers, case_history, audit_pending');
  return ids;
}

export type TransitionRun = {
  committed: number;
  failed: number;
  /** Seconds measured: the windows together (a window ends when its last step has finished). */
  seconds: number;
  tps: number;
  /** Steps performed during the warm-up, not counted. */
  warmup: number;
  /** Each measured window: steps committed in it and its length. */
  windows: Array<{ committed: number; seconds: number }>;
  firstError?: string;
  exhausted: boolean;
};

/** Seconds of load before the measured window (JIT, plan and buffer caches, the server's first GCs), unless a run says otherwise. */
export const defaultWarmupSeconds = 3;

/**
 * `workers` loops, each owning every `workers`-th case, advance their cases round-robin through the
 * script by `perform` for `warmupSeconds` and then `seconds` more. Only the steps started in a measured
 * window count: committed transitions per second of them. `onMeasure` is called as each window opens
 * and `onPause` as it closes (to take CPU counters); `perform` learns whether its step is measured.
 *
 * With `windows` (more than one), the measured time is cut into that many equal windows: when one ends
 * the workers finish their steps in flight and wait while `between` runs (e.g. a slice of the baseline,
 * so that baseline and transitions take turns and a machine that gets slower or faster meanwhile
 * affects both alike), then go on where they stopped.
 */
export async function runTransitionWorkers(
  workload: TransitionWorkload,
  options: {
    workers: number;
    seconds: number;
    warmupSeconds?: number;
    windows?: number;
    between?: (next: number) => void | Promise<void>;
    onMeasure?: () => void;
    onPause?: () => void;
    perform: (caseId: string, step: ScriptStep, measured: boolean) => Promise<void>;
  },
): Promise<TransitionRun> {
  const windowCount = Math.max(1, Math.floor(options.windows ?? 1));
  const windowMs = (options.seconds * 1000) / windowCount;
  const windows: TransitionRun['windows'] = [];
  let windowStart = 0;
  let windowCommitted = 0;
  let deadline = Number.POSITIVE_INFINITY;
  let phase: 'warmup' | 'measuring' | 'pausing' | 'done' = 'warmup';
  /** The phase as the workers and the closing code change it (not narrowed by the code around the call). */
  const phaseNow = () => phase;
  const warmupEnds = Date.now() + (options.warmupSeconds ?? defaultWarmupSeconds) * 1000;
  const open = () => {
    phase = 'measuring';
    windowStart = Date.now();
    windowCommitted = 0;
    deadline = windowStart + windowMs;
    options.onMeasure?.();
  };
  if (Date.now() >= warmupEnds) open();

  let active = options.workers;
  let parked = 0;
  let resume: (() => void) | undefined;
  let resumed: Promise<void> = Promise.resolve();
  let pauseFailure: unknown;
  /** Every worker is at the gate (or gone): close the window, run `between`, open the next one or stop. */
  const closeWindow = async () => {
    windows.push({ committed: windowCommitted, seconds: (Date.now() - windowStart) / 1000 });
    options.onPause?.();
    if (windows.length < windowCount && active > 0) {
      try {
        await options.between?.(windows.length);
        open();
      } catch (error) {
        pauseFailure = error;
        phase = 'done';
      }
    } else phase = 'done';
    parked = 0;
    resume?.();
  };
  /** Before each step: whether to go on. Waits at the gate while a window is closed. */
  const proceed = async (): Promise<boolean> => {
    for (;;) {
      if (phase === 'warmup' && Date.now() >= warmupEnds) open();
      if (phase === 'measuring' && Date.now() >= deadline) {
        phase = 'pausing';
        resumed = new Promise<void>((resolve) => (resume = resolve));
      }
      if (phase === 'done') return false;
      if (phase !== 'pausing') return true;
      const wait = resumed;
      parked += 1;
      if (parked === active) void closeWindow();
      await wait;
    }
  };

  let committed = 0;
  let failed = 0;
  let warmup = 0;
  let firstError: string | undefined;
  let exhausted = false;
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      const mine = workload.caseIds.filter((_, index) => index % options.workers === worker);
      try {
        for (let round = 0; round < workload.script.length; round += 1) {
          for (const caseId of mine) {
            if (!(await proceed())) return;
            const measured = phase === 'measuring';
            try {
              await options.perform(caseId, workload.script[round]!, measured);
              if (measured) {
                committed += 1;
                windowCommitted += 1;
              } else warmup += 1;
            } catch (error) {
              failed += 1;
              firstError ??= error instanceof Error ? error.message : String(error);
            }
          }
        }
        exhausted = true;
      } finally {
        active -= 1;
        // The others may all be waiting for this one to reach the gate.
        if (phase === 'pausing' && parked === active && active > 0) void closeWindow();
      }
    }),
  );
  // Ran out of script (or of time) inside a window: that window ends now.
  if (phaseNow() === 'measuring' || phaseNow() === 'pausing') {
    windows.push({ committed: windowCommitted, seconds: (Date.now() - windowStart) / 1000 });
    options.onPause?.();
  }
  if (pauseFailure) throw pauseFailure;
  const seconds = windows.reduce((sum, window) => sum + window.seconds, 0);
  return { committed, failed, seconds, tps: seconds > 0 ? committed / seconds : 0, warmup, windows, firstError, exhausted };
}

/** Performs one scripted step in-process through the service layer the API uses (`act`). */
export function serviceStep(db: Db, workload: TransitionWorkload) {
  return async (caseId: string, step: ScriptStep) => {
    await act(db, {
      actor: step.who === 'approver' ? workload.actors.approver : workload.actors.window,
      now: new Date(),
      input: { caseId, expectedVersion: step.expectedVersion, action: step.action },
    });
  };
}
