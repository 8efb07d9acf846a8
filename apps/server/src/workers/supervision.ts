import { caseTimerSweepQueue, deliverPendingSms, legacyCaseTimerQueue, scanNewActivity, smsGatewayFromEnv, sweepDueTimers } from '@xlgl/api';
import type { Db, PgBoss } from '@xlgl/db';
import { log } from '../log.js';

const scanQueue = 'supervision-scan';
const smsQueue = 'sms-deliver';

/**
 * Electronic supervision workers (issue 8), each a pg-boss cron job every minute: the timer sweep
 * (yellow/red cards and near-due urges for every `case_timers` row whose moment has come), the
 * incremental irregularity scan and SMS delivery. The sweep also runs once now, so thresholds crossed
 * while the server was down get their cards at start-up.
 */
export async function startSupervisionWorkers(db: Db, queue: PgBoss): Promise<void> {
  // One job per timer was the earlier design; the sweep supersedes those jobs.
  if (await queue.getQueue(legacyCaseTimerQueue)) await queue.deleteQueue(legacyCaseTimerQueue);
  const swept = await sweepDueTimers(db, { now: new Date() });
  log('info', 'case timer sweep at start-up', swept.handled);
  const gateway = smsGatewayFromEnv();
  for (const [name, run] of [
    [caseTimerSweepQueue, () => sweepTimers(db)],
    [scanQueue, () => scanNewActivity(db, { now: new Date() })],
    [smsQueue, () => deliverPendingSms(db, gateway, { now: new Date() })],
  ] as const) {
    // The sweep is a `singleton` queue: one run at a time across every server process of the database.
    await queue.createQueue(name, { name, policy: name === caseTimerSweepQueue ? 'singleton' : 'standard' });
    await queue.schedule(name, '* * * * *');
    await queue.work(name, async () => {
      await run();
    });
  }
}

async function sweepTimers(db: Db): Promise<void> {
  const { handled } = await sweepDueTimers(db, { now: new Date() });
  if (handled.carded + handled.duplicate + handled.stale + handled.closed + handled.paused + handled.early > 0) log('info', 'case timer sweep', handled);
}
