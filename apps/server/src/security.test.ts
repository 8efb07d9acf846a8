import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureMetadataDir } from '@xlgl/api/testing';
import { openTestDatabase, testDatabaseKinds } from '@xlgl/db/testing';
import { boot, type Booted } from './boot.js';
import { readConfig, repositoryRoot, type ServerConfig } from './config.js';
import { contentSecurityPolicy, createAppServer } from './http-server.js';

process.env.LOG_LEVEL ??= 'warn';

type Answer = { status: number; cookies: Map<string, string>; body: any; headers: Headers };

/** A small browser: a cookie jar, JSON tRPC calls, and the CSRF header the SPA sends. */
class Browser {
  jar = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {}
  private cookieHeader() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  private async answer(response: Response): Promise<Answer> {
    const cookies = new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const name = header.split('=')[0]!;
      cookies.set(name, header);
      const value = header.split(';')[0]!.slice(name.length + 1);
      if (/;\s*Max-Age=0/i.test(header)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (static files)
    }
    return { status: response.status, cookies, body, headers: response.headers };
  }
  async get(path: string): Promise<Answer> {
    return this.answer(await fetch(`${this.base}${path}`, { headers: { cookie: this.cookieHeader(), ...this.extraHeaders } }));
  }
  async query(path: string, input?: unknown): Promise<Answer> {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.get(`/trpc/${path}${search}`);
  }
  async mutate(path: string, input: unknown, options: { csrf?: string | null; body?: string } = {}): Promise<Answer> {
    const csrf = options.csrf === undefined ? this.jar.get('xlgl_csrf') : options.csrf;
    return this.answer(
      await fetch(`${this.base}/trpc/${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: this.cookieHeader(),
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
          ...this.extraHeaders,
        },
        body: options.body ?? JSON.stringify(input),
      }),
    );
  }
  async signIn(account: string, password = 'Xlgl@2026'): Promise<Answer> {
    await this.query('auth.me');
    return this.mutate('auth.signIn', { account, password });
  }
}

const errorOf = (answer: Answer) => (answer.body as { error: { message: string } }).error.message;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe.each(testDatabaseKinds())('web hardening on the real HTTP server (%s)', (kind) => {
  let booted: Booted;
  let config: ServerConfig;
  let webDist: string;
  const servers: Server[] = [];
  let base: string;
  let secureBase: string;
  let proxiedBase: string;

  beforeAll(async () => {
    webDist = await mkdtemp(join(tmpdir(), 'xlgl-web-'));
    await mkdir(join(webDist, 'assets'));
    await writeFile(
      join(webDist, 'index.html'),
      '<!doctype html><title>锡林郭勒盟政务服务</title><script type="module" src="/assets/index-AbC123xy.js"></script>',
    );
    config = { ...readConfig({}), port: 0, host: '127.0.0.1', metadataDir: fixtureMetadataDir, webDist, queue: false };
    booted = await boot(config, await openTestDatabase(kind));
    for (const variant of [config, { ...config, secureCookies: true }, { ...config, trustProxy: true }]) {
      const server = createAppServer(booted.handle, variant);
      servers.push(server);
    }
    [base, secureBase, proxiedBase] = await Promise.all(servers.map(listen));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await booted?.handle.close();
    await rm(webDist, { recursive: true, force: true });
  });

  it('session cookie: HttpOnly, SameSite=Lax, Path=/; Secure behind COOKIE_SECURE; cleared on sign-out', async () => {
    const browser = new Browser(base);
    const signedIn = await browser.signIn('admin');
    expect(signedIn.status).toBe(200);
    const session = signedIn.cookies.get('xlgl_session')!;
    expect(session.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax']);
    // The CSRF cookie must be readable by the SPA: not HttpOnly.
    expect(signedIn.cookies.get('xlgl_csrf')).not.toMatch(/HttpOnly/);
    expect(browser.jar.get('xlgl_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const secure = new Browser(secureBase);
    const secureSignIn = await secure.signIn('admin');
    expect(secureSignIn.cookies.get('xlgl_session')!.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
    expect(secureSignIn.cookies.get('xlgl_csrf')).toMatch(/; Secure/);

    const signOut = await browser.mutate('auth.signOut', undefined);
    expect(signOut.status).toBe(200);
    expect(signOut.cookies.get('xlgl_session')).toMatch(/^xlgl_session=; .*Max-Age=0/);
    expect((await browser.query('auth.me')).body).toEqual({ result: { data: null } });
  });

  it('CSRF: mutations without the token, with a forged one, or by GET are refused', async () => {
    const browser = new Browser(base);
    await browser.signIn('admin');
    const input = { userId: 'lg.window', password: 'Hacked2026x' };
    for (const csrf of [null, 'forged-token', `${browser.jar.get('xlgl_csrf')}x`]) {
      const refused = await browser.mutate('admin.users.resetPassword', input, { csrf });
      expect(refused.status).toBe(403);
      expect(errorOf(refused)).toBe('安全校验失败：请求缺少有效的CSRF令牌，请刷新页面后重试');
    }
    // A cross-site form post cannot set the header; a GET of a mutation is not executed either.
    const byGet = await browser.get(`/trpc/admin.users.resetPassword?input=${encodeURIComponent(JSON.stringify(input))}`);
    expect(byGet.status).toBe(405);
    // The victim's password is unchanged.
    expect((await new Browser(base).signIn('lg.window')).status).toBe(200);
  });

  it('password policy is enforced on change and reset', async () => {
    const admin = new Browser(base);
    await admin.signIn('admin');
    const cases: [string, string][] = [
      ['short1', '密码至少8位'],
      ['abcdefgh', '密码必须同时包含字母和数字'],
      ['12345678', '密码必须同时包含字母和数字'],
    ];
    for (const [password, message] of cases) {
      const refused = await admin.mutate('admin.users.resetPassword', { userId: 'lg.window', password });
      expect({ status: refused.status, message: errorOf(refused) }).toEqual({ status: 400, message });
    }
    const changed = await admin.mutate('auth.changePassword', { currentPassword: 'Xlgl@2026', newPassword: 'abc' });
    expect({ status: changed.status, message: errorOf(changed) }).toEqual({ status: 400, message: '密码至少8位' });
  });

  it('an expired session is refused and its cookie cleared', async () => {
    const browser = new Browser(base);
    await browser.signIn('lg.viewer');
    expect((await browser.query('auth.me')).body.result.data.account).toBe('lg.viewer');
    await booted.handle.db.execute(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = 'lg.viewer'`);
    const after = await browser.query('auth.me');
    expect(after.body).toEqual({ result: { data: null } });
    expect(after.cookies.get('xlgl_session')).toMatch(/Max-Age=0/);
    expect((await browser.query('admin.regions.tree')).status).toBe(401);
  });

