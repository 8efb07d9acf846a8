import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** Vite puts content-hashed files under /assets/ (e.g. index-3f9a1c2b.js): cache them for a year. */
const hashedAsset = /^\/assets\/.+[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

async function fileAt(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built SPA from `root`: files as they are, any other GET that accepts HTML gets
 * index.html (client-side routes). Refuses paths that leave `root`.
 */
export async function serveStatic(options: { root: string; req: IncomingMessage; res: ServerResponse; pathname: string }): Promise<void> {
  const { root, req, res, pathname } = options;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
    res.end('不支持的请求方法');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('路径格式不正确');
    return;
  }
  const relativePath = normalize(decoded).replace(/^([/\\])+/, '');
  const candidate = join(root, relativePath);
  if (decoded.includes('\0') || (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep))) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('未找到');
    return;
  }
  let file = relativePath ? await fileAt(candidate) : null;
  let cacheControl = hashedAsset.test(decoded) ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (!file) {
    const wantsHtml = (req.headers.accept ?? '').includes('text/html') || !extname(decoded);
    if (!wantsHtml || decoded.startsWith('/assets/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('未找到');
      return;
    }
    file = await fileAt(join(root, 'index.html'));
    cacheControl = 'no-cache';
    if (!file) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end('<!doctype html><meta charset="utf-8"><title>前端尚未构建</title><p>前端尚未构建：请先运行 <code>npm run build</code>（或使用 <code>npm start</code>）。</p>');
      return;
    }
  }
  res.writeHead(200, {
    'content-type': contentTypes[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': file.size,
    'cache-control': cacheControl,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file.path).pipe(res);
}
