import { eq, sql } from 'drizzle-orm';
import { certificateNumberSequences, certificates, rowsOf, type Db } from '@xlgl/db';

export type NumberRuleContext = { regionCode: string; date: Date; departmentCode?: string };

const tokenPattern = /\{(regionCode|year|month|day|departmentCode|seq(?::(\d{1,2}))?)\}/g;

/** Tokens a number rule may use, with what they stand for (shown in the designer). */
export const numberRuleTokens = {
  '{regionCode}': '区划代码',
  '{year}': '四位年份',
  '{month}': '两位月份',
  '{day}': '两位日期',
  '{departmentCode}': '部门统一社会信用代码第9–17位',
  '{seq:6}': '流水号（数字为位数，按规则中流水号之前的部分分别计数）',
} as const;

/** Problems of a number rule, in Chinese (empty when usable). */
export function numberRuleProblems(rule: string): string[] {
  const problems: string[] = [];
  const unknown = rule.replace(tokenPattern, '').match(/\{[^}]*\}/g);
  if (unknown) problems.push(`编号规则含未知占位符：${unknown.join('、')}`);
  if (!/\{seq(?::\d{1,2})?\}/.test(rule)) problems.push('编号规则必须含流水号 {seq:n}，否则编号会重复');
  return problems;
}

function china(date: Date): { year: string; month: string; day: string } {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return {
    year: String(shifted.getUTCFullYear()),
    month: String(shifted.getUTCMonth() + 1).padStart(2, '0'),
    day: String(shifted.getUTCDate()).padStart(2, '0'),
  };
}

/** Fills a rule's tokens; `seq` is applied to every `{seq[:n]}` token (zero-padded to n). */
export function formatNumberRule(rule: string, context: NumberRuleContext, seq: number): string {
  const parts = china(context.date);
  return rule.replace(tokenPattern, (_match, token: string, width?: string) => {
    if (token.startsWith('seq')) return String(seq).padStart(Number(width ?? 1), '0');
    if (token === 'regionCode') return context.regionCode;
    if (token === 'departmentCode') return context.departmentCode ?? '';
    return parts[token as 'year' | 'month' | 'day'];
  });
}

/**
 * The next number by a template's rule. The counter's scope is the rule's text before the sequence
 * with the tokens filled, so `{regionCode}{year}{seq:6}` counts per region and year. The counter is
 * shared by every template whose rule fills to the same prefix (numbers are unique across the whole
 * library, and two templates with the same rule must not hand out the same number); a number already
 * in the library (e.g. from counters kept per template before) is skipped. Call inside the transaction
 * that stores the certificate so a rollback does not spend a number.
 */
export async function nextCertificateNumber(db: Db, input: { templateId: string; rule: string; context: NumberRuleContext }): Promise<string> {
  const problems = numberRuleProblems(input.rule);
  if (problems.length) throw new Error(problems.join('；'));
  const prefix = input.rule.slice(0, input.rule.search(/\{seq/));
  const scope = formatNumberRule(prefix, input.context, 0);
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const [row] = rowsOf<{ value: number }>(
      await db.execute(sql`
        insert into ${certificateNumberSequences} (template_id, scope, value) values (${sharedCounter}, ${scope}, 1)
        on conflict (template_id, scope) do update set value = ${certificateNumberSequences}.value + 1
        returning value`),
    );
    const number = formatNumberRule(input.rule, input.context, Number(row!.value));
    const [taken] = await db.select({ id: certificates.id }).from(certificates).where(eq(certificates.number, number)).limit(1);
    if (!taken) return number;
  }
  throw new Error(`编号规则“${input.rule}”的流水号已用尽，请调整编号规则`);
}

/** The template id under which the shared per-prefix counters are kept. */
const sharedCounter = '*';
