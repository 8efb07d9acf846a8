import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { caseTimerSweepQueue, legacyCaseTimerQueue } from '@xlgl/api';
import { createTestApp, enterpriseCase, testDatabaseKinds, type TestApp } from '@xlgl/api/testing';
import { caseTimers, startQueue, supervisionCards, type PgBoss } from '@xlgl/db';
import { startSupervisionWorkers } from './supervision.js';

process.env.LOG_LEVEL ??= 'warn';
const metadataDir = fileURLToPath(new URL('../../../../metadata', import.meta.url));

describe.each(testDatabaseKinds())('supervision workers on %s', (kind) => {
  let app: TestApp | undefined;
  let queue: PgBoss | undefined;
  afterAll(async () => {
    await queue?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await app?.close();
  });

  it('restart: thresholds crossed while the server was down get their cards at start-up; then the scheduled sweep cards the rest', async () => {
    app = await createTestApp({ kind, metadataDir });
    // The case was accepted months ago while no queue ran (the server was down): timers are only rows.
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    const window = await app.signIn('lg.window');
    const accepted = await window.api.desk.accept(enterpriseCase);
    const before = (await app.db.select().from(caseTimers)).filter((timer) => timer.caseId === accepted.caseId);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((timer) => timer.status === 'scheduled')).toBe(true);
    expect((await app.db.select().from(supervisionCards)).filter((card) => card.caseId === accepted.caseId)).toEqual([]);
    // Start-up as boot.ts does it (the real clock is past every threshold of June).
    queue = await startQueue(app.handle, { schema: `pgboss_sup_${Date.now()}`, supervise: false, schedule: false });
    // A queue of the earlier one-job-per-timer design is left over from an older version.
    await queue.createQueue(legacyCaseTimerQueue);
    await startSupervisionWorkers(app.db, queue);
    const cards = (await app.db.select().from(supervisionCards)).filter((card) => card.caseId === accepted.caseId);
    expect(new Set(cards.map((card) => card.ruleId))).toEqual(new Set(['time.case.yellow', 'time.case.red', 'time.step.yellow', 'time.step.red']));
    const after = (await app.db.select().from(caseTimers)).filter((timer) => timer.caseId === accepted.caseId);
    expect(after.every((timer) => timer.status === 'fired')).toBe(true);
    // From now on the sweep runs every minute as a pg-boss cron job; the old queue is gone.
    expect((await queue.getSchedules()).map((schedule) => schedule.name)).toContain(caseTimerSweepQueue);
    expect(await queue.getQueue(caseTimerSweepQueue)).toMatchObject({ policy: 'singleton' });
    expect(await queue.getQueue(legacyCaseTimerQueue)).toBeNull();
    // A case accepted while the server runs: its thresholds (June, by the test clock) are due by the real
    // clock; the sweep's job (what the cron sends every minute, sent here at once) cards them.
    const running = await window.api.desk.accept(enterpriseCase);
    expect((await app.db.select().from(supervisionCards)).filter((card) => card.caseId === running.caseId)).toEqual([]);
    await queue.send(caseTimerSweepQueue, {});
    const deadline = Date.now() + 60_000;
    let swept: Array<{ ruleId: string }> = [];
    while (Date.now() < deadline) {
      swept = (await app.db.select().from(supervisionCards)).filter((card) => card.caseId === running.caseId);
      if (swept.length >= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(new Set(swept.map((card) => card.ruleId))).toEqual(new Set(['time.case.yellow', 'time.case.red', 'time.step.yellow', 'time.step.red']));
  }, 180_000);
});
