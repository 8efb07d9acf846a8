import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('server configuration from the environment', () => {
  it('reads DATABASE_POOL_SIZE, or leaves the pool to the machine default', () => {
    expect(readConfig({}).databasePoolSize).toBeUndefined();
    expect(readConfig({ DATABASE_POOL_SIZE: '6' }).databasePoolSize).toBe(6);
  });

  it('refuses a pool size that is not a whole number from 1 to 200, naming the value', () => {
    for (const value of ['0', '-3', '2.5', 'many', '201']) {
      expect(() => readConfig({ DATABASE_POOL_SIZE: value })).toThrow(`DATABASE_POOL_SIZE 应为1到200之间的整数：${value}`);
    }
  });

  it('refuses a port outside 0–65535', () => {
    expect(() => readConfig({ PORT: '70000' })).toThrow('PORT 不是有效的端口号：70000');
  });
});
