import { randomUUID } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import { databaseKey, type DatabaseHandle, type Db } from '@xlgl/db';

/** A live message for one user (new task, transfer, urge, warning). */
export type DeskEvent = {
  kind: 'task' | 'notice' | 'urge' | 'warning';
  caseId?: string;
  caseNumber?: string;
  message: string;
  at: string;
};

/** Who a message is for: named users, or everyone matching roles/posts/departments at a region. */
export type DeskAudience =
  | { kind: 'user'; userId: string }
  | { kind: 'rule'; regionCode: string; roleIds: string[]; postIds: string[]; departmentIds: string[]; userIds: string[]; by: string };

type Listener = { userId: string; regionCode: string; roleIds: string[]; postIds: string[]; organizationIds: string[] };

const bus = new EventEmitter();
bus.setMaxListeners(0);

function matches(audience: DeskAudience, listener: Listener): boolean {
  if (audience.kind === 'user') return audience.userId === listener.userId;
  if (audience.by === 'users') return audience.userIds.includes(listener.userId);
  if (audience.regionCode !== listener.regionCode) return false;
  const any = (a: string[], b: string[]) => a.some((x) => b.includes(x));
  if (audience.roleIds.length && !any(audience.roleIds, listener.roleIds)) return false;
  if (audience.postIds.length && !any(audience.postIds, listener.postIds)) return false;
  if (audience.departmentIds.length && !any(audience.departmentIds, listener.organizationIds)) return false;
  return audience.roleIds.length + audience.postIds.length + audience.departmentIds.length > 0;
}

/** The PostgreSQL channel desk events travel on between server processes. */
export const deskEventChannel = 'xlgl_desk_events';
/** NOTIFY payloads must stay under 8,000 bytes; a longer event is delivered in this process only. */
const maxRelayedBytes = 7_500;

/**
 * One process's relay: the payloads waiting to go out and whether a batch is on its way. Payloads
 * carry `origin` (this relay's id) so the listener can skip its own, already delivered here.
 */
type Relay = { origin: string; send: (texts: string[]) => Promise<unknown>; pending: string[]; sending: boolean };
/** Keyed by `databaseKey`: the relay of the database an event was published on. */
const relays = new WeakMap<object, Relay>();
/** Events relayed and the NOTIFY transactions they went in, in this process (the tests read them). */
export const deskEventRelayCounts = { events: 0, batches: 0 };

function deliverLocally(payload: { audience: DeskAudience; event: DeskEvent }): void {
  bus.emit('event', payload);
}

/**
 * Sends what is pending in one statement, then whatever came meanwhile, one batch at a time: under
 * load many transitions' events share one NOTIFY transaction.
 */
function flush(relay: Relay): void {
  if (relay.sending || relay.pending.length === 0) return;
  const texts = relay.pending;
  relay.pending = [];
  relay.sending = true;
  deskEventRelayCounts.events += texts.length;
  deskEventRelayCounts.batches += 1;
  relay
    .send(texts)
    .catch((error: unknown) => {
      // Delivered here already; only the other processes miss these (they are live hints: the desk
      // lists and the urge records are read from the database).
      console.error(JSON.stringify({ level: 'warn', msg: 'desk event relay failed, other server processes miss these events', count: texts.length, error: String(error) }));
    })
    .finally(() => {
      relay.sending = false;
      flush(relay);
    });
}

/**
 * Publishes a desk event, delivered to browsers through the `desk.events` tRPC subscription (SSE):
 * at once to this process's subscribers and, on PostgreSQL with a relay attached (every server does at
 * start-up), through `NOTIFY` to the other server processes of the same database. Call it after the
 * commit of the change the event tells of.
 *
 * The NOTIFY is not part of the change's own transaction: PostgreSQL serialises the commits of
 * transactions that notify (one lock on the notification queue, held through the commit's WAL flush),
 * which under load made every transition wait for the others' flushes instead of sharing them.
 */
export function publishDeskEvent(db: Db, audience: DeskAudience, event: DeskEvent): void {
  const payload = { audience, event };
  deliverLocally(payload);
  const relay = relays.get(databaseKey(db));
  if (!relay) return;
  const text = JSON.stringify({ origin: relay.origin, audience, event });
  // NOTIFY payloads must stay under 8,000 bytes: a longer event reaches this process's browsers only.
  if (Buffer.byteLength(text) > maxRelayedBytes) return;
  relay.pending.push(text);
  queueMicrotask(() => flush(relay));
}

/**
 * The batch statement: its notifications' transaction commits without waiting for the WAL flush
 * (`synchronous_commit` off for that transaction only): a notification lost in a crash is a missed
 * live hint, nothing more, and the queue's lock is held for microseconds instead of a flush.
 */
export const deskEventBatchText = `with relaxed as (select set_config('synchronous_commit', 'off', true))
select count(pg_notify($1, x)) from relaxed, unnest($2::text[]) x`;

/**
 * Relays desk events between the server processes of one PostgreSQL database (several servers behind a
 * load balancer, or a cluster on one machine): events are sent with `NOTIFY` and every process that
 * `LISTEN`s delivers those of the other processes to its own subscribers. Nothing to do on PGlite (one
 * process). Returns a function that stops relaying.
 */
export async function attachDeskEventRelay(handle: DatabaseHandle): Promise<() => Promise<void>> {
  const sql = handle.sql;
  if (!sql) return async () => undefined;
  const origin = randomUUID();
  const listening = await sql.listen(deskEventChannel, (text) => {
    try {
      const payload = JSON.parse(text) as { origin?: string; audience: DeskAudience; event: DeskEvent };
      if (payload.origin === origin) return;
      deliverLocally({ audience: payload.audience, event: payload.event });
    } catch (error) {
      console.error(JSON.stringify({ level: 'warn', msg: 'malformed desk event ignored', error: String(error) }));
    }
  });
  const key = databaseKey(handle.db);
  relays.set(key, { origin, pending: [], sending: false, send: (texts) => sql.unsafe(deskEventBatchText, [deskEventChannel, texts]) });
  return async () => {
    relays.delete(key);
    await listening.unlisten().catch(() => undefined);
  };
}

/** Yields the events meant for `listener` until `signal` aborts. */
export async function* deskEventsFor(listener: Listener, signal?: AbortSignal): AsyncGenerator<DeskEvent> {
  try {
    for await (const [payload] of on(bus, 'event', { signal })) {
      const { audience, event } = payload as { audience: DeskAudience; event: DeskEvent };
      if (matches(audience, listener)) yield event;
    }
  } catch (error) {
    if ((error as { name?: string }).name !== 'AbortError') throw error;
  }
}
