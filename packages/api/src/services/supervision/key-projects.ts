import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { appendAudit, caseHistory, cases, keyProjectBundleMembers, keyProjectBundles, keyProjects, type Db } from '@xlgl/db';
import { localDateOf } from '@xlgl/engine';
import type { DeskActor } from '../cases/runtime.js';
import { inScope, scopeCondition, scopeOf, type SupervisionScope } from './scope.js';

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

/** A bundle milestone: reached when every member case has reached it (the latest member decides). */
export type BundleMilestoneState = MilestoneState & { reached: number; total: number; waiting: string[] };

/**
 * Planned against actual for a bundle of cases (联办 / 并联审批 key project): each member's progress
 * is read from its own record; a milestone is done on the day its last member reaches it, and late
 * or overdue by calendar days against the plan. `waiting` names the member cases holding it up.
 */
export function bundleDeviations(
  milestones: Milestone[],
  members: Array<{ number: string; history: Array<{ stage: string | null; step: string | null; at: Date }> }>,
  today: string,
): BundleMilestoneState[] {
  const diff = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);
  return milestones.map((milestone) => {
    const perMember = members.map((member) => ({ number: member.number, state: milestoneDeviations([milestone], member.history, today)[0]! }));
    const waiting = perMember.filter((entry) => !entry.state.actualDate).map((entry) => entry.number);
    const reached = perMember.length - waiting.length;
    const base = { reached, total: perMember.length, waiting };
    if (perMember.length > 0 && waiting.length === 0) {
      const actualDate = perMember.map((entry) => entry.state.actualDate!).reduce((a, b) => (a > b ? a : b));
      const deviationDays = diff(actualDate, milestone.plannedDate);
      return { ...milestone, ...base, actualDate, deviationDays, state: deviationDays > 0 ? 'done-late' : 'done-on-time' };
    }
    const late = today > milestone.plannedDate;
    return { ...milestone, ...base, actualDate: null, deviationDays: late ? diff(today, milestone.plannedDate) : null, state: late ? 'overdue' : 'pending' };
  });
}

export type BundleInput = { bundleId?: string; name: string; caseIds: string[]; milestones: Milestone[] };

/**
 * Marks (or re-plans) a bundle of cases as one key project (R7.4): every member must exist and lie
 * in the supervisor's scope; the bundle is watched by the members' common region (else the marker's).
 */
export async function markKeyBundle(db: Db, options: { actor: DeskActor; now: Date; input: BundleInput }) {
  const { actor, now, input } = options;
  const scope = scopeOf(actor.regionCode);
  const caseIds = [...new Set(input.caseIds)];
  if (caseIds.length < 2) throw new TRPCError({ code: 'BAD_REQUEST', message: '联办重点项目至少要包含两个办件' });
  if (input.milestones.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: '重点项目至少要有一个计划节点' });
  const rows = await db.select({ id: cases.id, number: cases.number, regionCode: cases.regionCode }).from(cases).where(inArray(cases.id, caseIds));
  const missing = caseIds.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) throw new TRPCError({ code: 'NOT_FOUND', message: `办件不存在：${missing.join('、')}` });
  const outside = rows.filter((row) => !inScope(scope, row.regionCode));
  if (outside.length > 0) throw new TRPCError({ code: 'FORBIDDEN', message: `办件${outside.map((row) => row.number).sort().join('、')}不在您的监察范围内` });
  if (input.bundleId) {
    const [existing] = await db.select({ regionCode: keyProjectBundles.regionCode }).from(keyProjectBundles).where(eq(keyProjectBundles.id, input.bundleId));
    if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: '联办重点项目不存在' });
    if (!inScope(scope, existing.regionCode)) throw new TRPCError({ code: 'FORBIDDEN', message: '该联办重点项目不在您的监察范围内' });
  }
  const regions = new Set(rows.map((row) => row.regionCode));
  const regionCode = regions.size === 1 ? rows[0]!.regionCode : actor.regionCode;
  const id = input.bundleId ?? randomUUID();
  const values = { name: input.name.trim(), milestones: input.milestones, regionCode, markedBy: actor.userId, updatedAt: now };
  await db.transaction(async (tx) => {
    await tx
      .insert(keyProjectBundles)
      .values({ id, ...values, createdAt: now })
      .onConflictDoUpdate({ target: keyProjectBundles.id, set: values });
    await tx.delete(keyProjectBundleMembers).where(eq(keyProjectBundleMembers.bundleId, id));
    await tx.insert(keyProjectBundleMembers).values(caseIds.map((caseId) => ({ bundleId: id, caseId })));
    await appendAudit(tx, { actor: actor.userId, action: 'supervision.key-bundle', target: `key-bundle/${id}`, detail: { name: values.name, cases: rows.map((row) => row.number), milestones: input.milestones.length } }, now);
  });
  return { id };
}

