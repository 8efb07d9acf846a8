import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A signed-in HTTP session against the tRPC API: cookie jar + CSRF header, keep-alive sockets. */
export type Session = { cookie: string; csrf: string };

export const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export type Reply = { status: number; body: string; setCookie: string[] };

export function call(base: string, path: string, options: { method: 'GET' | 'POST'; body?: unknown; session?: Session }): Promise<Reply> {
  const url = new URL(path, base);
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...(options.session ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrf } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: ([] as string[]).concat(res.headers['set-cookie'] ?? []),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function cookiesOf(reply: Reply, jar: Map<string, string>): void {
  for (const header of reply.setCookie) {
    const [pair] = header.split(';');
    const index = pair!.indexOf('=');
    jar.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
  }
}

/** Signs in as the SPA does: a first request hands out the CSRF cookie, then auth.signIn. */
export async function signIn(base: string, account: string, password = 'Xlgl@2026'): Promise<Session> {
  const jar = new Map<string, string>();
  cookiesOf(await call(base, '/', { method: 'GET' }), jar);
  const csrf = decodeURIComponent(jar.get('xlgl_csrf') ?? '');
  const reply = await call(base, '/trpc/auth.signIn', {
    method: 'POST',
    body: { account, password },
    session: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf },
  });
  if (reply.status !== 200) throw new Error(`登录${account}失败：${reply.status} ${reply.body.slice(0, 300)}`);
  cookiesOf(reply, jar);
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), csrf: decodeURIComponent(jar.get('xlgl_csrf') ?? csrf) };
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * One keep-alive HTTP/1.1 connection for the load generator: a request is written as one piece of
 * text and its answer parsed from the socket (status, Content-Length or chunked body, Set-Cookie), one
 * request at a time. It speaks the same HTTP as node:http's client but spends far less CPU a request,
 * and the load generator shares the machine's cores with the server it measures.
 */
export class Connection {
  private received: Buffer[] = [];
  private waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly host: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received.push(chunk);
      this.parse();
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  static open(base: string): Promise<Connection> {
    const url = new URL(base);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
        socket.off('error', reject);
        resolve(new Connection(socket, url.host));
      });
      socket.once('error', reject);
    });
  }

  /** POSTs a JSON body; resolves with the whole answer. */
  post(path: string, body: unknown, session?: Session): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error('one request at a time on a connection'));
    const payload = JSON.stringify(body);
    const head =
      `POST ${path} HTTP/1.1\r\nHost: ${this.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n` +
      (session ? `Cookie: ${session.cookie}\r\nX-CSRF-Token: ${session.csrf}\r\n` : '') +
      '\r\n';
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(head + payload);
    });
  }

  close(): void {
    this.failure ??= new Error('connection closed');
    this.socket.destroy();
  }

  /** Takes a complete answer off the received bytes, if there is one. */
  private parse(): void {
    const data = this.received.length === 1 ? this.received[0]! : Buffer.concat(this.received);
    this.received = [data];
    const headEnd = data.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const lines = data.toString('latin1', 0, headEnd).split('\r\n');
    const status = Number(lines[0]!.split(' ')[1]);
    let length = -1;
    let chunked = false;
    const setCookie: string[] = [];
    for (let index = 1; index < lines.length; index += 1) {
      const line = lines[index]!;
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
      else if (name === 'set-cookie') setCookie.push(value);
    }
    let body: Buffer;
    let end: number;
    if (chunked) {
      const parts: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const sizeEnd = data.indexOf('\r\n', at);
        if (sizeEnd < 0) return;
        const size = parseInt(data.toString('latin1', at, sizeEnd), 16);
        if (data.length < sizeEnd + 2 + size + 2) return;
        if (size === 0) {
          end = sizeEnd + 4;
          break;
        }
        parts.push(data.subarray(sizeEnd + 2, sizeEnd + 2 + size));
        at = sizeEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      if (length < 0) {
        this.socket.destroy(new Error('answer without Content-Length or chunked body'));
        return;
      }
      end = headEnd + 4 + length;
      if (data.length < end) return;
      body = data.subarray(headEnd + 4, end);
    }
    if (end !== data.length) {
      this.socket.destroy(new Error('more bytes than one answer'));
      return;
    }
    this.received = [];
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve({ status, body: body.toString('utf8'), setCookie });
  }
}
