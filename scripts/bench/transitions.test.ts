import { describe, expect, it } from 'vitest';
import { runTransitionWorkers, type ScriptStep, type TransitionWorkload } from './transitions.js';

const step: ScriptStep = { who: 'window', expectedVersion: 1, action: { type: 'approve', taskId: 'task-1' } as ScriptStep['action'] };
const workload = (cases: number, steps: number): TransitionWorkload => ({
  actors: {} as TransitionWorkload['actors'],
  script: Array.from({ length: steps }, () => step),
  caseIds: Array.from({ length: cases }, (_, index) => `case-${index}`),
});
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('runTransitionWorkers', () => {
  it('counts only the steps started after the warm-up, and opens the window once', async () => {
    const seen: boolean[] = [];
    let windows = 0;
    let performedAtWindow = -1;
    const result = await runTransitionWorkers(workload(8, 1000), {
      workers: 2,
      seconds: 0.3,
      warmupSeconds: 0.2,
      onMeasure: () => {
        windows += 1;
        performedAtWindow = seen.length;
      },
      perform: async (_caseId, _step, measured) => {
        await pause(5);
        seen.push(measured);
      },
    });
    expect(windows).toBe(1);
    expect(result.warmup).toBeGreaterThan(0);
    expect(result.committed).toBeGreaterThan(0);
    expect(result.warmup + result.committed).toBe(seen.length);
    // Steps performed before the window opened are the warm-up's.
    expect(seen.filter((measured) => !measured)).toHaveLength(result.warmup);
    // The steps finished before the window opened were all warm-up; those in flight then finish after it.
    expect(performedAtWindow).toBeGreaterThan(0);
    expect(performedAtWindow).toBeLessThanOrEqual(result.warmup);
    expect(seen.slice(0, performedAtWindow).every((measured) => !measured)).toBe(true);
    expect(result.seconds).toBeGreaterThanOrEqual(0.29);
    expect(result.seconds).toBeLessThan(1);
    expect(result.tps).toBeCloseTo(result.committed / result.seconds);
  });

  it('measures from the start without a warm-up', async () => {
    let windows = 0;
    const result = await runTransitionWorkers(workload(4, 1000), {
      workers: 4,
      seconds: 0.1,
      warmupSeconds: 0,
      onMeasure: () => (windows += 1),
      perform: () => pause(2),
    });
    expect(windows).toBe(1);
    expect(result.warmup).toBe(0);
    expect(result.committed).toBeGreaterThan(0);
  });

  it('counts failures and keeps the first error', async () => {
    const result = await runTransitionWorkers(workload(2, 3), {
      workers: 1,
      seconds: 5,
      warmupSeconds: 0,
      perform: async (caseId) => {
        if (caseId === 'case-1') throw new Error('版本冲突');
      },
    });
    expect(result.exhausted).toBe(true);
    expect(result.committed).toBe(3);
    expect(result.failed).toBe(3);
    expect(result.firstError).toBe('版本冲突');
  });

  it('cuts the measured time into windows and runs `between` while every worker waits', async () => {
    let inFlight = 0;
    let performedDuringBetween = 0;
    let betweenRunning = false;
    const calls: number[] = [];
    const events: string[] = [];
    const result = await runTransitionWorkers(workload(12, 1000), {
      workers: 3,
      seconds: 0.3,
      warmupSeconds: 0.05,
      windows: 3,
      onMeasure: () => events.push('open'),
      onPause: () => events.push('close'),
      between: async (next) => {
        expect(inFlight).toBe(0);
        betweenRunning = true;
        calls.push(next);
        await pause(60);
        betweenRunning = false;
      },
      perform: async () => {
        if (betweenRunning) performedDuringBetween += 1;
        inFlight += 1;
        await pause(3);
        inFlight -= 1;
      },
    });
    expect(calls).toEqual([1, 2]);
    expect(performedDuringBetween).toBe(0);
    expect(events).toEqual(['open', 'close', 'open', 'close', 'open', 'close']);
    expect(result.windows).toHaveLength(3);
    expect(result.windows.reduce((sum, window) => sum + window.committed, 0)).toBe(result.committed);
    for (const window of result.windows) {
      expect(window.committed).toBeGreaterThan(0);
      expect(window.seconds).toBeGreaterThanOrEqual(0.09);
    }
    // The pauses are not measured time.
    expect(result.seconds).toBeCloseTo(result.windows.reduce((sum, window) => sum + window.seconds, 0));
    expect(result.seconds).toBeLessThan(0.3 + 0.1);
    expect(result.exhausted).toBe(false);
  });

  it('ends the open window when the script runs out, without waiting for the rest', async () => {
    let between = 0;
    const result = await runTransitionWorkers(workload(2, 3), {
      workers: 2,
      seconds: 10,
      warmupSeconds: 0,
      windows: 3,
      between: () => {
        between += 1;
      },
      perform: () => pause(1),
    });
    expect(result.exhausted).toBe(true);
    expect(between).toBe(0);
    expect(result.windows).toHaveLength(1);
    expect(result.committed).toBe(6);
    expect(result.seconds).toBeLessThan(1);
  });

  it('stops and reports a failure of `between`', async () => {
    await expect(
      runTransitionWorkers(workload(4, 1000), {
        workers: 2,
        seconds: 0.1,
        warmupSeconds: 0,
        windows: 2,
        between: () => {
          throw new Error('pgbench 失败');
        },
        perform: () => pause(1),
      }),
    ).rejects.toThrow('pgbench 失败');
  });
});
