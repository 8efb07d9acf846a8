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

type Relay = { send: (payload: string) => Promise<unknown> };
/** Keyed by `databaseKey`: the relay of the database an event was published on. */
const relays = new WeakMap<object, Relay>();

function deliverLocally(payload: { audience: DeskAudience; event: DeskEvent }): void {
  bus.emit('event', payload);
}

/**
 * Publishes a desk event, delivered to browsers through the `desk.events` tRPC subscription (SSE).
 * On PostgreSQL with a relay attached (every server does at start-up) it goes out through
 * `NOTIFY`, so the browsers connected to any server process of the same database get it, this one's
 * included; otherwise (PGlite, tests without a relay) it is delivered in this process.
 */
export function publishDeskEvent(db: Db, audience: DeskAudience, event: DeskEvent): void {
  const payload = { audience, event };
  const relay = relays.get(databaseKey(db));
  const text = relay && relayedText(payload);
  if (!relay || text === undefined) {
    deliverLocally(payload);
    return;
  }
  relay.send(text).catch((error: unknown) => {
    // The relay is down (server stopping, connection lost): deliver here rather than drop it.
    console.error(JSON.stringify({ level: 'warn', msg: 'desk event relay failed, delivered in this process only', error: String(error) }));
    deliverLocally(payload);
  });
}

/**
 * Splits the events of a transaction on `db` into those it NOTIFYs itself (`relayed`: payload texts for
 * `pg_notify(deskEventChannel, …)` inside the transaction; PostgreSQL delivers them when it commits and
 * drops them when it rolls back, to every process of the database, this one included) and those to
 * publish after the commit (`local`: no relay, as on PGlite, or too long for NOTIFY).
 */
export function relayInTransaction<T extends { audience: DeskAudience; event: DeskEvent }>(db: Db, entries: T[]): { relayed: string[]; local: T[] } {
  const relayed: string[] = [];
  const local: T[] = [];
  if (!relays.has(databaseKey(db))) return { relayed, local: entries };
  for (const entry of entries) {
    const text = relayedText(entry);
    if (text === undefined) local.push(entry);
    else relayed.push(text);
  }
  return { relayed, local };
}

/** The NOTIFY payload of an event, or undefined when it is too long for NOTIFY. */
function relayedText(entry: { audience: DeskAudience; event: DeskEvent }): string | undefined {
  const text = JSON.stringify({ audience: entry.audience, event: entry.event });
  return Buffer.byteLength(text) > maxRelayedBytes ? undefined : text;
}

/**
 * Relays desk events between the server processes of one PostgreSQL database (several servers behind a
 * load balancer, or a cluster on one machine): events are sent with `NOTIFY` and every process that
 * `LISTEN`s delivers them to its own subscribers. Nothing to do on PGlite (one process). Returns a
 * function that stops relaying.
 */
export async function attachDeskEventRelay(handle: DatabaseHandle): Promise<() => Promise<void>> {
  const sql = handle.sql;
  if (!sql) return async () => undefined;
  const listening = await sql.listen(deskEventChannel, (text) => {
    try {
      deliverLocally(JSON.parse(text) as { audience: DeskAudience; event: DeskEvent });
    } catch (error) {
      console.error(JSON.stringify({ level: 'warn', msg: 'malformed desk event ignored', error: String(error) }));
    }
  });
  const key = databaseKey(handle.db);
  relays.set(key, { send: (text) => sql.notify(deskEventChannel, text) });
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
