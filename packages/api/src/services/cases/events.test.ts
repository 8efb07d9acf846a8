import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@xlgl/db';
import { openTestDatabase } from '@xlgl/db/testing';
import { attachDeskEventRelay, deskEventChannel, deskEventsFor, publishDeskEvent, type DeskEvent } from './events.js';

const listener = { userId: 'user-relay-test', regionCode: '152500', roleIds: [], postIds: [], organizationIds: [] };
const event = (message: string): DeskEvent => ({ kind: 'notice', caseId: 'c1', caseNumber: 'N1', message, at: '2026-06-01T02:00:00.000Z' });

/** Subscribes like the `desk.events` subscription does and collects what arrives. */
function subscribe() {
  const controller = new AbortController();
  const received: DeskEvent[] = [];
  void (async () => {
    for await (const entry of deskEventsFor(listener, controller.signal)) received.push(entry);
  })();
  return { received, stop: () => controller.abort() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe.skipIf(!process.env.TEST_DATABASE_URL)('desk events between server processes (PostgreSQL LISTEN/NOTIFY)', () => {
  let handle: DatabaseHandle;
  /** Another server process of the same database, seen from its own connection. */
  let otherHandle: DatabaseHandle;
  let other: NonNullable<DatabaseHandle['sql']>;
  const seenByOther: string[] = [];
  beforeAll(async () => {
    handle = await openTestDatabase('postgres');
    otherHandle = await openDatabase({ url: handle.url!, maxConnections: 1 });
    other = otherHandle.sql!;
    await other.listen(deskEventChannel, (payload) => seenByOther.push(payload));
  });
  afterAll(async () => {
    await otherHandle?.close();
    await handle?.close();
  });

  it('sends events through NOTIFY to every process and delivers those of other processes here', async () => {
    const subscriber = subscribe();
    const detach = await attachDeskEventRelay(handle);
    try {
      publishDeskEvent(handle.db, { kind: 'user', userId: listener.userId }, event('新待办：企业开办'));
      await expect.poll(() => subscriber.received.map((entry) => entry.message), { timeout: 5_000 }).toEqual(['新待办：企业开办']);
      await expect.poll(() => seenByOther.length, { timeout: 5_000 }).toBe(1);
      expect(JSON.parse(seenByOther[0]!)).toMatchObject({
        audience: { kind: 'user', userId: listener.userId },
        event: { message: '新待办：企业开办' },
      });

      // Published by the other process: delivered to this process's subscriber.
      await other.notify(
        deskEventChannel,
        JSON.stringify({ audience: { kind: 'user', userId: listener.userId }, event: event('催办：请尽快办理') }),
      );
      await expect.poll(() => subscriber.received.length, { timeout: 5_000 }).toBe(2);
      expect(subscriber.received[1]!.message).toBe('催办：请尽快办理');

      // Someone else's event and a malformed payload are not delivered (and do not stop the relay).
      await other.notify(
        deskEventChannel,
        JSON.stringify({ audience: { kind: 'user', userId: 'user-someone-else' }, event: event('别人的') }),
      );
      await other.notify(deskEventChannel, '{not json');
      // Too long for NOTIFY: delivered in this process only.
      publishDeskEvent(handle.db, { kind: 'user', userId: listener.userId }, event('长'.repeat(3_000)));
      await expect.poll(() => subscriber.received.length, { timeout: 5_000 }).toBe(3);
      await settle();
      expect(subscriber.received).toHaveLength(3);
      // The other process saw this one's first event and its own three; not the long one.
      expect(seenByOther).toHaveLength(4);
      expect(seenByOther.some((payload) => payload.includes('长长长'))).toBe(false);
    } finally {
      await detach();
    }
    // Detached: delivered in this process, nothing goes out.
    publishDeskEvent(handle.db, { kind: 'user', userId: listener.userId }, event('本进程'));
    await expect.poll(() => subscriber.received.at(-1)?.message, { timeout: 5_000 }).toBe('本进程');
    await settle();
    expect(seenByOther).toHaveLength(4);
    subscriber.stop();
  });
});
