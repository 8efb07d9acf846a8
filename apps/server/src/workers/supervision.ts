import { caseTimerQueue, deliverPendingSms, handleCaseTimer, reconcileSupervisionTimers, scanNewActivity, smsGatewayFromEnv, type CaseTimerJob } from '@xlgl/api';
import type { Db, PgBoss } from '@xlgl/db';
import { log } from '../log.js';

const scanQueue = 'supervision-scan';
const smsQueue = 'sms-deliver';

/**
 * Electronic supervision workers (issue 8): the yellow/red timer jobs the case runtime schedules
 * (`case-timer`), a start-up reconciliation for thresholds crossed while the server was down, the
 * incremental irregularity scan and SMS delivery (every minute).
 */
export async function startSupervisionWorkers(db: Db, queue: PgBoss): Promise<void> {
  await queue.createQueue(caseTimerQueue);
  await queue.work<CaseTimerJob>(caseTimerQueue, async (jobs) => {
    for (const job of jobs) {
      const outcome = await handleCaseTimer(db, job.data, { now: new Date() });
      log('info', 'case timer', { case: job.data.caseId, timer: job.data.timerId, outcome });
    }
  });
  const reconciled = await reconcileSupervisionTimers(db, { now: new Date() });
  log('info', 'supervision reconciliation', reconciled);
  const gateway = smsGatewayFromEnv();
  for (const [name, run] of [
    [scanQueue, () => scanNewActivity(db, { now: new Date() })],
    [smsQueue, () => deliverPendingSms(db, gateway, { now: new Date() })],
  ] as const) {
    await queue.createQueue(name);
    await queue.schedule(name, '* * * * *');
    await queue.work(name, async () => {
      await run();
    });
  }
}