/** Removes a bundle key project (its cases stay as they are). */
export async function removeKeyBundle(db: Db, options: { actor: DeskActor; now: Date; bundleId: string }) {
  const { actor, now, bundleId } = options;
  const [existing] = await db.select().from(keyProjectBundles).where(eq(keyProjectBundles.id, bundleId));
  if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: '联办重点项目不存在' });
  if (!inScope(scopeOf(actor.regionCode), existing.regionCode)) throw new TRPCError({ code: 'FORBIDDEN', message: '该联办重点项目不在您的监察范围内' });
  await db.transaction(async (tx) => {
    await tx.delete(keyProjectBundleMembers).where(eq(keyProjectBundleMembers.bundleId, bundleId));
    await tx.delete(keyProjectBundles).where(eq(keyProjectBundles.id, bundleId));
    await appendAudit(tx, { actor: actor.userId, action: 'supervision.key-bundle.remove', target: `key-bundle/${bundleId}`, detail: { name: existing.name } }, now);
  });
  return { ok: true as const };
}

type HistoryEntry = { stage: string | null; step: string | null; at: Date };

async function historiesOf(db: Db, caseIds: string[]): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .select({ caseId: caseHistory.caseId, stage: caseHistory.stage, step: caseHistory.step, at: caseHistory.at })
    .from(caseHistory)
    .where(inArray(caseHistory.caseId, caseIds))
    .orderBy(asc(caseHistory.at), asc(caseHistory.id));
  for (const row of rows) {
    const list = out.get(row.caseId) ?? [];
    list.push(row);
    out.set(row.caseId, list);
  }
  return out;
}

/** Bundles with their members and milestone deviations (all in scope, or those holding `caseId`). */
export async function keyBundles(db: Db, options: { scope: SupervisionScope; now: Date; caseId?: string; search?: string; limit?: number }) {
  const today = localDateOf(options.now);
  const conditions = [scopeCondition(options.scope, keyProjectBundles.regionCode)];
  if (options.caseId) conditions.push(sql`${keyProjectBundles.id} in (select ${keyProjectBundleMembers.bundleId} from ${keyProjectBundleMembers} where ${keyProjectBundleMembers.caseId} = ${options.caseId})`);
  if (options.search?.trim()) conditions.push(like(keyProjectBundles.name, `%${options.search.trim()}%`));
  const bundles = await db.select().from(keyProjectBundles).where(and(...conditions)).orderBy(desc(keyProjectBundles.updatedAt)).limit(options.limit ?? 100);
  if (bundles.length === 0) return [];
  const memberRows = await db
    .select({ bundleId: keyProjectBundleMembers.bundleId, caseId: cases.id, number: cases.number, itemName: cases.itemName, regionCode: cases.regionCode, status: cases.status, outcome: cases.outcome, dueDate: cases.dueDate })
    .from(keyProjectBundleMembers)
    .innerJoin(cases, eq(cases.id, keyProjectBundleMembers.caseId))
    .where(inArray(keyProjectBundleMembers.bundleId, bundles.map((bundle) => bundle.id)))
    .orderBy(asc(cases.number));
  const histories = await historiesOf(db, [...new Set(memberRows.map((row) => row.caseId))]);
  return bundles.map((bundle) => {
    const members = memberRows.filter((row) => row.bundleId === bundle.id);
    const milestones = bundleDeviations(bundle.milestones, members.map((member) => ({ number: member.number, history: histories.get(member.caseId) ?? [] })), today);
    return {
      id: bundle.id,
      name: bundle.name,
      regionCode: bundle.regionCode,
      members: members.map(({ bundleId: _bundleId, ...member }) => member),
      milestones,
      /** Worst deviation now (days late, reached or not), for sorting and the board. */
      worstDeviationDays: Math.max(0, ...milestones.map((milestone) => milestone.deviationDays ?? 0)),
      updatedAt: bundle.updatedAt.toISOString(),
    };
  });
}

/** Single-case key projects in scope with their deviations (the key-project screen). */
export async function keyCaseProjects(db: Db, options: { scope: SupervisionScope; now: Date; search?: string; limit?: number }) {
  const today = localDateOf(options.now);
  const conditions = [scopeCondition(options.scope, keyProjects.regionCode)];
  if (options.search?.trim()) conditions.push(sql`(${keyProjects.name} like ${`%${options.search.trim()}%`} or ${cases.number} like ${`%${options.search.trim()}%`})`);
  const rows = await db
    .select({ caseId: keyProjects.caseId, name: keyProjects.name, milestones: keyProjects.milestones, number: cases.number, itemName: cases.itemName, status: cases.status, createdAt: keyProjects.createdAt })
    .from(keyProjects)
    .innerJoin(cases, eq(cases.id, keyProjects.caseId))
    .where(and(...conditions))
    .orderBy(desc(keyProjects.createdAt))
    .limit(options.limit ?? 100);
  const histories = await historiesOf(db, rows.map((row) => row.caseId));
  return rows.map((row) => {
    const milestones = milestoneDeviations(row.milestones, histories.get(row.caseId) ?? [], today);
    return { ...row, milestones, worstDeviationDays: Math.max(0, ...milestones.map((milestone) => milestone.deviationDays ?? 0)), createdAt: row.createdAt.toISOString() };
  });
}
