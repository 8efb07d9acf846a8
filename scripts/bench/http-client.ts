import { Agent, request } from 'node:http';

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