  it('sign-in rate limits: an account locks after 5 failures; an address is refused after 30, and a spoofed X-Forwarded-For does not help', async () => {
    const browser = new Browser(base);
    await browser.query('auth.me');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await browser.mutate('auth.signIn', { account: 'lg.viewer', password: `wrong${attempt}x` })).status).toBe(401);
    }
    const locked = await browser.mutate('auth.signIn', { account: 'lg.viewer', password: 'wrong5x' });
    expect({ status: locked.status, message: errorOf(locked) }).toEqual({
      status: 429,
      message: '账号或密码错误；已连续5次错误，账号锁定15分钟',
    });

    // Behind no proxy the socket address counts, whatever X-Forwarded-For claims.
    let spoofed: Answer | undefined;
    for (let attempt = 0; attempt < 31; attempt += 1) {
      const client = new Browser(base, { 'x-forwarded-for': `203.0.113.${attempt}` });
      await client.query('auth.me');
      spoofed = await client.mutate('auth.signIn', { account: `ghost${attempt}`, password: 'whatever1' });
    }
    expect({ status: spoofed!.status, message: errorOf(spoofed!) }).toEqual({
      status: 429,
      message: '此地址登录失败次数过多，请15分钟后再试',
    });
    // Behind a trusted proxy, another client address is not affected.
    const proxied = new Browser(proxiedBase, { 'x-forwarded-for': '198.51.100.7' });
    expect((await proxied.signIn('admin')).status).toBe(200);
  });

  it('security headers and CSP on every kind of answer; oversized bodies and traversal refused', async () => {
    const browser = new Browser(proxiedBase, { 'x-forwarded-for': '198.51.100.8' });
    const answers = [
      await browser.get('/'),
      await browser.get('/healthz'),
      await browser.query('auth.me'),
      await browser.get('/assets/missing-AbC123xy.js'),
    ];
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('referrer-policy')).toBe('same-origin');
    }
    const directives = Object.fromEntries(
      contentSecurityPolicy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]),
    );
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
    expect(directives['script-src']).not.toContain("'unsafe-eval'");
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);

    const huge = await browser.mutate('auth.signIn', undefined, {
      body: JSON.stringify({ account: 'a'.repeat(6 * 1024 * 1024), password: 'x' }),
    });
    expect(huge.status).toBe(413);
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e%5c%2e%2e%5cpackage.json',
    ]) {
      const text = await (await fetch(`${proxiedBase}${path}`)).text();
      expect({ path, leaked: text.includes('"packageManager"') }).toEqual({ path, leaked: false });
    }
  });
});

