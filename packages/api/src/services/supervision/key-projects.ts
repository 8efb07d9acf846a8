import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { appendAudit, cases, keyProjects, type Db } from '@xlgl/db';
import { localDateOf } from '@xlgl/engine';
import type { DeskActor } from '../cases/runtime.js';
import { inScope, scopeOf } from './scope.js';

export type Milestone = { name: string; match: string; plannedDate: string };
export type MilestoneState = Milestone & { actualDate: string | null; deviationDays: number | null; state: 'done-on-time' | 'done-late' | 'pending' | 'overdue' };

/**
 * Planned against actual (R7.4): a milestone is reached by the first process record whose stage or
 * step equals `match`; deviation in calendar days (positive = late).
 */
export function milestoneDeviations(milestones: Milestone[], history: Array<{ stage: string | null; step: string | null; at: Date }>, today: string): MilestoneState[] {
  return milestones.map((milestone) => {
    const reached = history.find((entry) => entry.stage === milestone.match || entry.step === milestone.match);
    const actualDate = reached ? localDateOf(reached.at) : null;
    const diff = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);
    if (actualDate) {
      const deviationDays = diff(actualDate, milestone.plannedDate);
      return { ...milestone, actualDate, deviationDays, state: deviationDays > 0 ? 'done-late' : 'done-on-time' };
    }
    const late = today > milestone.plannedDate;
    return { ...milestone, actualDate: null, deviationDays: late ? diff(today, milestone.plannedDate) : null, state: late ? 'overdue' : 'pending' };
  });
}

/** Marks (or re-plans) a case as a key project (重点项目). */
export async function markKeyProject(db: Db, options: { actor: DeskActor; now: Date; input: { caseId: string; name: string; milestones: Milestone[] } }) {
  const { actor, now, input } = options;
  const [row] = await db.select({ id: cases.id, number: cases.number, regionCode: cases.regionCode }).from(cases).where(eq(cases.id, input.caseId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '办件不存在' });
  if (!inScope(scopeOf(actor.regionCode), row.regionCode)) throw new TRPCError({ code: 'FORBIDDEN', message: `办件${row.number}不在您的监察范围内` });
  if (input.milestones.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: '重点项目至少要有一个计划节点' });
  const values = { name: input.name.trim(), milestones: input.milestones, markedBy: actor.userId, regionCode: row.regionCode, createdAt: now };
  await db.transaction(async (tx) => {
    await tx.insert(keyProjects).values({ caseId: row.id, ...values }).onConflictDoUpdate({ target: keyProjects.caseId, set: values });
    await appendAudit(tx, { actor: actor.userId, action: 'supervision.key-project', target: `case/${row.number}`, detail: { milestones: input.milestones.length } }, now);
  });
  return { ok: true as const };
}
