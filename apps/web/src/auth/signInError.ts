const hasChinese = /[\u4e00-\u9fff]/;

/**
 * The message shown when sign-in fails. The server's own Chinese message wins (it knows whether the
 * account is locked and for how long); the code decides only when the message is not for users.
 */
export function signInErrorMessage(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  if (typeof message === 'string' && hasChinese.test(message)) return message;
  const code = typeof error === 'object' && error !== null ? (error as { data?: { code?: unknown } }).data?.code : undefined;
  switch (code) {
    case 'UNAUTHORIZED':
      return '账号或密码错误';
    case 'TOO_MANY_REQUESTS':
      return '登录失败次数过多，账号已暂时锁定，请稍后再试';
    case 'FORBIDDEN':
      return '该账号已停用或无权登录，请联系系统管理员';
    default:
      if (message === 'Failed to fetch') return '无法连接服务器，请检查网络后重试';
      return '登录失败，请稍后重试';
  }
}
