import { describe, expect, it } from 'vitest';
import { describeCron, formatBytes } from './backupFormat.js';

describe('backup page formatting', () => {
  it('reads common cron shapes in Chinese', () => {
    expect(describeCron('30 2 * * *')).toBe('每天2:30');
    expect(describeCron('0 3 * * 0')).toBe('每周日3:00');
    expect(describeCron('5 1 15 * *')).toBe('每月15日1:05');
    expect(describeCron('7 * * * *')).toBe('每小时第7分');
    expect(describeCron('*/5 1-3 * * *')).toBe('按 cron“*/5 1-3 * * *”');
  });
  it('formats sizes', () => {
    expect([formatBytes(900), formatBytes(1536), formatBytes(250 * 1024 * 1024)]).toEqual(['900 B', '1.5 KB', '250 MB']);
  });
});
