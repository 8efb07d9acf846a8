import { asc, eq, gt, sql } from 'drizzle-orm';
import { caseHistory, cases, feeBills, feePayments, readSetting, supervisionCaseFacts, supervisionCursors, type Db } from '@xlgl/db';
import { localDateOf, type CaseState } from '@xlgl/engine';
import type { ItemDocument } from '@xlgl/schema';
import { workingCalendar } from '../cases/runtime.js';
import { documentVersion } from './document-version.js';
import { announceCard, recordCard, type CardOutcome } from './cards.js';
import { handlersOf, supervisorsOf } from './recipients.js';
import { defaultRuleConfig, evaluateRules, type RuleConfig, type RuleFacts } from './rules.js';

export const ruleConfigSetting = 'supervision.rules';

/** Gathers a case's facts for the irregularity rules. */
export async function loadRuleFacts(db: Db, caseId: string): Promise<{ facts: RuleFacts; row: typeof cases.$inferSelect } | null> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) return null;
  const item = await documentVersion<ItemDocument>(db, { kind: 'item', id: row.itemId, version: row.itemVersion });
  const history = await db.select().from(caseHistory).where(eq(caseHistory.caseId, caseId)).orderBy(asc(caseHistory.id));
  const [bill] = await db.select().from(feeBills).where(eq(feeBills.caseId, caseId));
  const payments = bill ? await db.select({ amountFen: feePayments.amountFen }).from(feePayments).where(eq(feePayments.caseId, caseId)) : [];
  const calendar = await workingCalendar(db);
  const config = { ...defaultRuleConfig, ...((await readSetting<Partial<RuleConfig>>(db, ruleConfigSetting)) ?? {}) };
  const pauses = (row.pausedIntervals ?? []).map((pause) => ({ from: pause.from.slice(0, 10), to: pause.to?.slice(0, 10) }));
  return {
    row,
    facts: {
      case: { id: row.id, number: row.number, status: row.status, outcome: row.outcome, acceptedAt: row.acceptedAt, itemId: row.itemId, itemName: row.itemName, charges: Boolean(item.charges) },
      history: history.map((entry) => ({ id: entry.id, action: entry.action, stage: entry.stage, step: entry.step, stepStatus: entry.stepStatus, opinion: entry.opinion, at: entry.at })),
      standardFees: (item.fees ?? []).map((fee) => ({ id: fee.id, name: fee.name, amountFen: fee.amountFen })),
      bill: bill ? { status: bill.status, totalFen: bill.totalFen, lines: bill.lines } : null,
      payments,
      workingDaysBetween: (from, to) => calendar.workingDaysBetween(localDateOf(from), localDateOf(to), { pauses }),
      config,
    },
  };
}

/** Evaluates the declared rules on one case and records new findings as cards; also keeps its facts row. */
export async function superviseCase(db: Db, caseId: string, options: { now: Date }): Promise<number> {
  const loaded = await loadRuleFacts(db, caseId);
  if (!loaded) return 0;
  const { facts, row } = loaded;
  const findings = evaluateRules(facts);
  const outcomes: CardOutcome[] = [];
  if (findings.length > 0) {
    const recipients = [...(await handlersOf(db, { handlers: row.handlers, acceptedBy: row.acceptedBy, state: row.state as unknown as CaseState }, null)), ...(await supervisorsOf(db, row.regionCode))];
    const unique = [...new Map(recipients.map((recipient) => [recipient.userId, recipient])).values()];
    await db.transaction(async (tx) => {
      for (const { rule, finding } of findings) {
        outcomes.push(
          await recordCard(
            tx,
            { caseId: row.id, caseNumber: row.number, itemId: row.itemId, itemName: row.itemName, regionCode: row.regionCode, departmentId: row.departmentId, color: rule.color, ruleId: rule.id, reason: `${rule.name}：${finding.reason}`, dedupeKey: `${rule.id}:${row.id}:${finding.key}` },
            { now: options.now, recipients: unique },
          ),
        );
      }
    });
  }
  for (const outcome of outcomes) announceCard(db, { outcome, row, now: options.now });
  if (row.status === 'concluded' && row.completedAt) {
    const used = facts.workingDaysBetween(row.acceptedAt, row.completedAt);
    await db
      .insert(supervisionCaseFacts)
      .values({ caseId: row.id, workingDaysUsed: used, updatedAt: options.now })
      .onConflictDoUpdate({ target: supervisionCaseFacts.caseId, set: { workingDaysUsed: used, updatedAt: options.now } });
  }
  return outcomes.filter(Boolean).length;
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
  let cards = 0;
  for (const caseId of caseIds) cards += await superviseCase(db, caseId, options);
  const last = rows[rows.length - 1]!.id;
  await db
    .insert(supervisionCursors)
    .values({ name: cursorName, lastHistoryId: last, updatedAt: options.now })
    .onConflictDoUpdate({ target: supervisionCursors.name, set: { lastHistoryId: sql`greatest(${supervisionCursors.lastHistoryId}, ${last})`, updatedAt: options.now } });
  return { cases: caseIds.length, cards };
}
