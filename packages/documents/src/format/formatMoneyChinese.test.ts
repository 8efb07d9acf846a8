import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyChinese, parseAmountToFen } from './formatMoneyChinese.js';

describe('formatMoneyChinese', () => {
  it.each([
    [0, '零元整'],
    [1, '壹元整'],
    [10, '壹拾元整'],
    [15, '壹拾伍元整'],
    [100, '壹佰元整'],
    [105, '壹佰零伍元整'],
    [110, '壹佰壹拾元整'],
    [1000, '壹仟元整'],
    [1001, '壹仟零壹元整'],
    [1010, '壹仟零壹拾元整'],
    [1234.5, '壹仟贰佰叁拾肆元伍角整'],
    [1234.56, '壹仟贰佰叁拾肆元伍角陆分'],
    [1004.05, '壹仟零肆元零伍分'],
    [1680.32, '壹仟陆佰捌拾元叁角贰分'],
    [0.5, '伍角整'],
    [0.05, '伍分'],
    [0.58, '伍角捌分'],
    [10000, '壹万元整'],
    [10001, '壹万零壹元整'],
    [10010, '壹万零壹拾元整'],
    [11000, '壹万壹仟元整'],
    [100010, '壹拾万零壹拾元整'],
    [1010000, '壹佰零壹万元整'],
    [12345678.9, '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整'],
    [100000000, '壹亿元整'],
    [100000001, '壹亿零壹元整'],
    [200305000, '贰亿零叁拾万伍仟元整'],
    [-20.1, '负贰拾元壹角整'],
    ['3,500.00', '叁仟伍佰元整'],
    ['¥88.8', '捌拾捌元捌角整'],
    [0.1 + 0.2, '叁角整'],
    [1.005, '壹元零壹分'],
  ])('%s → %s', (amount, expected) => {
    expect(formatMoneyChinese(amount)).toBe(expected);
  });

  it('returns null for values that are not amounts', () => {
    expect(formatMoneyChinese('abc')).toBeNull();
    expect(formatMoneyChinese(Number.NaN)).toBeNull();
    expect(formatMoneyChinese({})).toBeNull();
    expect(formatMoneyChinese('1.2.3')).toBeNull();
  });

  it('refuses amounts beyond the capital units', () => {
    expect(() => formatMoneyChinese('10000000000000000')).toThrowErrorMatchingInlineSnapshot(`[Error: 金额超出可转换为大写的范围（最大 9999 万亿）]`);
  });
});

describe('formatMoney', () => {
  it.each([
    [0, '0.00元'],
    [1234.5, '1,234.50元'],
    [1234567.891, '1,234,567.89元'],
    ['-1000', '-1,000.00元'],
  ])('%s → %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });

  it('parses amounts to fen without floating drift', () => {
    expect(parseAmountToFen(19.99)).toBe(1999n);
    expect(parseAmountToFen('0.125')).toBe(13n);
    expect(parseAmountToFen(' 1，000 ')).toBe(100000n);
  });
});
