import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { appendAudit, cases, supervisionUrges, type Db } from '@xlgl/db';
import type { CaseState } from '@xlgl/engine';
import { publishDeskEvent } from '../cases/events.js';
import type { DeskActor } from '../cases/runtime.js';
import { handlersOf, type Recipient } from './recipients.js';
import { inScope, scopeOf } from './scope.js';
import { enqueueSms } from './sms.js';

export type UrgeKind = 'urge' | 'supervise';
export const urgeKindLabels: Record<UrgeKind, string> = { urge: '催办', supervise: '督办' };

type UrgeCase = { id: string; number: string; itemName: string; regionCode: string };
type Created = { id: string; recipient: Recipient; text: string; kind: UrgeKind };

/** Writes one urge per recipient with its text in the outbox, in the caller's transaction. */
export async function createUrges(
  tx: Db,
  options: { row: UrgeCase; kind: UrgeKind; origin: string; from: { userId: string; name: string } | null; recipients: Recipient[]; message: string; replyBy?: string | null; dedupeKey?: string; now: Date },
): Promise<Created[]> {
  const created: Created[] = [];
  for (const recipient of options.recipients) {
    const id = randomUUID();
    const dedupeKey = options.dedupeKey ? `${options.dedupeKey}:${recipient.userId}` : null;
    const inserted = await tx
      .insert(supervisionUrges)
      .values({
        id,
        caseId: options.row.id,
        caseNumber: options.row.number,
        kind: options.kind,
        origin: options.origin,
        fromUserId: options.from?.userId ?? null,
        fromName: options.from?.name ?? '电子监察系统',
        toUserId: recipient.userId,
        toName: recipient.name,
        message: options.message,
        replyBy: options.replyBy ?? null,
        status: 'sent',
        regionCode: options.row.regionCode,
        dedupeKey,
        createdAt: options.now,
      })
      .onConflictDoNothing()
      .returning({ id: supervisionUrges.id });
    if (inserted.length === 0) continue;
    const text = `【${urgeKindLabels[options.kind]}】${options.row.itemName}（${options.row.number}）：${options.message}`;
    await enqueueSms(tx, [{ mobile: recipient.mobile, userId: recipient.userId, body: text, ref: `urge/${id}` }], options.now);
    created.push({ id, recipient, text, kind: options.kind });
  }
  return created;
}

/** Live popups for urges (after commit). */
export function announceUrges(db: Db, announced: { created: Created[]; row: { id: string; number: string }; now: Date }): void {
  const { created, row, now } = announced;
  for (const entry of created) {
    publishDeskEvent(db, { kind: 'user', userId: entry.recipient.userId }, { kind: 'urge', caseId: row.id, caseNumber: row.number, message: entry.text, at: now.toISOString() });
  }
}

/** A supervisor urges (催办) or supervises (督办) a case in their scope; its handlers are told. */
export async function sendUrge(db: Db, options: { actor: DeskActor; now: Date; input: { caseId: string; kind: UrgeKind; message: string; replyBy?: string } }) {
  const { actor, now, input } = options;
  if (!input.message.trim()) throw new TRPCError({ code: 'BAD_REQUEST', message: `${urgeKindLabels[input.kind]}内容不能为空` });
  const [row] = await db.select().from(cases).where(eq(cases.id, input.caseId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '办件不存在' });
  if (!inScope(scopeOf(actor.regionCode), row.regionCode)) throw new TRPCError({ code: 'FORBIDDEN', message: `办件${row.number}不在您的监察范围（${actor.centreName || actor.regionCode}及下级）内` });
  if (row.status !== 'running') throw new TRPCError({ code: 'BAD_REQUEST', message: `办件${row.number}已办结，无需${urgeKindLabels[input.kind]}` });
  const recipients = await handlersOf(db, { handlers: row.handlers, acceptedBy: row.acceptedBy, state: row.state as unknown as CaseState }, null);
  const created = await db.transaction(async (tx) => {
    const out = await createUrges(tx, { row, kind: input.kind, origin: 'manual', from: { userId: actor.userId, name: actor.name }, recipients, message: input.message.trim(), replyBy: input.replyBy ?? null, now });
    await appendAudit(tx, { actor: actor.userId, action: `supervision.${input.kind}`, target: `case/${row.number}`, detail: { to: recipients.map((recipient) => recipient.userId) } }, now);
    return out;
  });
  announceUrges(db, { created, row, now });
  return { sent: created.map((entry) => ({ id: entry.id, toUserId: entry.recipient.userId, toName: entry.recipient.name })) };
}

/** The handler reads and answers an urge addressed to them. */
export async function respondUrge(db: Db, options: { userId: string; now: Date; input: { urgeId: string; response?: string; readOnly?: boolean } }) {
  const { now, input } = options;
  const [urge] = await db.select().from(supervisionUrges).where(eq(supervisionUrges.id, input.urgeId));
  if (!urge) throw new TRPCError({ code: 'NOT_FOUND', message: '催办记录不存在' });
  if (urge.toUserId !== options.userId) throw new TRPCError({ code: 'FORBIDDEN', message: '只能答复发给本人的催办督办' });
  if (input.readOnly) {
    if (urge.status === 'sent') await db.update(supervisionUrges).set({ status: 'read', readAt: now }).where(eq(supervisionUrges.id, urge.id));
    return { ok: true as const };
  }
  if (!input.response?.trim()) throw new TRPCError({ code: 'BAD_REQUEST', message: '请填写办理情况答复' });
  if (urge.status === 'responded') throw new TRPCError({ code: 'CONFLICT', message: '该催办已答复' });
  await db.update(supervisionUrges).set({ status: 'responded', response: input.response.trim(), respondedAt: now, readAt: urge.readAt ?? now }).where(eq(supervisionUrges.id, urge.id));
  if (urge.fromUserId) {
    publishDeskEvent(db, { kind: 'user', userId: urge.fromUserId }, { kind: 'notice', caseId: urge.caseId, caseNumber: urge.caseNumber, message: `${urge.toName}已答复${urgeKindLabels[urge.kind as UrgeKind]}：${input.response.trim()}`, at: now.toISOString() });
  }
  return { ok: true as const };
}

/** Urges addressed to a user (the handler's list). */
export async function myUrges(db: Db, userId: string) {
  const rows = await db.select().from(supervisionUrges).where(eq(supervisionUrges.toUserId, userId)).orderBy(desc(supervisionUrges.createdAt)).limit(100);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null, respondedAt: row.respondedAt?.toISOString() ?? null }));
}

/** Urges of a case (supervisor's view). */
export async function urgesOfCase(db: Db, caseId: string) {
  const rows = await db.select().from(supervisionUrges).where(and(eq(supervisionUrges.caseId, caseId))).orderBy(desc(supervisionUrges.createdAt));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null, respondedAt: row.respondedAt?.toISOString() ?? null }));
}
