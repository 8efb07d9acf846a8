import { lt } from 'drizzle-orm';
import { signInAttempts, type Db } from '@xlgl/db';
import { deleteExpiredSessions } from '../auth/sessions.js';
import { issueAutomaticCertificates } from './certificates/automaticIssue.js';

/** How long sign-in attempts are kept (they only matter for the last 15 minutes; kept longer for review). */
export const signInAttemptRetentionDays = 90;

/**
 * Deletes expired sessions and old sign-in attempts, and issues certificates whose automatic issue at
 * completion is still pending (after a crash or a failure such as a missing seal). Run hourly by the
 * server's queue.
 */
export async function housekeeping(db: Db, now: Date = new Date()): Promise<void> {
  await deleteExpiredSessions(db, now);
  await db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - signInAttemptRetentionDays * 86_400_000)));
  await issueAutomaticCertificates(db);
}
