import { EventEmitter, on } from 'node:events';

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

/**
 * In-process publish/subscribe for desk events, delivered to browsers through the `desk.events`
 * tRPC subscription (SSE). One server process; a cluster would relay through LISTEN/NOTIFY.
 */
export function publishDeskEvent(audience: DeskAudience, event: DeskEvent): void {
  bus.emit('event', { audience, event });
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
