import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureMetadataDir } from '@xlgl/api/testing';
import { openTestDatabase, testDatabaseKinds } from '@xlgl/db/testing';
import { boot, type Booted } from './boot.js';
import { readConfig, type ServerConfig } from './config.js';
import { contentSecurityPolicy, createAppServer } from './http-server.js';

function cookiesOf(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((header) => [header.split('=')[0]!, header]));
}

function cookieValue(header: string | undefined): string {
  return decodeURIComponent(header!.split(';')[0]!.split('=').slice(1).join('='));
}

process.env.LOG_LEVEL ??= 'warn';

describe.each(testDatabaseKinds())('server on %s', (kind) => {
  let booted: Booted;
  let server: Server;
  let base: string;
  let webDist: string;
  let config: ServerConfig;

  beforeAll(async () => {
    webDist = await mkdtemp(join(tmpdir(), 'xlgl-web-'));
    await mkdir(join(webDist, 'assets'));
    await writeFile(join(webDist, 'index.html'), '<!doctype html><title>锡林郭勒盟政务服务</title><script type="module" src="/assets/index-AbC123xy.js"></script>');
    await writeFile(join(webDist, 'assets', 'index-AbC123xy.js'), 'console.log(1)');
    await writeFile(join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    config = { ...readConfig({}), port: 0, host: '127.0.0.1', metadataDir: fixtureMetadataDir, webDist };
    booted = await boot(config, await openTestDatabase(kind));
    server = createAppServer(booted.handle, config);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await booted?.queue?.stop({ graceful: false, wait: true });
    await booted?.handle.close();
    await rm(webDist, { recursive: true, force: true });
  });

  it('imports metadata on first start, starts the queue, and keeps the database on the next start', async () => {
    expect(booted.seeded).toMatchObject({ created: 16, documents: 16, demoPasswordsSet: 3 });
    expect(booted.queue).not.toBeNull();
    await booted.queue!.createQueue('boot-check');
    expect(await booted.queue!.send('boot-check', {})).toBeTruthy();
    const again = await boot({ ...config, queue: false, metadataDir: '/nonexistent' }, booted.handle);
    expect(again.seeded).toBeNull();
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: kind });
  });

  it('serves the SPA with security headers, long-cached hashed assets and a fallback for client routes', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('锡林郭勒盟政务服务');
    expect(cookiesOf(index).get('xlgl_csrf')).toMatch(/^xlgl_csrf=[A-Za-z0-9_-]+; Path=\/; SameSite=Lax$/);

    const route = await fetch(`${base}/desk/cases/123`, { headers: { accept: 'text/html' } });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>锡林郭勒盟政务服务</title>');

    const asset = await fetch(`${base}/assets/index-AbC123xy.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${base}/favicon.svg`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/assets/missing-AbC123xy.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('signs in over HTTP with httpOnly SameSite cookies and CSRF on mutations', async () => {
    const me = await fetch(`${base}/trpc/auth.me`);
    expect(await me.json()).toEqual({ result: { data: null } });
    const csrf = cookieValue(cookiesOf(me).get('xlgl_csrf'));

    const body = JSON.stringify({ account: 'admin', password: 'Xlgl@2026' });
    const withoutToken = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `xlgl_csrf=${csrf}` },
      body,
    });
    expect(withoutToken.status).toBe(403);
    expect(((await withoutToken.json()) as { error: { message: string } }).error.message).toBe('安全校验失败：请求缺少有效的CSRF令牌，请刷新页面后重试');

    const invalid = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `xlgl_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ account: '', password: 'x' }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toBe('输入不合法：账号：请输入账号');

    const signIn = await fetch(`${base}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `xlgl_csrf=${csrf}`, 'x-csrf-token': csrf },
      body,
    });
    expect(signIn.status).toBe(200);
    const cookies = cookiesOf(signIn);
    expect(cookies.get('xlgl_session')).toMatch(/^xlgl_session=[A-Za-z0-9_-]{43}; Path=\/; SameSite=Lax; HttpOnly$/);
    expect(cookies.get('xlgl_csrf')).toMatch(/^xlgl_csrf=[A-Za-z0-9_-]+; Path=\/; SameSite=Lax$/);
    const session = cookieValue(cookies.get('xlgl_session'));
    const sessionCsrf = cookieValue(cookies.get('xlgl_csrf'));

    const current = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: `xlgl_session=${session}; xlgl_csrf=${sessionCsrf}` } });
    expect(((await current.json()) as { result: { data: { account: string; capabilities: string[] } } }).result.data).toMatchObject({
      account: 'admin',
      capabilities: expect.arrayContaining(['admin.access', 'admin.user.edit']),
    });
    const tree = await fetch(`${base}/trpc/admin.regions.tree`, { headers: { cookie: `xlgl_session=${session}; xlgl_csrf=${sessionCsrf}` } });
    expect(tree.status).toBe(200);

    const anonymousTree = await fetch(`${base}/trpc/admin.regions.tree`);
    expect(anonymousTree.status).toBe(401);
  });
});
