import { diffDocuments, itemFieldLabels, type DiffEntry } from '@xlgl/schema';

const childLists = new Set(['materials', 'fees', 'legalBases', 'subItems']);

export type LabelledDiffEntry = {
  kind: DiffEntry['kind'];
  path: (string | number)[];
  /** Top-level section, e.g. `materials`. */
  section: string;
  /** Readable location, e.g. `申请材料 › 营业执照 › 份数`. */
  label: string;
  before?: unknown;
  after?: unknown;
  from?: number;
  to?: number;
};

function rowName(row: unknown): string | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const record = row as Record<string, unknown>;
  return (record.name ?? record.title) as string | undefined;
}

function findRow(doc: unknown, list: string, id: string): unknown {
  const rows = (doc as Record<string, unknown> | undefined)?.[list];
  return Array.isArray(rows) ? rows.find((row) => (row as { id?: string }).id === id) : undefined;
}

/** What a new item is compared with: empty child lists and groups, so rows and sub-fields show one by one. */
const emptyItem = {
  subItems: [],
  materials: [],
  fees: [],
  legalBases: [],
  documentTemplateIds: [],
  serviceObjects: [],
  specialProcedures: [],
  timeLimit: {},
  result: {},
};
const envelope = ['version', 'kind', 'id', 'schemaVersion'];
const sectionOrder = Object.keys(itemFieldLabels);

function isEmpty(doc: unknown): boolean {
  return doc === null || doc === undefined || (typeof doc === 'object' && Object.keys(doc).length === 0);
}

/**
 * Field-level diff of two item versions with readable labels, in the editor's section order; child
 * lists are keyed by row id. A missing side (a new item) counts as an empty item.
 */
/** Items written before sub-items existed (schema version 1) have none: compare them as empty lists. */
function withSubItems(doc: unknown): unknown {
  if (isEmpty(doc) || typeof doc !== 'object') return doc;
  const record = doc as Record<string, unknown>;
  const codes = record.codes as Record<string, unknown> | undefined;
  return {
    ...record,
    subItems: record.subItems ?? [],
    ...(codes ? { codes: { ...codes, subItems: codes.subItems ?? [] } } : {}),
  };
}

export function describeItemDiff(rawBefore: unknown, rawAfter: unknown): LabelledDiffEntry[] {
  const before = withSubItems(rawBefore);
  const after = withSubItems(rawAfter);
  // The empty side takes the empty shape of exactly the groups the other side has.
  const emptyLike = (other: unknown) =>
    Object.fromEntries(Object.entries(emptyItem).filter(([key]) => typeof other === 'object' && other !== null && key in other));
  const entries = diffDocuments(isEmpty(before) ? emptyLike(after) : before, isEmpty(after) ? emptyLike(before) : after, envelope).map(
    (entry) => {
      const [section, ...rest] = entry.path.map(String);
      const parts = [itemFieldLabels[section ?? ''] ?? section ?? '整个事项'];
      if (section && childLists.has(section) && rest.length > 0) {
        const id = rest.shift()!;
        parts.push(rowName(findRow(after, section, id)) ?? rowName(findRow(before, section, id)) ?? id);
      }
      for (const part of rest) parts.push(itemFieldLabels[part] ?? (/^\d+$/.test(part) ? `第${Number(part) + 1}项` : part));
      const base = { kind: entry.kind, path: entry.path, section: section ?? '', label: parts.join(' › ') };
      if (entry.kind === 'added') return { ...base, after: entry.after };
      if (entry.kind === 'removed') return { ...base, before: entry.before };
      if (entry.kind === 'changed') return { ...base, before: entry.before, after: entry.after };
      return { ...base, from: entry.from, to: entry.to } as LabelledDiffEntry;
    },
  );
  const rank = (entry: LabelledDiffEntry) => {
    const index = sectionOrder.indexOf(entry.section);
    return index === -1 ? sectionOrder.length : index;
  };
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** One line summarising a change for announcements, e.g. `受理条件；申请材料（新增1项、删除1项）`. */
export function summariseItemDiff(entries: LabelledDiffEntry[]): string {
  const sections = new Map<string, { added: number; removed: number; changed: number }>();
  for (const entry of entries) {
    const counts = sections.get(entry.section) ?? { added: 0, removed: 0, changed: 0 };
    const isRow = childLists.has(entry.section) && entry.path.length === 2;
    if (isRow && entry.kind === 'added') counts.added += 1;
    else if (isRow && entry.kind === 'removed') counts.removed += 1;
    else counts.changed += 1;
    sections.set(entry.section, counts);
  }
  return [...sections.entries()]
    .map(([section, counts]) => {
      const label = itemFieldLabels[section] ?? section;
      if (!childLists.has(section)) return label;
      const parts = [
        counts.added && `新增${counts.added}项`,
        counts.removed && `删除${counts.removed}项`,
        counts.changed && `修改${counts.changed}处`,
      ].filter(Boolean);
      return `${label}（${parts.join('、')}）`;
    })
    .join('；');
}
