/**
 * Field-level diff between two versions of a document. Arrays of objects with an `id` are compared
 * as keyed child lists (rows added, removed, changed, moved); other arrays and scalars as values.
 * Used by the item review (R1.2), version history and the form-change plan.
 */
export type DiffEntry =
  | { kind: 'added'; path: (string | number)[]; after: unknown; index?: number }
  | { kind: 'removed'; path: (string | number)[]; before: unknown; index?: number }
  | { kind: 'changed'; path: (string | number)[]; before: unknown; after: unknown }
  | { kind: 'moved'; path: (string | number)[]; from: number; to: number };

type Keyed = { id: string } & Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKeyedList(value: unknown): value is Keyed[] {
  return Array.isArray(value) && value.length > 0 && value.every((entry) => isPlainObject(entry) && typeof entry.id === 'string');
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((entry, index) => equal(entry, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!equal(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** Yields the differences from `before` to `after` below `path`. */
function* walk(before: unknown, after: unknown, path: (string | number)[]): Generator<DiffEntry> {
  if (equal(before, after)) return;
  if (before === undefined) {
    yield { kind: 'added', path, after };
    return;
  }
  if (after === undefined) {
    yield { kind: 'removed', path, before };
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) yield* walk(before[key], after[key], [...path, key]);
    return;
  }
  if ((isKeyedList(before) || isKeyedList(after)) && Array.isArray(before) && Array.isArray(after)) {
    const beforeRows = before as Keyed[];
    const afterRows = after as Keyed[];
    const beforeIndex = new Map(beforeRows.map((row, index) => [row.id, index]));
    const afterIndex = new Map(afterRows.map((row, index) => [row.id, index]));
    for (const [index, row] of beforeRows.entries()) {
      if (!afterIndex.has(row.id)) yield { kind: 'removed', path: [...path, row.id], before: row, index };
    }
    for (const [index, row] of afterRows.entries()) {
      const previous = beforeIndex.get(row.id);
      if (previous === undefined) {
        yield { kind: 'added', path: [...path, row.id], after: row, index };
        continue;
      }
      yield* walk(beforeRows[previous], row, [...path, row.id]);
    }
    // Order changes among rows present in both versions.
    const common = afterRows.filter((row) => beforeIndex.has(row.id)).map((row) => row.id);
    const commonBefore = beforeRows.filter((row) => afterIndex.has(row.id)).map((row) => row.id);
    for (const [index, id] of common.entries()) {
      const from = commonBefore.indexOf(id);
      if (from !== index) yield { kind: 'moved', path: [...path, id], from, to: index };
    }
    return;
  }
  yield { kind: 'changed', path, before, after };
}

/** Lists every difference from `before` to `after`. Envelope fields (version) are ignored. */
export function diffDocuments(before: unknown, after: unknown, ignore: string[] = ['version']): DiffEntry[] {
  const strip = (doc: unknown) => {
    if (!isPlainObject(doc)) return doc;
    const copy = { ...doc };
    for (const key of ignore) delete copy[key];
    return copy;
  };
  return [...walk(strip(before), strip(after), [])];
}
