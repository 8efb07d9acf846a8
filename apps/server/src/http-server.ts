import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appRouter, createContext, csrfCookieName, csrfHeaderName, parseCookies, serializeCookie, type RequestInfo } from '@xlgl/api';
import type { DatabaseHandle } from '@xlgl/db';
import { randomBytes } from 'node:crypto';
import type { ServerConfig } from './config.js';
import { log, logs } from './log.js';
import { serveStatic } from './static-files.js';
import { materialFilesRoute } from './material-files.js';
import { createTrpcHandler } from './trpc-handler.js';

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
const securityHeaderEntries = Object.entries(securityHeaders);

/** `/trpc/` and procedure paths (`desk.act`, `a,b`): one segment, no dot segment, nothing percent-encoded. */
const plainProcedureUrl = /^\/trpc\/[A-Za-z][A-Za-z0-9_.,-]*$/;

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
  const requestInfo = (req: IncomingMessage): RequestInfo => ({
    ip: clientIp(req, config.trustProxy),
    userAgent: String(req.headers['user-agent'] ?? ''),
    cookies: parseCookies(req.headers.cookie),
    csrfHeader: (req.headers[csrfHeaderName] as string | undefined) ?? null,
    secure: isSecure(req, config),
  });
  const trpc = createTrpcHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: 5 * 1024 * 1024,
    createContext: (req, res) =>
      createContext({
        db: handle.db,
        databaseKind: handle.kind,
        request: requestInfo(req),
        appendSetCookie: (header) => res.appendHeader('set-cookie', header),
      }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log('error', 'procedure failed', { path, error: error.cause?.stack ?? error.stack ?? error.message });
      }
    },
  });

  const materialFiles = materialFilesRoute(handle, config, requestInfo);

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const rawUrl = req.url ?? '/';
    // A procedure call's URL (`/trpc/desk.act?batch=1`) is taken as it comes: the URL parser would not
    // change it. Any other is parsed (and normalised) first.
    const queryAt = rawUrl.indexOf('?');
    const plainCall = plainProcedureUrl.test(queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt));
    const url = plainCall ? null : new URL(rawUrl, 'http://localhost');
    if (logs('info')) {
      const started = performance.now();
      res.on('finish', () => {
        log('info', 'request', {
          method: req.method,
          path: url ? url.pathname : rawUrl.slice(0, queryAt < 0 ? undefined : queryAt),
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
        });
      });
    }
    for (const [name, value] of securityHeaderEntries) res.setHeader(name, value);
    if (!url || url.pathname === '/trpc' || url.pathname.startsWith('/trpc/')) {
      res.setHeader('cache-control', 'no-store');
      trpc(req, res, url ? `${url.pathname}${url.search}` : rawUrl);
      return;
    }

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