describe('the SPA runs under the CSP', () => {
  it('its HTML loads scripts only from files (no inline script the CSP would block)', async () => {
    const pages = [join(repositoryRoot, 'apps/web/index.html'), join(repositoryRoot, 'apps/web/dist/index.html')].filter((file) =>
      existsSync(file),
    );
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const html = await readFile(page, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect({ page, attributes: /\bsrc=/.test(attributes!), body: body!.trim() }).toEqual({ page, attributes: true, body: '' });
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});

describe('no secrets in the repository', () => {
  const patterns: [string, RegExp][] = [
    // A real PEM block: base64 body (in a file, or inside a string literal with \n escapes).
    ['PEM private key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----(?:\\[nr]|\s|[A-Za-z0-9+/=]){64,}-----END/],
    ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
    ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
    ['Slack token', /\bxox[abprs]-[0-9A-Za-z-]{10,}/],
    ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
    ['private key assignment', /\b(?:private_key|privateKey|secret_key|api_key)\s*[:=]\s*['"][A-Za-z0-9+/=_-]{32,}['"]/],
  ];

  it('tracked files hold no private keys, tokens or credential files', async () => {
    const { stdout } = await promisify(execFile)('git', ['ls-files', '-z'], { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024 });
    const files = stdout.split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const findings: string[] = [];
    for (const file of files) {
      if (
        /(^|\/)\.env(\.|$)|(^|\/)id_(rsa|ecdsa|ed25519)$|\.(pem|key|p12|pfx|jks|keystore)$/.test(file) &&
        !file.endsWith('.env.example')
      ) {
        findings.push(`${file}: credential file tracked`);
      }
      if (/\.(png|jpe?g|gif|ico|woff2?|ttf|otf|wasm|pdf|gz|zip|xlsx)$/i.test(file)) continue;
      let text: string;
      try {
        text = await readFile(join(repositoryRoot, file), 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      if (text.length > 5_000_000) continue;
      for (const [name, pattern] of patterns) if (pattern.test(text)) findings.push(`${file}: ${name}`);
    }
    expect(findings).toEqual([]);
  });

  it('the scan recognises what it looks for', () => {
    const key = ['-----BEGIN', 'RSA PRIVATE KEY-----\n', 'MIIEowIBAAKCAQEA'.repeat(6), '\n-----END RSA PRIVATE KEY-----'].join(' ');
    expect(patterns[0]![1].test(key)).toBe(true);
    expect(patterns[0]![1].test('-----BEGIN PRIVATE KEY-----\\nMIIE…印章私钥…\\n-----END PRIVATE KEY-----')).toBe(false);
    expect(patterns[1]![1].test(['AKIA', 'IOSFODNN7EXAMPLE'].join(''))).toBe(true);
  });
});
