import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * postgres-js keeps its pool's connections in queues (`src/queue.js`, patched in
 * `patches/postgres@3.4.9.patch`): the idle connections are shifted out for each query and pushed back
 * after it. Unpatched, a queue that never ran empty grew by one slot per query for the life of the
 * process and every move of a connection just shifted out scanned the whole array.
 */
type Queue<T> = { readonly length: number; push: (x: T) => T; shift: () => T; remove: (x: T) => T | null };
type QueueFactory = <T>(initial?: T[]) => Queue<T>;

const cjsEntry = createRequire(import.meta.url).resolve('postgres');
const packageRoot = join(dirname(cjsEntry), '..', '..');
const implementations: Array<[string, () => Promise<QueueFactory>]> = [
  ['src (ESM)', async () => ((await import(pathToFileURL(join(packageRoot, 'src', 'queue.js')).href)) as { default: QueueFactory }).default],
  ['cjs', async () => createRequire(import.meta.url)(join(packageRoot, 'cjs', 'src', 'queue.js')) as QueueFactory],
];

describe.each(implementations)('postgres-js queue (%s)', (_, load) => {
  it('is first in, first out; removes what it holds and only that', async () => {
    const Queue = await load();
    const [a, b, c, d] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
    const queue = Queue([a, b]);
    queue.push(c);
    expect(queue.shift()).toBe(a);
    expect(queue.remove(a)).toBeNull();
    expect(queue.remove(d)).toBeNull();
    expect(queue.remove(c)).toBe(c);
    expect(queue.length).toBe(1);
    queue.push(d);
    expect(queue.shift()).toBe(b);
    expect(queue.shift()).toBe(d);
    expect(queue.length).toBe(0);
  });

  it('stays the size of its contents when it never runs empty (the idle connections of a pool)', async () => {
    const Queue = await load();
    const connections = Array.from({ length: 6 }, (_, id) => ({ id }));
    const open = Queue(connections);
    const order: number[] = [];
    let longestScan = 0;
    const indexOf = Array.prototype.indexOf;
    Array.prototype.indexOf = function (this: unknown[], ...rest: Parameters<typeof indexOf>) {
      longestScan = Math.max(longestScan, this.length - (rest[1] ?? 0));
      return indexOf.apply(this, rest);
    };
    try {
      for (let query = 0; query < 50_000; query += 1) {
        // What the pool does per query: take an idle connection, move it to `busy` (which removes it
        // from the queue it came from), and push it back when the query is done.
        const connection = open.shift();
        expect(open.remove(connection)).toBeNull();
        if (query < 12) order.push(connection.id);
        open.push(connection);
      }
      // A connection in the middle of the queue goes away (closed by the idle timeout).
      expect(open.remove(connections[3]!)).toBe(connections[3]);
    } finally {
      Array.prototype.indexOf = indexOf;
    }
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    expect(open.length).toBe(5);
    // Unpatched this was the number of queries so far (50,000); the patch keeps at most about twice the contents plus 64.
    expect(longestScan).toBeLessThanOrEqual(128);
    const rest = [open.shift(), open.shift(), open.shift(), open.shift(), open.shift()].map((connection) => connection.id);
    expect(rest.sort()).toEqual([0, 1, 2, 4, 5]);
    expect(open.length).toBe(0);
  });
});
