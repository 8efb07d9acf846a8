import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime } from './chinaTime.js';

describe('China time', () => {
  it('shows an instant in China Standard Time whatever the machine’s time zone', () => {
    expect(chinaDateTime('2026-11-27T16:31:20Z')).toBe('2026/11/28 00:31:20');
    expect(chinaDateTime('2026-03-02T09:30:00+08:00')).toBe('2026/03/02 09:30:00');
    expect(chinaDate('2026-11-27T16:31:20Z')).toBe('2026/11/28');
    expect(chinaDate(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026/12/31');
  });
});
