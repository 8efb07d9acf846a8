import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrpcHandler } from './trpc-handler.js';

/**
 * The plain-JSON path of createTrpcHandler against tRPC's own node adapter: the same requests to both
 * must get the same status, content type, body and onError calls; the plain calls must have been
 * answered by the fast path (a Content-Length, not tRPC's chunked stream), the rest by tRPC's handler.
 */
type Ctx = { user: string | null };
/** An input parser as tRPC accepts it (a function that returns the input or throws). */
function named(value: unknown): { name: string } {
  if (typeof value !== 'object' || value === null || typeof (value as { name?: unknown }).name !== 'string') throw new Error('name 必须是字符串');
  return value as { name: string };
}
const t = initTRPC.context<Ctx>().create({
  errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, stack: undefined, formatted: error.code } }),
});
const router = t.router({
  hello: t.procedure.input(named).query(({ input, ctx }) => `你好，${input.name}${ctx.user ? `（${ctx.user}）` : ''}`),
  whoami: t.procedure.query(({ ctx }) => ctx.user),
  echo: t.procedure.input((value: unknown) => value).mutation(({ input }) => ({ input })),
  refuse: t.procedure.mutation(() => {
    throw new TRPCError({ code: 'FORBIDDEN', message: '不允许' });
  }),
  boom: t.procedure.query(() => {
    throw new Error('internal detail');
  }),
  promised: t.procedure.query(() => ({ later: Promise.resolve(1) })),
  nested: t.router({ deep: t.procedure.query(() => ({ a: [1, 2, { b: null }] })) }),
  ticks: t.procedure.subscription(async function* () {
    yield 1;
  }),
});

