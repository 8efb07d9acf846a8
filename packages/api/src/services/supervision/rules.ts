import type { CardColor } from './cards.js';

/** The case facts a rule looks at (from `cases`, `case_history`, `fee_bills`, the item version). */
export type RuleFacts = {
  case: { id: string; number: string; status: string; outcome: string | null; acceptedAt: Date; itemId: string; itemName: string; charges: boolean };
  history: Array<{ id: number; action: string; stage: string | null; step: string | null; stepStatus: string; opinion: string | null; at: Date }>;
  /** The item's standard fees (the version the case runs on). */
  standardFees: Array<{ id: string; name: string; amountFen: number }>;
  bill: { status: string; totalFen: number; lines: Array<{ feeId: string; name: string; amountFen: number }> } | null;
  payments: Array<{ amountFen: number }>;
  /** Working days between two instants (China calendar, from the engine). */
  workingDaysBetween: (from: Date, to: Date) => number;
  config: RuleConfig;
};

/** Thresholds of the irregularity rules; a system setting `supervision.rules` overrides them. */
export type RuleConfig = {
  /** 上报: the preliminary review must be forwarded to the higher level within this many working days of acceptance. */
  forwardingWorkingDays: number;
  /** 退回: this many returns of one case raise a card. */
  maxReturns: number;
  /** Shortest reason that counts as a reason (characters). */
  minReasonLength: number;
};
export const defaultRuleConfig: RuleConfig = { forwardingWorkingDays: 2, maxReturns: 2, minReasonLength: 4 };

/** One finding: `key` identifies it within the case, so re-evaluation adds no duplicate card. */
export type Finding = { key: string; reason: string };

/** A declared irregularity rule (R7.3, R7.5, R7.6; domain.md "Electronic supervision"). */
export type IrregularityRule = {
  id: string;
  name: string;
  color: CardColor;
  description: string;
  evaluate: (facts: RuleFacts) => Finding[];
};

const refusalActions = new Set(['reject', 'refuse']);

export const irregularityRules = [
  {
    id: 'irregular.refusal-without-reason',
    name: '不予受理/不予许可未说明理由',
    color: 'red',
    description: '不予受理或不予许可（驳回）必须书面说明理由；理由为空或过于简短即为违规。',
    evaluate: (facts) =>
      facts.history
        .filter((entry) => refusalActions.has(entry.action) || entry.stage === '不予受理' || entry.stepStatus === '不予受理')
        .filter((entry) => (entry.opinion ?? '').trim().length < facts.config.minReasonLength)
        .map((entry) => ({ key: `h${entry.id}`, reason: `“${entry.step ?? entry.stage ?? '办件'}”${entry.stepStatus}未说明理由${entry.opinion?.trim() ? `（仅写“${entry.opinion.trim()}”）` : ''}` })),
  },
  {
    id: 'irregular.fee-off-standard',
    name: '收费不符合标准',
    color: 'red',
    description: '收费单项目或金额与事项公布的收费标准不一致、不收费事项收费，或实缴金额与收费单不符。',
    evaluate: (facts) => {
      const out: Finding[] = [];
      const bill = facts.bill;
      if (!bill) return out;
      if (!facts.case.charges && bill.totalFen > 0) out.push({ key: 'no-authority', reason: `事项“${facts.case.itemName}”不收费，却开具了${(bill.totalFen / 100).toFixed(2)}元收费单` });
      const standard = new Map(facts.standardFees.map((fee) => [fee.id, fee]));
      for (const line of bill.lines) {
        const fee = standard.get(line.feeId);
        if (!fee) out.push({ key: `unknown:${line.feeId}`, reason: `收费项目“${line.name}”不在事项公布的收费标准中` });
        else if (fee.amountFen !== line.amountFen) out.push({ key: `amount:${line.feeId}`, reason: `收费项目“${line.name}”按${(line.amountFen / 100).toFixed(2)}元收取，标准为${(fee.amountFen / 100).toFixed(2)}元` });
      }
      const paid = facts.payments.reduce((sum, payment) => sum + payment.amountFen, 0);
      if (bill.status === 'paid' && paid !== bill.totalFen) out.push({ key: 'paid', reason: `实缴${(paid / 100).toFixed(2)}元，收费单应收${(bill.totalFen / 100).toFixed(2)}元` });
      return out;
    },
  },
  {
    id: 'irregular.step-skipped',
    name: '环节缺失',
    color: 'red',
    description: '准予办结的办件必须经过受理和审批决定（批准）环节；缺少任一环节即为跳过环节。',
    evaluate: (facts) => {
      if (facts.case.status !== 'concluded' || facts.case.outcome !== 'approved') return [];
      const stages = new Set(facts.history.map((entry) => entry.stage));
      const missing = ['受理', '批准'].filter((stage) => !stages.has(stage));
      return missing.length ? [{ key: missing.join('+'), reason: `办件已准予办结，但没有“${missing.join('”“')}”环节的办理记录` }] : [];
    },
  },
  {
    id: 'irregular.late-forwarding',
    name: '上报不及时',
    color: 'yellow',
    description: '需上级办理的办件，初审后应在规定工作日内上报上级政务服务中心。',
    evaluate: (facts) =>
      facts.history
        .filter((entry) => entry.action === 'escalate')
        .map((entry) => ({ entry, days: facts.workingDaysBetween(facts.case.acceptedAt, entry.at) }))
        .filter(({ days }) => days > facts.config.forwardingWorkingDays)
        .map(({ entry, days }) => ({ key: `h${entry.id}`, reason: `受理后第${days}个工作日才上报上级（规定${facts.config.forwardingWorkingDays}个工作日内）` })),
  },
  {
    id: 'irregular.repeated-returns',
    name: '反复退回',
    color: 'yellow',
    description: '同一办件被退回的次数达到上限，可能存在推诿或标准不一。',
    evaluate: (facts) => {
      const returns = facts.history.filter((entry) => entry.action === 'return');
      return returns.length >= facts.config.maxReturns ? [{ key: `n${facts.config.maxReturns}`, reason: `办件已被退回${returns.length}次（${[...new Set(returns.map((entry) => entry.step ?? ''))].filter(Boolean).join('、')}）` }] : [];
    },
  },
] as const satisfies readonly IrregularityRule[];

export type IrregularityRuleId = (typeof irregularityRules)[number]['id'];

/** Every rule's findings for a case. */
export function evaluateRules(facts: RuleFacts): Array<{ rule: IrregularityRule; finding: Finding }> {
  return irregularityRules.flatMap((rule) => (rule as IrregularityRule).evaluate(facts).map((finding) => ({ rule: rule as IrregularityRule, finding })));
}
