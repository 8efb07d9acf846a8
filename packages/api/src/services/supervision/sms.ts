import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { smsOutbox, type Db } from '@xlgl/db';

/** One text to send. */
export type SmsMessage = { id: string; mobile: string; body: string };
/** What a gateway reports for one message. */
export type SmsResult = { ok: true; providerId?: string } | { ok: false; error: string };

/**
 * A way to send texts (R2.10, R3.5–R3.6). Messages always go through the `sms_outbox` table first
 * (written in the same transaction as the card or urge); `deliverPendingSms` hands them to a gateway.
 */
export interface SmsGateway {
  /** Recorded on each row (`local`, `http`). */
  readonly name: string;
  send(message: SmsMessage): Promise<SmsResult>;
}

/** Sends nothing: marks messages as recorded (development, tests, centres without a provider). */
export class LocalSmsGateway implements SmsGateway {
  readonly name = 'local';
  async send(): Promise<SmsResult> {
    return { ok: true };
  }
}

/** Configuration of an HTTP SMS provider (from environment: SMS_HTTP_URL, SMS_HTTP_TOKEN, SMS_SIGN). */
export type HttpSmsConfig = {
  url: string;
  token?: string;
  /** Signature shown before the text, e.g. 【锡林郭勒盟政务服务】. */
  sign?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * A JSON-over-HTTP provider: POST `{ mobile, content, sign, requestId }` with a bearer token; a 2xx
 * answer with `{ id }` (or `{ messageId }`) counts as sent. Providers with another shape get their
 * own small adapter implementing `SmsGateway`.
 */
export class HttpSmsGateway implements SmsGateway {
  readonly name = 'http';
  constructor(private readonly config: HttpSmsConfig) {
    if (!/^https?:\/\//.test(config.url)) throw new Error(`短信网关地址不正确：${config.url}`);
  }
  async send(message: SmsMessage): Promise<SmsResult> {
    const doFetch = this.config.fetch ?? fetch;
    try {
      const response = await doFetch(this.config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.config.token ? { authorization: `Bearer ${this.config.token}` } : {}) },
        body: JSON.stringify({ mobile: message.mobile, content: message.body, sign: this.config.sign ?? '', requestId: message.id }),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (!response.ok) return { ok: false, error: `短信网关返回${response.status}：${text.slice(0, 200)}` };
      let providerId: string | undefined;
      try {
        const parsed = JSON.parse(text) as { id?: unknown; messageId?: unknown };
        providerId = String(parsed.id ?? parsed.messageId ?? '') || undefined;
      } catch {
        // A plain-text answer is fine.
      }
      return { ok: true, providerId };
    } catch (error) {
      return { ok: false, error: `短信网关不可达：${String((error as Error).message ?? error)}` };
    }
  }
}

/** The gateway the environment configures: HTTP when SMS_HTTP_URL is set, else local recording. */
export function smsGatewayFromEnv(env: NodeJS.ProcessEnv = process.env): SmsGateway {
  if (env.SMS_HTTP_URL) return new HttpSmsGateway({ url: env.SMS_HTTP_URL, token: env.SMS_HTTP_TOKEN, sign: env.SMS_SIGN });
  return new LocalSmsGateway();
}

/** Queues texts in the caller's transaction. Users without a mobile number are skipped. */
export async function enqueueSms(tx: Db, messages: Array<{ mobile: string | undefined | null; userId?: string; body: string; ref: string }>, now: Date): Promise<number> {
  const rows = messages
    .filter((message) => message.mobile && /^1[3-9]\d{9}$/.test(message.mobile))
    .map((message) => ({ id: randomUUID(), mobile: message.mobile!, userId: message.userId ?? null, body: message.body, ref: message.ref, status: 'pending', createdAt: now }));
  if (rows.length > 0) await tx.insert(smsOutbox).values(rows);
  return rows.length;
}

const MAX_ATTEMPTS = 5;

/** Hands pending texts to the gateway, oldest first; failures stay pending until MAX_ATTEMPTS. */
export async function deliverPendingSms(db: Db, gateway: SmsGateway, options: { now: Date; limit?: number }): Promise<{ sent: number; failed: number }> {
  const pending = await db.select().from(smsOutbox).where(eq(smsOutbox.status, 'pending')).orderBy(asc(smsOutbox.createdAt)).limit(options.limit ?? 100);
  let sent = 0;
  let failed = 0;
  for (const row of pending) {
    const result = await gateway.send({ id: row.id, mobile: row.mobile, body: row.body });
    if (result.ok) {
      sent += 1;
      await db
        .update(smsOutbox)
        .set({ status: gateway.name === 'local' ? 'recorded' : 'sent', gateway: gateway.name, providerId: result.providerId ?? null, attempts: row.attempts + 1, sentAt: options.now, error: null })
        .where(and(eq(smsOutbox.id, row.id), eq(smsOutbox.status, 'pending')));
    } else {
      failed += 1;
      await db
        .update(smsOutbox)
        .set({ status: row.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending', gateway: gateway.name, attempts: row.attempts + 1, error: result.error })
        .where(and(eq(smsOutbox.id, row.id), inArray(smsOutbox.status, ['pending'])));
    }
  }
  return { sent, failed };
}
