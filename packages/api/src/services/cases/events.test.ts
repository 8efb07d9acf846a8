import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@xlgl/db';
import { openTestDatabase } from '@xlgl/db/testing';
import { attachDeskEventRelay, deskEventBatchText, deskEventChannel, deskEventRelayCounts, deskEventsFor, publishDeskEvent, type DeskEvent } from './events.js';

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
    // Its own notifications come back to this process too; they are not delivered twice.
    expect(subscriber.received.filter((entry) => entry.message === '新待办：企业开办')).toHaveLength(1);
    // Detached: delivered in this process, nothing goes out.
    publishDeskEvent(handle.db, { kind: 'user', userId: listener.userId }, event('本进程'));
    await expect.poll(() => subscriber.received.at(-1)?.message, { timeout: 5_000 }).toBe('本进程');
    await settle();
    expect(seenByOther).toHaveLength(4);
    subscriber.stop();
  });

  it('sends a burst of events in one NOTIFY transaction', async () => {
    const subscriber = subscribe();
    const detach = await attachDeskEventRelay(handle);
    const before = seenByOther.length;
    const counts = { ...deskEventRelayCounts };
    try {
      for (let index = 0; index < 50; index++) publishDeskEvent(handle.db, { kind: 'user', userId: listener.userId }, event(`批量${index}`));
      // Delivered here in order (once: the relay's own notifications are skipped when they come back).
      await expect.poll(() => subscriber.received.map((entry) => entry.message), { timeout: 5_000 }).toEqual(Array.from({ length: 50 }, (_, index) => `批量${index}`));
      await expect.poll(() => seenByOther.length - before, { timeout: 5_000 }).toBe(50);
      expect(seenByOther.slice(before).map((payload) => (JSON.parse(payload) as { event: DeskEvent }).event.message)).toEqual(
        Array.from({ length: 50 }, (_, index) => `批量${index}`),
      );
      await settle();
      expect(subscriber.received).toHaveLength(50);
      expect(deskEventRelayCounts.events - counts.events).toBe(50);
      expect(deskEventRelayCounts.batches - counts.batches).toBe(1);
    } finally {
      await detach();
      subscriber.stop();
    }
  });

  it('notifies with synchronous_commit off for its own transaction only', async () => {
    const seen: string[] = [];
    const listening = await other.listen(`${deskEventChannel}_check`, (payload) => seen.push(payload));
    const connection = await handle.sql!.reserve();
    try {
      const [row] = await connection.unsafe(deskEventBatchText, [`${deskEventChannel}_check`, ['一', '二']]);
      expect(Number(Object.values(row!)[0])).toBe(2);
      await expect.poll(() => seen, { timeout: 5_000 }).toEqual(['一', '二']);
      const [{ setting }] = await connection<{ setting: string }[]>`select current_setting('synchronous_commit') as setting`;
      expect(setting).toBe('on');
      // Inside an open transaction it would last until that one ends: the relay never runs it there.
      await connection`begin`;
      await connection.unsafe(deskEventBatchText, [`${deskEventChannel}_check`, ['三']]);
      const [{ setting: inside }] = await connection<{ setting: string }[]>`select current_setting('synchronous_commit') as setting`;
      expect(inside).toBe('off');
      await connection`rollback`;
      await settle();
      expect(seen).toEqual(['一', '二']);
    } finally {
      connection.release();
      await listening.unlisten();
    }
  });
});
