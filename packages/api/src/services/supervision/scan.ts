import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { caseHistory, cases, feeBills, feePayments, readSetting, supervisionCards, supervisionCaseFacts, supervisionCursors, type Db } from '@xlgl/db';
import { localDateOf, type CaseState, type WorkingCalendar } from '@xlgl/engine';
import type { ItemDocument } from '@xlgl/schema';
import { workingCalendar } from '../cases/runtime.js';
import { documentVersion } from './document-version.js';
import { announceCard, recordCard, type CardOutcome } from './cards.js';
import { handlersOf, supervisorsOf } from './recipients.js';
import { defaultRuleConfig, evaluateRules, type RuleConfig, type RuleFacts } from './rules.js';

export const ruleConfigSetting = 'supervision.rules';

type CaseRow = typeof cases.$inferSelect;
type HistoryRow = typeof caseHistory.$inferSelect;
type BillRow = typeof feeBills.$inferSelect;

/** A case's facts for the irregularity rules, from what `superviseCases` read for its batch. */
function ruleFacts(
  row: CaseRow,
  read: { item: ItemDocument; history: HistoryRow[]; bill: BillRow | undefined; payments: Array<{ amountFen: number }>; calendar: WorkingCalendar; config: RuleConfig },
): RuleFacts {
  const { item, history, bill, calendar } = read;
  const pauses = (row.pausedIntervals ?? []).map((pause) => ({ from: pause.from.slice(0, 10), to: pause.to?.slice(0, 10) }));
  return {
    case: { id: row.id, number: row.number, status: row.status, outcome: row.outcome, acceptedAt: row.acceptedAt, itemId: row.itemId, itemName: row.itemName, charges: Boolean(item.charges) },
    history: history.map((entry) => ({ id: entry.id, action: entry.action, stage: entry.stage, step: entry.step, stepStatus: entry.stepStatus, opinion: entry.opinion, at: entry.at })),
    standardFees: (item.fees ?? []).map((fee) => ({ id: fee.id, name: fee.name, amountFen: fee.amountFen })),
    bill: bill ? { status: bill.status, totalFen: bill.totalFen, lines: bill.lines } : null,
    payments: bill ? read.payments : [],
    workingDaysBetween: (from, to) => calendar.workingDaysBetween(localDateOf(from), localDateOf(to), { pauses }),
    config: read.config,
  };
}

/** Groups rows by their case. */
function byCase<T extends { caseId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.caseId);
    if (list) list.push(row);
    else out.set(row.caseId, [row]);
  }
  return out;
}

/**
 * Evaluates the declared rules on a batch of cases and records new findings as cards; also keeps the
 * facts rows of concluded cases. The batch's cases, records, bills and payments are read together
 * (four statements, whatever the batch size), the calendar and the rule thresholds once, and the
 * recipients are looked up only for findings that have no card yet (a re-evaluated case mostly
 * finds what it found before). Returns how many cards were recorded.
 */
