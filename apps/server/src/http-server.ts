import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { appRouter, createContext, csrfCookieName, csrfHeaderName, parseCookies, serializeCookie } from '@xlgl/api';
import type { DatabaseHandle } from '@xlgl/db';
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from './config.js';
import { log } from './log.js';
import { serveStatic } from './static-files.js';
import { materialFilesRoute } from './material-files.js';

/** A CSP a Vite-built antd app works under: no inline scripts; antd's CSS-in-JS needs inline styles. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function isSecure(req: IncomingMessage, config: ServerConfig): boolean {
  if (config.secureCookies) return true;
  return config.trustProxy && req.headers['x-forwarded-proto'] === 'https';
}

/** The HTTP server: /healthz, tRPC at /trpc, the SPA for everything else; one JSON log line per request. */
export function createAppServer(handle: DatabaseHandle, config: ServerConfig): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: 5 * 1024 * 1024,
    createContext: ({ req, res }) =>
      createContext({
        db: handle.db,
        databaseKind: handle.kind,
        request: {
          ip: clientIp(req, config.trustProxy),
          userAgent: String(req.headers['user-agent'] ?? ''),
          cookies: parseCookies(req.headers.cookie),
          csrfHeader: (req.headers[csrfHeaderName] as string | undefined) ?? null,
          secure: isSecure(req, config),
        },
        appendSetCookie: (header) => res.appendHeader('set-cookie', header),
      }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log('error', 'procedure failed', { path, error: error.cause?.stack ?? error.stack ?? error.message });
      }
    },
  });

  const materialFiles = materialFilesRoute(handle, config, (req) => ({
    ip: clientIp(req, config.trustProxy),
    userAgent: String(req.headers['user-agent'] ?? ''),
    cookies: parseCookies(req.headers.cookie),
    csrfHeader: (req.headers[csrfHeaderName] as string | undefined) ?? null,
    secure: isSecure(req, config),
  }));

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.on('finish', () => {
      log('info', 'request', {
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);

    const handleRequest = async () => {
      if (url.pathname === '/healthz') {
        let ok = true;
        try {
          await handle.db.execute('select 1');
        } catch {
          ok = false;
        }
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ ok, database: handle.kind }));
        return;
      }
      if (await materialFiles(req, res, url)) return;
      if (url.pathname === '/trpc' || url.pathname.startsWith('/trpc/')) {
        res.setHeader('cache-control', 'no-store');
        trpc(req, res);
        return;
      }
      // The SPA's first page load hands out the CSRF cookie so its first mutation can carry it.
      if (!parseCookies(req.headers.cookie)[csrfCookieName]) {
        res.appendHeader('set-cookie', serializeCookie(csrfCookieName, randomBytes(24).toString('base64url'), { httpOnly: false, secure: isSecure(req, config) }));
      }
      await serveStatic({ root: config.webDist, req, res, pathname: url.pathname });
    };
    handleRequest().catch((error: unknown) => {
      log('error', 'request failed', { path: url.pathname, error: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('服务器内部错误');
      } else {
        res.destroy();
      }
    });
  });
}
