import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { smsOutbox } from '@xlgl/db';
import { createTestApp, type TestApp } from '../../testing/index.js';
import { deliverPendingSms, enqueueSms, HttpSmsGateway, LocalSmsGateway, smsGatewayFromEnv } from './sms.js';

describe('SMS outbox and gateways', () => {
  let app: TestApp;
  let server: Server;
  let url = '';
  const received: Array<{ body: Record<string, unknown>; authorization: string | undefined }> = [];
  beforeAll(async () => {
    app = await createTestApp();
    // A stand-in provider over real HTTP: refuses the number 13900000000, accepts the rest.
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        const body = JSON.parse(text) as Record<string, unknown>;
        received.push({ body, authorization: request.headers.authorization });
        if (body.mobile === '13900000000') {
          response.writeHead(400).end('号码停机');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `p-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}/sms`;
  }, 60_000);
  afterAll(async () => {
    server?.close();
    await app?.close();
  });

  it('queues only valid mobiles; the local gateway records; the HTTP gateway sends and retries failures', async () => {
    const now = new Date('2026-06-01T02:00:00Z');
    expect(await enqueueSms(app.db, [{ mobile: '13947900105', body: '【催办】A', ref: 'urge/1' }, { mobile: '123', body: 'x', ref: 'urge/2' }, { mobile: null, body: 'y', ref: 'urge/3' }], now)).toBe(1);
    expect(await deliverPendingSms(app.db, new LocalSmsGateway(), { now })).toEqual({ sent: 1, failed: 0 });
    const [recorded] = await app.db.select().from(smsOutbox).where(eq(smsOutbox.ref, 'urge/1'));
    expect(recorded).toMatchObject({ status: 'recorded', gateway: 'local', attempts: 1 });

    await enqueueSms(app.db, [{ mobile: '13947900107', body: '【红牌】B', ref: 'card/1' }, { mobile: '13900000000', body: '【红牌】C', ref: 'card/2' }], now);
    const gateway = new HttpSmsGateway({ url, token: 'secret', sign: '【锡林郭勒盟政务服务】' });
    expect(await deliverPendingSms(app.db, gateway, { now })).toEqual({ sent: 1, failed: 1 });
    expect(received[0]).toEqual({ body: { mobile: '13947900107', content: '【红牌】B', sign: '【锡林郭勒盟政务服务】', requestId: expect.any(String) }, authorization: 'Bearer secret' });
    const rows = await app.db.select().from(smsOutbox).where(eq(smsOutbox.gateway, 'http'));
    expect(rows.map((row) => [row.ref, row.status, row.providerId, row.error]).sort()).toEqual([
      ['card/1', 'sent', 'p-1', null],
      ['card/2', 'pending', null, '短信网关返回400：号码停机'],
    ]);
    expect(smsGatewayFromEnv({ SMS_HTTP_URL: url }).name).toBe('http');
    expect(smsGatewayFromEnv({}).name).toBe('local');
    expect(() => new HttpSmsGateway({ url: 'ftp://x' })).toThrow('短信网关地址不正确：ftp://x');
  }, 60_000);
});
