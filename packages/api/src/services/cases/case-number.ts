import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { readSetting, rowsOf, type Db } from '@xlgl/db';

/**
 * Case number rule (办件编号), configurable through the setting `cases.numberRule`:
 *
 *   `{region}{yyMMdd}{seq:6}` (default) → `152500` + `261127` + `000001` = `152500261127000001`
 *
 * Tokens: `{region}` the accepting centre's 6-digit region code (a township's 9/12 digits are cut to
 * its banner's 6), `{regionFull}` the whole code, a date pattern of `yyyy` `yy` `MM` `dd` (e.g.
 * `{yyMMdd}`, `{yyyyMMdd}`) for the acceptance date in China time, `{seq:N}` an N-digit sequence (required, 3–9 digits). The sequence counts per
 * everything before it (normally per region and day) in `case_number_sequences`; the allocation is
 * one `insert … on conflict do update … returning`, so concurrent acceptances never collide, and the
 * unique index on `cases.number` guards the rest. Other literal characters are kept as they are.
 */
export const caseNumberRuleSetting = 'cases.numberRule';
export const defaultCaseNumberRule = '{region}{yyMMdd}{seq:6}';

const tokenPattern = /\{(regionFull|region|(?:yyyy|yy|MM|dd)+|seq:(\d))\}/g;

/** Checks a rule: exactly one `{seq:N}` at the end, N between 3 and 9, only known tokens. */
export function caseNumberRuleProblem(rule: string): string | null {
  const seq = [...rule.matchAll(/\{seq:(\d)\}/g)];
  if (seq.length !== 1) return '办件编号规则必须恰好包含一个流水号“{seq:N}”';
  const digits = Number(seq[0]![1]);
  if (digits < 3 || digits > 9) return '流水号位数应在3到9之间';
  if (!rule.endsWith(seq[0]![0])) return '流水号“{seq:N}”应位于编号规则的末尾';
  const unknown = rule.replace(tokenPattern, '').match(/\{[^}]*\}/);
  if (unknown) return `编号规则中有未知的占位符：${unknown[0]}`;
  return null;
}

function chinaDateParts(now: Date) {
  const local = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return { yyyy: local.slice(0, 4), yy: local.slice(2, 4), MM: local.slice(5, 7), dd: local.slice(8, 10) };
}

/** The prefix (everything before the sequence) and the sequence width for a rule. */
export function caseNumberPrefix(rule: string, regionCode: string, now: Date): { prefix: string; digits: number } {
  const parts = chinaDateParts(now);
  let digits = 6;
  const prefix = rule.replace(tokenPattern, (token, name: string, width?: string) => {
    if (width) {
      digits = Number(width);
      return '';
    }
    if (name === 'region') return regionCode.slice(0, 6);
    if (name === 'regionFull') return regionCode;
    return name.replace(/yyyy|yy|MM|dd/g, (part) => parts[part as keyof typeof parts]);
  });
  return { prefix, digits };
}

/** Allocates the next case number (inside the acceptance transaction). */
export async function allocateCaseNumber(db: Db, regionCode: string, now: Date): Promise<string> {
  const configured = await readSetting<string>(db, caseNumberRuleSetting);
  const rule = configured && !caseNumberRuleProblem(configured) ? configured : defaultCaseNumberRule;
  const { prefix, digits } = caseNumberPrefix(rule, regionCode, now);
  const [row] = rowsOf<{ last: number }>(
    await db.execute(sql`insert into case_number_sequences (prefix, last) values (${prefix}, 1)
      on conflict (prefix) do update set last = case_number_sequences.last + 1 returning last`),
  );
  const next = Number(row!.last);
  if (String(next).length > digits) throw new Error(`办件编号流水号已用尽（${prefix}，${digits}位），请调整编号规则`);
  return prefix + String(next).padStart(digits, '0');
}

/** A 6-digit query password (查询密码) handed to the applicant with the case number. */
export function newQueryPassword(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