type Recorded = { path: string | undefined; code: string; type: string };
function createContext(req: IncomingMessage): Promise<Ctx> {
  if (req.headers['x-fail-context']) return Promise.reject(new Error('context failed'));
  return Promise.resolve({ user: (req.headers['x-user'] as string | undefined) ?? null });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createTrpcHandler', () => {
  const fastErrors: Recorded[] = [];
  const standardErrors: Recorded[] = [];
  let fastServer: Server;
  let standardServer: Server;
  let fastBase: string;
  let standardBase: string;

  beforeAll(async () => {
    const fast = createTrpcHandler({
      router,
      basePath: '/trpc/',
      maxBodySize: 1024,
      createContext: (req) => createContext(req),
      onError: ({ error, path, type }) => fastErrors.push({ path, code: error.code, type }),
    });
    fastServer = createServer((req, res) => fast(req, res, req.url ?? '/'));
    standardServer = createServer(
      createHTTPHandler({
        router,
        basePath: '/trpc/',
        maxBodySize: 1024,
        createContext: ({ req }) => createContext(req),
        onError: ({ error, path, type }) => standardErrors.push({ path, code: error.code, type }),
      }),
    );
    fastBase = await listen(fastServer);
    standardBase = await listen(standardServer);
  });
  afterAll(async () => {
    await new Promise((resolve) => fastServer?.close(resolve));
    await new Promise((resolve) => standardServer?.close(resolve));
  });

  const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
  type Request = { url: string; method?: string; body?: string; headers?: Record<string, string>; fast: boolean };
  const json = { 'content-type': 'application/json' };
  const requests: Request[] = [
    { url: `/trpc/hello?input=${input({ name: '张三' })}`, fast: true },
    { url: `/trpc/hello?input=${input({ name: '张三' })}`, headers: { 'x-user': 'lg.window' }, fast: true },
    { url: '/trpc/whoami', fast: true },
    { url: '/trpc/hello', fast: true },
    { url: '/trpc/hello?input=%7Bnot-json', fast: true },
    { url: `/trpc/hello,hello,nested.deep?batch=1&input=${input({ 0: { name: 'a' }, 1: { name: 1 } })}`, fast: true },
    { url: `/trpc/hello,whoami?batch=1&input=${input([{ name: 'a' }])}`, fast: true },
    { url: '/trpc/nested.deep', fast: true },
    { url: '/trpc/boom', fast: true },
    { url: '/trpc/promised', fast: true },
    { url: '/trpc/whoami', headers: { 'x-fail-context': '1' }, fast: true },
    { url: '/trpc/echo', method: 'POST', body: JSON.stringify({ x: [1, '二', null] }), headers: json, fast: true },
    { url: '/trpc/echo', method: 'POST', body: '{"x":', headers: json, fast: true },
    { url: '/trpc/echo', method: 'POST', body: '', headers: json, fast: true },
    { url: '/trpc/echo', method: 'POST', body: '"字符串"', headers: { 'content-type': 'application/json; charset=utf-8' }, fast: true },
    { url: '/trpc/refuse', method: 'POST', body: '{}', headers: json, fast: true },
    { url: '/trpc/echo,refuse,echo?batch=1', method: 'POST', body: JSON.stringify({ 0: 'a', 2: 'c' }), headers: json, fast: true },
    { url: '/trpc/echo?batch=1', method: 'POST', body: '[1]', headers: json, fast: true },
    { url: '/trpc/echo', method: 'POST', body: '{}', headers: { ...json, 'x-fail-context': '1' }, fast: true },
    // Everything else is tRPC's own handler's.
    { url: '/trpc/echo', method: 'POST', body: 'x'.repeat(2000), headers: json, fast: false },
    { url: '/trpc/echo', method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' }, fast: false },
    { url: '/trpc/echo', method: 'POST', body: '{}', fast: false },
    { url: '/trpc/echo', fast: false },
    { url: '/trpc/hello', method: 'POST', body: '{}', headers: json, fast: false },
    { url: '/trpc/nope', fast: false },
    { url: '/trpc/hello,nope?batch=1', fast: false },
    { url: '/trpc/%68ello', fast: false },
    { url: '/trpc/echo', method: 'PUT', body: '{}', headers: json, fast: false },
    { url: `/trpc/hello?batch=1&input=${input({ 0: { name: 'a' } })}`, headers: { 'trpc-accept': 'application/jsonl' }, fast: false },
  ];

  async function send(base: string, request: Request) {
    const response = await fetch(`${base}${request.url}`, { method: request.method ?? 'GET', body: request.body, headers: request.headers });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // jsonl or empty
    }
    return {
      answer: { status: response.status, contentType: response.headers.get('content-type'), vary: response.headers.get('vary'), body },
      contentLength: response.headers.get('content-length'),
    };
  }

  it.each(requests.map((request) => [`${request.method ?? 'GET'} ${request.url.slice(0, 90)}`, request] as const))('%s', async (_, request) => {
    fastErrors.length = 0;
    standardErrors.length = 0;
    const fast = await send(fastBase, request);
    const standard = await send(standardBase, request);
    expect(fast.answer).toEqual(standard.answer);
    expect(fastErrors).toEqual(standardErrors);
    // tRPC's handler streams its answers (chunked, no length); the fast path writes one with its length.
    expect(fast.contentLength !== null).toBe(request.fast);
    expect(standard.contentLength).toBeNull();
  });

  it('answers a subscription through tRPC (SSE)', async () => {
    const response = await fetch(`${fastBase}/trpc/ticks`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toContain('data: 1');
  });

  it('sets cookies the context appends and keeps the answer whole for large results', async () => {
    const fast = createTrpcHandler({
      router,
      basePath: '/api/',
      maxBodySize: 10 * 1024 * 1024,
      createContext: async (req, res) => {
        res.appendHeader('set-cookie', 'a=1; Path=/');
        res.appendHeader('set-cookie', 'b=2; Path=/');
        return createContext(req);
      },
      onError: () => undefined,
    });
    const server = createServer((req, res) => fast(req, res, req.url ?? '/'));
    const base = await listen(server);
    try {
      const big = { rows: Array.from({ length: 20_000 }, (_, index) => ({ index, text: `第${index}行` })) };
      const response = await fetch(`${base}/api/echo`, { method: 'POST', headers: json, body: JSON.stringify(big) });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
      expect(await response.json()).toEqual({ result: { data: { input: big } } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
