import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '@xlgl/api';
import { sessionLink } from './trpc.js';

/** A terminating link that answers every call with a tRPC error of the given code. */
function failingWith(code: string, httpStatus: number): TRPCLink<AppRouter> {
  return () => () =>
    observable((observer) => {
      observer.error(TRPCClientError.from({ error: { message: '请先登录', code: -32001, data: { code, httpStatus } } }));
    });
}

function clientWith(code: string, httpStatus: number) {
  let lost = 0;
  const client = createTRPCClient<AppRouter>({ links: [sessionLink(() => (lost += 1)), failingWith(code, httpStatus)] });
  return { client, lost: () => lost };
}

describe('sessionLink', () => {
  it('reports a lost session when a call is answered UNAUTHORIZED, and still rejects the call', async () => {
    const { client, lost } = clientWith('UNAUTHORIZED', 401);
    await expect(client.admin.documents.list.query({ kind: 'user', page: 1, pageSize: 20 })).rejects.toThrow('请先登录');
    expect(lost()).toBe(1);
  });

  it('does not treat a wrong password at sign-in as a lost session', async () => {
    const { client, lost } = clientWith('UNAUTHORIZED', 401);
    await expect(client.auth.signIn.mutate({ account: 'admin', password: 'x' })).rejects.toBeInstanceOf(TRPCClientError);
    expect(lost()).toBe(0);
  });

  it('ignores other errors such as a missing capability', async () => {
    const { client, lost } = clientWith('FORBIDDEN', 403);
    await expect(client.admin.regions.tree.query()).rejects.toBeInstanceOf(TRPCClientError);
    expect(lost()).toBe(0);
  });
});