export async function superviseCases(db: Db, caseIds: string[], options: { now: Date }): Promise<number> {
  if (caseIds.length === 0) return 0;
  const [rows, history, bills, payments, calendar, settings] = await Promise.all([
    db.select().from(cases).where(inArray(cases.id, caseIds)),
    db.select().from(caseHistory).where(inArray(caseHistory.caseId, caseIds)).orderBy(asc(caseHistory.id)),
    db.select().from(feeBills).where(inArray(feeBills.caseId, caseIds)),
    db.select({ caseId: feePayments.caseId, amountFen: feePayments.amountFen }).from(feePayments).where(inArray(feePayments.caseId, caseIds)),
    workingCalendar(db),
    readSetting<Partial<RuleConfig>>(db, ruleConfigSetting),
  ]);
  const config = { ...defaultRuleConfig, ...(settings ?? {}) };
  const historyOf = byCase(history);
  const billOf = new Map(bills.map((bill) => [bill.caseId, bill]));
  const paymentsOf = byCase(payments);
  const found: Array<{ row: CaseRow; findings: ReturnType<typeof evaluateRules> }> = [];
  const concluded: Array<typeof supervisionCaseFacts.$inferInsert> = [];
  for (const row of rows) {
    const item = await documentVersion<ItemDocument>(db, { kind: 'item', id: row.itemId, version: row.itemVersion });
    const facts = ruleFacts(row, { item, history: historyOf.get(row.id) ?? [], bill: billOf.get(row.id), payments: paymentsOf.get(row.id) ?? [], calendar, config });
    const findings = evaluateRules(facts);
    if (findings.length > 0) found.push({ row, findings });
    if (row.status === 'concluded' && row.completedAt)
      concluded.push({ caseId: row.id, workingDaysUsed: facts.workingDaysBetween(row.acceptedAt, row.completedAt), updatedAt: options.now });
  }
  const dedupeKey = (row: CaseRow, rule: { id: string }, key: string) => `${rule.id}:${row.id}:${key}`;
  const keys = found.flatMap(({ row, findings }) => findings.map(({ rule, finding }) => dedupeKey(row, rule, finding.key)));
  const recorded = new Set<string>();
  for (let index = 0; index < keys.length; index += 1000) {
    const chunk = keys.slice(index, index + 1000);
    for (const card of await db.select({ key: supervisionCards.dedupeKey }).from(supervisionCards).where(inArray(supervisionCards.dedupeKey, chunk))) recorded.add(card.key);
  }
  let cards = 0;
  for (const { row, findings } of found) {
    const fresh = findings.filter(({ rule, finding }) => !recorded.has(dedupeKey(row, rule, finding.key)));
    if (fresh.length === 0) continue;
    const recipients = [...(await handlersOf(db, { handlers: row.handlers, acceptedBy: row.acceptedBy, state: row.state as unknown as CaseState }, null)), ...(await supervisorsOf(db, row.regionCode))];
    const unique = [...new Map(recipients.map((recipient) => [recipient.userId, recipient])).values()];
    // Recorded again by key (`recordCard` inserts on conflict do nothing): another scan may have got there first.
    const outcomes = await db.transaction(async (tx) => {
      const out: CardOutcome[] = [];
      for (const { rule, finding } of fresh)
        out.push(
          await recordCard(
            tx,
            { caseId: row.id, caseNumber: row.number, itemId: row.itemId, itemName: row.itemName, regionCode: row.regionCode, departmentId: row.departmentId, color: rule.color, ruleId: rule.id, reason: `${rule.name}：${finding.reason}`, dedupeKey: dedupeKey(row, rule, finding.key) },
            { now: options.now, recipients: unique },
          ),
        );
      return out;
    });
    for (const outcome of outcomes) announceCard(db, { outcome, row, now: options.now });
    cards += outcomes.filter(Boolean).length;
  }
  for (let index = 0; index < concluded.length; index += 1000)
    await db
      .insert(supervisionCaseFacts)
      .values(concluded.slice(index, index + 1000))
      .onConflictDoUpdate({ target: supervisionCaseFacts.caseId, set: { workingDaysUsed: sql`excluded.working_days_used`, updatedAt: options.now } });
  return cards;
}

const cursorName = 'irregularity-scan';

/**
 * Incremental scan: the cases with process records newer than the watermark are evaluated, then the
 * watermark moves. Runs as a pg-boss cron job; work is proportional to new activity, not to cases.
 */
export async function scanNewActivity(db: Db, options: { now: Date; batch?: number }): Promise<{ cases: number; cards: number }> {
  const [cursor] = await db.select().from(supervisionCursors).where(eq(supervisionCursors.name, cursorName));
  const from = cursor?.lastHistoryId ?? 0;
  const rows = await db
    .select({ id: caseHistory.id, caseId: caseHistory.caseId })
    .from(caseHistory)
    .where(gt(caseHistory.id, from))
    .orderBy(asc(caseHistory.id))
    .limit(options.batch ?? 2000);
  if (rows.length === 0) return { cases: 0, cards: 0 };
  const caseIds = [...new Set(rows.map((entry) => entry.caseId))];
  const cards = await superviseCases(db, caseIds, options);
  const last = rows[rows.length - 1]!.id;
  await db
    .insert(supervisionCursors)
    .values({ name: cursorName, lastHistoryId: last, updatedAt: options.now })
    .onConflictDoUpdate({ target: supervisionCursors.name, set: { lastHistoryId: sql`greatest(${supervisionCursors.lastHistoryId}, ${last})`, updatedAt: options.now } });
  return { cases: caseIds.length, cards };
}
