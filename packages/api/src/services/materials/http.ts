import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import type { DatabaseKind, Db } from '@xlgl/db';
import { createContext, type Context, type RequestInfo } from '../../context.js';
import { assertCsrf } from '../../trpc.js';
import { loadActor } from '../cases/runtime.js';
import { contentDisposition, materialTypeOfMime } from './detect.js';
import { authorizeFileRead, MaterialUploadError, receiveMaterialFile, tooLargeMessage, uploadLimitBytes } from './library.js';
import { localMaterialStore, type MaterialStore } from './storage.js';

/** The HTTP paths of the materials library. */
export const materialFilesPath = '/files/materials';

export type MaterialFilesHandlerOptions = {
  db: Db;
  databaseKind: DatabaseKind;
  /** Request facts (ip, cookies, CSRF header, HTTPS) as the tRPC context gets them. */
  requestInfo: (req: IncomingMessage) => RequestInfo;
  store?: MaterialStore;
  /** Upload limit in bytes (default `UPLOAD_MAX_MB`, 20 MB). */
  limitBytes?: number;
  now?: () => Date;
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { message } });
}

/** Reads the body up to `limit` bytes; null (and the connection closed after the answer) beyond it. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    total += buffer.byteLength;
    if (total > limit) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Upload (`POST /files/materials`, the raw bytes as body, the original name URI-encoded in
 * `x-file-name`) and view/download (`GET /files/materials/<sha256>[?download=1]`). Uploads need a
 * signed-in user with 受理 rights and the CSRF header, like every tRPC mutation. Returns false for
 * paths it does not serve.
 */
export function createMaterialFilesHandler(options: MaterialFilesHandlerOptions) {
  const store = options.store ?? localMaterialStore();
  const now = options.now ?? (() => new Date());
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== materialFilesPath && !url.pathname.startsWith(`${materialFilesPath}/`)) return false;
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    const ctx: Context = await createContext({ db: options.db, databaseKind: options.databaseKind, request: options.requestInfo(req), appendSetCookie: (header) => res.appendHeader('set-cookie', header), now });
    if (!ctx.user) {
      refuse(res, 401, '未登录或登录已过期，请重新登录');
      return true;
    }
    if (url.pathname === materialFilesPath) {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        refuse(res, 405, '请使用POST上传材料');
        return true;
      }
      await upload(ctx, req, res);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      refuse(res, 405, '只能查看或下载材料');
      return true;
    }
    await download(ctx, { req, res, url });
    return true;
  };

  async function upload(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      assertCsrf(ctx);
    } catch (error) {
      refuse(res, 403, (error as TRPCError).message);
      return;
    }
    if (!ctx.user!.capabilities.includes('desk.accept')) {
      refuse(res, 403, '没有权限：上传材料需要“受理办件”权限');
      return;
    }
    const limit = options.limitBytes ?? uploadLimitBytes();
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      res.setHeader('connection', 'close');
      refuse(res, 413, tooLargeMessage(limit));
      req.resume();
      return;
    }
    const body = await readBody(req, limit);
    if (!body) {
      res.setHeader('connection', 'close');
      refuse(res, 413, tooLargeMessage(limit));
      return;
    }
    let originalName = '';
    try {
      originalName = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
    } catch {
      originalName = '';
    }
    try {
      const stored = await receiveMaterialFile(options.db, { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), originalName, userId: ctx.user!.id, now: now(), limitBytes: limit, store });
      sendJson(res, 201, stored);
    } catch (error) {
      if (error instanceof MaterialUploadError) refuse(res, error.status, error.message);
      else throw error;
    }
  }

  async function download(ctx: Context, { req, res, url }: { req: IncomingMessage; res: ServerResponse; url: URL }): Promise<void> {
    const hash = url.pathname.slice(materialFilesPath.length + 1);
    const decision = await authorizeFileRead(options.db, { hash, userId: ctx.user!.id, capabilities: ctx.user!.capabilities, loadActor: () => loadActor(options.db, ctx.user!.id) });
    if (!decision.ok) {
      refuse(res, decision.status, decision.message);
      return;
    }
    const bytes = await store.get(decision.file.hash);
    if (!bytes) {
      refuse(res, 404, '材料文件缺失，请联系系统管理员从备份恢复');
      return;
    }
    const type = materialTypeOfMime(decision.file.mimeType);
    const inline = type?.inline === true && url.searchParams.get('download') !== '1';
    res.writeHead(200, {
      'content-type': type?.mimeType ?? 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', decision.file.originalName, type),
      'x-content-type-options': 'nosniff',
      // A served file is never a page of the app: no scripts, nothing from elsewhere (the browser's
      // PDF viewer still needs object-src 'self').
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'",
      'cache-control': 'private, no-store',
    });
    if (req.method === 'HEAD') res.end();
    else res.end(bytes);
  }
}
