import { describe, expect, it } from 'vitest';
import { formatDateChinese } from './formatDateChinese.js';

describe('formatDateChinese', () => {
  it.each([
    ['2026-11-27', '2026年11月27日'],
    ['2026-01-05', '2026年1月5日'],
    ['2026/3/8', '2026年3月8日'],
    ['2026年3月8日', '2026年3月8日'],
    // 16:30 UTC is already the next day in China.
    ['2026-11-27T16:30:00Z', '2026年11月28日'],
    ['2026-11-27T23:59:00+08:00', '2026年11月27日'],
    ['2024-02-29', '2024年2月29日'],
  ])('%s → %s', (value, expected) => {
    expect(formatDateChinese(value)).toBe(expected);
  });

  it('formats Date objects and epoch milliseconds in China time', () => {
    expect(formatDateChinese(new Date('2026-12-31T16:00:00Z'))).toBe('2027年1月1日');
    expect(formatDateChinese(Date.UTC(2026, 10, 27, 1))).toBe('2026年11月27日');
  });

  it('returns null for values that are not dates', () => {
    expect(formatDateChinese('2026-02-30')).toBeNull();
    expect(formatDateChinese('明天')).toBeNull();
    expect(formatDateChinese('2026-11-27T99:00:00Z')).toBeNull();
    expect(formatDateChinese(null)).toBeNull();
  });
});
