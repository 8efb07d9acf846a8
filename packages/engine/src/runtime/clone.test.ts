import { describe, expect, it } from 'vitest';
import { cloneData } from './clone.js';

describe('cloneData', () => {
  it('copies JSON data deeply: equal, nothing shared, keys with undefined kept', () => {
    const original = { a: 1, b: 'x', c: null, d: undefined, list: [{ id: 't1', frames: [] as unknown[] }, 2, 'y'], nested: { deep: { n: [1, [2, 3]] } } };
    const copy = cloneData(original);
    expect(copy).toStrictEqual(original);
    expect(Object.keys(copy)).toEqual(Object.keys(original));
    copy.list[0] = { id: 'changed', frames: [] };
    (copy.nested.deep.n[1] as number[]).push(4);
    expect(original.list[0]).toEqual({ id: 't1', frames: [] });
    expect(original.nested.deep.n).toEqual([1, [2, 3]]);
    expect(cloneData(undefined)).toBeUndefined();
  });

  it('copies values that are not plain data (a Date, a Map) with structuredClone', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const copy = cloneData({ at, map: new Map([['k', { v: 1 }]]) });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect(copy.at.toISOString()).toBe(at.toISOString());
    expect(copy.map.get('k')).toEqual({ v: 1 });
  });
});
