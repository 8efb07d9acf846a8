import { and, asc, eq, gte, lt, or } from 'drizzle-orm';
import { cases, feeBills, feePayments, type Db } from '@xlgl/db';
import type { DeskActor } from './runtime.js';

export type FeeReportInput = { from: string; to: string };

const methodLabels: Record<string, string> = { cash: '现金', transfer: '转账', provider: '在线支付' };
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** Payments (and waivers) of the actor's centre in [from, to] (China dates, inclusive), for statistics and export. */
async function paymentsOf(db: Db, actor: DeskActor, input: FeeReportInput) {
  const end = new Date(chinaMidnight(input.to).getTime() + 86_400_000);
  return db
    .select({
      at: feePayments.at,
      number: cases.number,
      itemId: cases.itemId,
      itemName: cases.itemName,
      itemCode: cases.itemCode,
      departmentId: cases.departmentId,
      applicantName: cases.applicantName,
      amountFen: feePayments.amountFen,
      method: feePayments.method,
      receiptNo: feePayments.receiptNo,
      lines: feeBills.lines,
    })
    .from(feePayments)
    .innerJoin(cases, eq(cases.id, feePayments.caseId))
    .innerJoin(feeBills, eq(feeBills.id, feePayments.billId))
    .where(and(or(eq(cases.regionCode, actor.regionCode), eq(cases.escalatedTo, actor.regionCode)), gte(feePayments.at, chinaMidnight(input.from)), lt(feePayments.at, end)))
    .orderBy(asc(feePayments.at));
}

/** 收费统计: totals per item, per payment method, and waived bills, for the actor's centre. */
export async function feeReport(db: Db, actor: DeskActor, input: FeeReportInput) {
  const payments = await paymentsOf(db, actor, input);
  const byItem = new Map<string, { itemId: string; itemName: string; count: number; totalFen: number }>();
  const byMethod: Record<string, number> = {};
  for (const payment of payments) {
    const entry = byItem.get(payment.itemId) ?? { itemId: payment.itemId, itemName: payment.itemName, count: 0, totalFen: 0 };
    entry.count += 1;
    entry.totalFen += payment.amountFen;
    byItem.set(payment.itemId, entry);
    byMethod[payment.method] = (byMethod[payment.method] ?? 0) + payment.amountFen;
  }
  const waived = await db
    .select({ number: cases.number, itemName: cases.itemName, totalFen: feeBills.totalFen, reason: feeBills.waiverReason, decidedBy: feeBills.waiverDecidedBy })
    .from(feeBills)
    .innerJoin(cases, eq(cases.id, feeBills.caseId))
    .where(and(eq(feeBills.status, 'waived'), eq(cases.regionCode, actor.regionCode), gte(feeBills.settledAt, chinaMidnight(input.from)), lt(feeBills.settledAt, new Date(chinaMidnight(input.to).getTime() + 86_400_000))));
  return {
    totalFen: payments.reduce((sum, payment) => sum + payment.amountFen, 0),
    count: payments.length,
    byItem: [...byItem.values()].sort((a, b) => b.totalFen - a.totalFen),
    byMethod: Object.entries(byMethod).map(([method, totalFen]) => ({ method, label: methodLabels[method] ?? method, totalFen })),
    waived,
  };
}

/** Quotes a CSV cell; cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas. */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Export for the finance non-tax revenue system (非税收入): one row per fee line paid, UTF-8 CSV with
 * BOM. Columns follow the usual import template: 缴款日期, 缴款书号(票据号), 执收单位, 项目编码, 项目名称,
 * 收费标准, 数量, 金额(元), 缴款人, 缴费方式, 办件编号. The layout is configuration in a real deployment.
 */
export async function feeExportCsv(db: Db, actor: DeskActor, input: FeeReportInput): Promise<string> {
  const payments = await paymentsOf(db, actor, input);
  const header = ['缴款日期', '缴款书号', '执收单位', '项目编码', '项目名称', '收费标准（元）', '数量', '金额（元）', '缴款人', '缴费方式', '办件编号'];
  const rows = payments.flatMap((payment) =>
    payment.lines.map((line) => [
      new Date(payment.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      payment.receiptNo,
      payment.departmentId,
      line.feeId,
      line.name,
      ((line.unitFen ?? line.amountFen) / 100).toFixed(2),
      line.quantity ?? 1,
      (line.amountFen / 100).toFixed(2),
      payment.applicantName,
      methodLabels[payment.method] ?? payment.method,
      payment.number,
    ]),
  );
  return `\ufeff${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
