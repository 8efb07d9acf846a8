import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { supervisionCaseFacts, supervisionCards, type Db } from '@xlgl/db';
import { publishDeskEvent } from '../cases/events.js';
import { enqueueSms } from './sms.js';
import type { Recipient } from './recipients.js';

export type CardColor = 'yellow' | 'red';
export const cardColorLabels: Record<CardColor, string> = { yellow: '黄牌', red: '红牌' };

export type CardInput = {
  caseId: string;
  caseNumber: string;
  itemId: string;
  itemName: string;
  regionCode: string;
  departmentId: string;
  color: CardColor;
  ruleId: string;
  reason: string;
  taskId?: string | null;
  stepLabel?: string | null;
  /** Same key, same finding: a second attempt records nothing. */
  dedupeKey: string;
};

/** What to do after the transaction commits. */
export type CardOutcome = { id: string; recipients: Recipient[]; message: string } | null;

/**
 * Records a card in the caller's transaction (idempotent by `dedupeKey`), keeps the case's worst
 * card in `supervision_case_facts` and queues the texts. Live popups are sent by `announceCard`
 * after the commit.
 */
export async function recordCard(tx: Db, input: CardInput, options: { now: Date; recipients: Recipient[] }): Promise<CardOutcome> {
  const id = randomUUID();
  const inserted = await tx
    .insert(supervisionCards)
    .values({
      id,
      caseId: input.caseId,
      caseNumber: input.caseNumber,
      color: input.color,
      ruleId: input.ruleId,
      reason: input.reason,
      taskId: input.taskId ?? null,
      stepLabel: input.stepLabel ?? null,
      regionCode: input.regionCode,
      departmentId: input.departmentId,
      itemId: input.itemId,
      notified: options.recipients.map((recipient) => recipient.userId),
      dedupeKey: input.dedupeKey,
      createdAt: options.now,
    })
    .onConflictDoNothing({ target: supervisionCards.dedupeKey })
    .returning({ id: supervisionCards.id });
  if (inserted.length === 0) return null;
  await tx
    .insert(supervisionCaseFacts)
    .values({ caseId: input.caseId, card: input.color, cardCount: 1, updatedAt: options.now })
    .onConflictDoUpdate({
      target: supervisionCaseFacts.caseId,
      set: {
        card: sql`case when ${supervisionCaseFacts.card} = 'red' or excluded.card = 'red' then 'red' else 'yellow' end`,
        cardCount: sql`${supervisionCaseFacts.cardCount} + 1`,
        updatedAt: options.now,
      },
    });
  const message = `【${cardColorLabels[input.color]}】${input.itemName}（${input.caseNumber}）：${input.reason}`;
  await enqueueSms(
    tx,
    options.recipients.map((recipient) => ({ mobile: recipient.mobile, userId: recipient.userId, body: message, ref: `card/${id}` })),
    options.now,
  );
  return { id, recipients: options.recipients, message };
}

/** Live popups for a recorded card (after commit). */
export function announceCard(db: Db, announced: { outcome: CardOutcome; row: { id: string; number: string }; now: Date }): void {
  const { outcome, row, now } = announced;
  if (!outcome) return;
  for (const recipient of outcome.recipients) {
    publishDeskEvent(db, { kind: 'user', userId: recipient.userId }, { kind: 'warning', caseId: row.id, caseNumber: row.number, message: outcome.message, at: now.toISOString() });
  }
}
