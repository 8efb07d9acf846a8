import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './signInError.js';

describe('signInErrorMessage', () => {
  it("shows the server's Chinese message as is", () => {
    expect(signInErrorMessage({ message: '账号已锁定，请15分钟后再试', data: { code: 'TOO_MANY_REQUESTS' } })).toBe('账号已锁定，请15分钟后再试');
  });

  it('translates a bare code', () => {
    expect(signInErrorMessage({ message: 'UNAUTHORIZED', data: { code: 'UNAUTHORIZED' } })).toBe('账号或密码错误');
    expect(signInErrorMessage({ message: 'Too many', data: { code: 'TOO_MANY_REQUESTS' } })).toBe('登录失败次数过多，账号已暂时锁定，请稍后再试');
  });

  it('explains a network failure', () => {
    expect(signInErrorMessage(new TypeError('Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试');
  });
});
