import { describe, expect, it } from 'vitest';
import { diffDocuments } from './diff.js';

describe('diffDocuments', () => {
  it('reports scalar changes with their paths and ignores the version', () => {
    expect(diffDocuments({ version: 1, name: '食品经营许可', timeLimit: { promised: 10 } }, { version: 2, name: '食品经营许可', timeLimit: { promised: 8 } })).toEqual([
      { kind: 'changed', path: ['timeLimit', 'promised'], before: 10, after: 8 },
    ]);
  });

  it('compares child lists by id: added, removed, changed and moved rows', () => {
    const before = { materials: [{ id: 'm1', name: '申请书' }, { id: 'm2', name: '身份证明' }, { id: 'm3', name: '场所证明' }] };
    const after = { materials: [{ id: 'm3', name: '经营场所证明' }, { id: 'm1', name: '申请书' }, { id: 'm4', name: '承诺书' }] };
    const entries = diffDocuments(before, after);
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'removed', path: ['materials', 'm2'] }));
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'added', path: ['materials', 'm4'] }));
    expect(entries).toContainEqual({ kind: 'changed', path: ['materials', 'm3', 'name'], before: '场所证明', after: '经营场所证明' });
    expect(entries).toContainEqual({ kind: 'moved', path: ['materials', 'm3'], from: 1, to: 0 });
  });

  it('treats a new optional field as added and a dropped one as removed', () => {
    expect(diffDocuments({ a: 1 }, { a: 1, b: 'x' })).toEqual([{ kind: 'added', path: ['b'], after: 'x' }]);
    expect(diffDocuments({ a: 1, b: 'x' }, { a: 1 })).toEqual([{ kind: 'removed', path: ['b'], before: 'x' }]);
  });

  it('finds nothing between equal documents', () => {
    expect(diffDocuments({ x: [1, 2], y: { z: null } }, { x: [1, 2], y: { z: null } })).toEqual([]);
  });
});
