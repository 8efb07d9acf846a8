import { describe, expect, it } from 'vitest';
import { defaultRuleConfig, evaluateRules, irregularityRules, type RuleFacts } from './rules.js';

const at = (iso: string) => new Date(iso);
const entry = (id: number, action: string, extra: Partial<RuleFacts['history'][number]> = {}): RuleFacts['history'][number] => ({ id, action, stage: null, step: null, stepStatus: '已办理', opinion: null, at: at('2026-06-01T02:00:00Z'), ...extra });

function facts(overrides: Partial<RuleFacts> = {}, caseOverrides: Partial<RuleFacts['case']> = {}): RuleFacts {
  return {
    case: { id: 'c1', number: 'N1', status: 'running', outcome: null, acceptedAt: at('2026-06-01T02:00:00Z'), itemId: 'i1', itemName: '企业设立登记', charges: true, ...caseOverrides },
    history: [entry(1, 'apply', { stage: '申办' }), entry(2, 'approve', { stage: '受理', step: '受理' })],
    standardFees: [{ id: 'f1', name: '登记费', amountFen: 5000 }],
    bill: { status: 'unpaid', totalFen: 5000, lines: [{ feeId: 'f1', name: '登记费', amountFen: 5000 }] },
    payments: [],
    // Calendar days as working days keeps the fixture readable.
    workingDaysBetween: (from, to) => Math.round((to.getTime() - from.getTime()) / 86_400_000),
    config: defaultRuleConfig,
    ...overrides,
  };
}

const findings = (input: RuleFacts, ruleId: string) => evaluateRules(input).filter((entry) => entry.rule.id === ruleId).map((entry) => entry.finding.reason);

describe('declared irregularity rules', () => {
  it('declares each rule once with a colour and a description', () => {
    expect(irregularityRules.map((rule) => rule.id)).toEqual(['irregular.refusal-without-reason', 'irregular.fee-off-standard', 'irregular.step-skipped', 'irregular.late-forwarding', 'irregular.repeated-returns']);
    expect(irregularityRules.every((rule) => rule.description.length > 10)).toBe(true);
  });
  it('a clean case raises nothing', () => {
    expect(evaluateRules(facts())).toEqual([]);
  });
  it('refusal without reasons', () => {
    const history = [entry(1, 'apply'), entry(2, 'reject', { stage: '不予受理', step: '受理', stepStatus: '不予受理', opinion: '不行' }), entry(3, 'reject', { stage: '批准', step: '审批', stepStatus: '不予许可', opinion: '不符合《食品经营许可管理办法》第十二条规定的条件' })];
    expect(findings(facts({ history }), 'irregular.refusal-without-reason')).toEqual(['“受理”不予受理未说明理由（仅写“不行”）']);
  });
  it('fees off the standard', () => {
    const bill = { status: 'paid', totalFen: 8000, lines: [{ feeId: 'f1', name: '登记费', amountFen: 6000 }, { feeId: 'fx', name: '工本费', amountFen: 2000 }] };
    expect(findings(facts({ bill, payments: [{ amountFen: 7000 }] }), 'irregular.fee-off-standard')).toEqual([
      '收费项目“登记费”按60.00元收取，标准为50.00元',
      '收费项目“工本费”不在事项公布的收费标准中',
      '实缴70.00元，收费单应收80.00元',
    ]);
    expect(findings(facts({}, { charges: false }), 'irregular.fee-off-standard')).toEqual(['事项“企业设立登记”不收费，却开具了50.00元收费单']);
  });
  it('steps skipped', () => {
    const concluded = { status: 'concluded', outcome: 'approved' };
    expect(findings(facts({}, concluded), 'irregular.step-skipped')).toEqual(['办件已准予办结，但没有“批准”环节的办理记录']);
    const full = facts({ history: [entry(1, 'approve', { stage: '受理' }), entry(2, 'approve', { stage: '批准' })] }, concluded);
    expect(findings(full, 'irregular.step-skipped')).toEqual([]);
  });
  it('late forwarding to the higher level', () => {
    const history = [entry(1, 'approve', { stage: '受理' }), entry(2, 'escalate', { stage: '上报', at: at('2026-06-05T02:00:00Z') })];
    expect(findings(facts({ history }), 'irregular.late-forwarding')).toEqual(['受理后第4个工作日才上报上级（规定2个工作日内）']);
    const onTime = [entry(1, 'approve', { stage: '受理' }), entry(2, 'escalate', { stage: '上报', at: at('2026-06-02T02:00:00Z') })];
    expect(findings(facts({ history: onTime }), 'irregular.late-forwarding')).toEqual([]);
  });
  it('repeated returns', () => {
    const once = [entry(1, 'return', { step: '审核' })];
    expect(findings(facts({ history: once }), 'irregular.repeated-returns')).toEqual([]);
    const twice = [entry(1, 'return', { step: '审核' }), entry(2, 'return', { step: '审批' })];
    expect(findings(facts({ history: twice }), 'irregular.repeated-returns')).toEqual(['办件已被退回2次（审核、审批）']);
    expect(findings(facts({ history: twice, config: { ...defaultRuleConfig, maxReturns: 3 } }), 'irregular.repeated-returns')).toEqual([]);
  });
});
