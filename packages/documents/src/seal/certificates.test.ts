import { describe, expect, it } from 'vitest';
import { certificateSerialNumber } from './certificates.js';

describe('certificate serial numbers', () => {
  it('are 16 random bytes whose DER INTEGER is positive and minimal (no leading zero byte, no sign byte needed)', () => {
    const serials = Array.from({ length: 5_000 }, () => certificateSerialNumber());
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-9a-f]{32}$/);
      const first = Number.parseInt(serial.slice(0, 2), 16);
      expect(first).toBeGreaterThanOrEqual(0x40);
      expect(first).toBeLessThanOrEqual(0x7f);
    }
    expect(new Set(serials).size).toBe(serials.length);
  });
});
