import { TRPCError } from '@trpc/server';
import { and, desc, eq, sql } from 'drizzle-orm';
import { documentKindLabels, type FlowDocument, type FormDocument } from '@xlgl/schema';
import { metadataDocuments, metadataHeads, readDocument, rowsOf, studioDrafts, type Db, containsPattern } from '@xlgl/db';
import { parseOrThrow } from '../documents.js';
import { describeDocument } from '../describe.js';

/** The kinds the studio drafts, reviews and publishes here. */
export type StudioKind = 'flow' | 'form';
export type StudioDocument<K extends StudioKind> = K extends 'flow' ? FlowDocument : FormDocument;

/**
 * Drafts live in `studio_drafts` (one working copy per document, overwritten by each save), not in
 * `metadata_documents`: a version number is only spent on publication, so versions are exactly the
 * published, immutable ones running cases can point at.
 */
export type StoredDraft<K extends StudioKind> = { document: StudioDocument<K>; baseVersion: number | null; updatedAt: string; updatedBy: string };

/** Parses a document of the given kind by its schema, or throws a BAD_REQUEST listing every issue. */
export function parseStudioDocument<K extends StudioKind>(kind: K, raw: unknown): StudioDocument<K> {
  const declared = raw && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
  if (declared !== kind) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `这里只能保存${documentKindLabels[kind]}，收到的文档类型是“${String(declared)}”` });
  }
  return parseOrThrow(raw) as StudioDocument<K>;
}

export async function readDraft<K extends StudioKind>(db: Db, kind: K, id: string): Promise<StoredDraft<K> | null> {
  const [row] = await db.select().from(studioDrafts).where(and(eq(studioDrafts.kind, kind), eq(studioDrafts.id, id)));
  if (!row) return null;
  return { document: row.body as unknown as StudioDocument<K>, baseVersion: row.baseVersion, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
}

/** Creates or overwrites the draft of a document; `baseVersion` is the published version it starts from. */
export async function writeDraft<K extends StudioKind>(
  db: Db,
  input: { kind: K; document: StudioDocument<K>; baseVersion: number | null; actor: string; now: Date },
): Promise<StoredDraft<K>> {
  const body = input.document as unknown as Record<string, unknown>;
  await db
    .insert(studioDrafts)
    .values({ kind: input.kind, id: input.document.id, body, baseVersion: input.baseVersion, createdAt: input.now, updatedAt: input.now, updatedBy: input.actor })
    .onConflictDoUpdate({
      target: [studioDrafts.kind, studioDrafts.id],
      set: { body, baseVersion: input.baseVersion, updatedAt: input.now, updatedBy: input.actor },
    });
  return { document: input.document, baseVersion: input.baseVersion, updatedAt: input.now.toISOString(), updatedBy: input.actor };
}

export async function deleteDraft(db: Db, kind: StudioKind, id: string): Promise<boolean> {
  const removed = await db
    .delete(studioDrafts)
    .where(and(eq(studioDrafts.kind, kind), eq(studioDrafts.id, id)))
    .returning({ id: studioDrafts.id });
  return removed.length > 0;
}

/** The draft to review or publish, or a NOT_FOUND naming the document. */
export async function requireDraft<K extends StudioKind>(db: Db, kind: K, id: string): Promise<StoredDraft<K>> {
  const draft = await readDraft(db, kind, id);
  if (!draft) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(kind, id)}没有草稿：请先保存草稿` });
  return draft;
}

/** The version number the next publication of a document gets (versions are never reused). */
export async function nextVersion(db: Db, kind: StudioKind, id: string): Promise<number> {
  const [latest] = await db
    .select({ version: sql<number>`coalesce(max(${metadataDocuments.version}), 0)::int` })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, kind), eq(metadataDocuments.id, id)));
  return Number(latest?.version ?? 0) + 1;
}

/** One published version of a document, or null. */
export async function readVersion<K extends StudioKind>(db: Db, key: { kind: K; id: string; version: number }): Promise<StudioDocument<K> | null> {
  const { kind, id, version } = key;
  const [row] = await db
    .select({ body: metadataDocuments.body })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, kind), eq(metadataDocuments.id, id), eq(metadataDocuments.version, version)));
  return row ? (row.body as unknown as StudioDocument<K>) : null;
}

export type VersionEntry = { version: number; status: string; createdAt: string; createdBy: string; current: boolean; name: string };

/** Every stored version of a document, newest first; `current` marks the one in force. */
export async function versionHistory(db: Db, kind: StudioKind, id: string): Promise<VersionEntry[]> {
  const head = await readDocument(db, kind, id);
  const rows = await db
    .select({
      version: metadataDocuments.version,
      status: metadataDocuments.status,
      createdAt: metadataDocuments.createdAt,
      createdBy: metadataDocuments.createdBy,
      name: sql<string>`${metadataDocuments.body}->>'name'`,
    })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, kind), eq(metadataDocuments.id, id)))
    .orderBy(desc(metadataDocuments.version));
  return rows.map((row) => ({
    version: row.version,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    current: head?.version === row.version,
    name: row.name ?? '',
  }));
}

export type StudioListRow = {
  id: string;
  name: string;
  /** Version in force, or null when never published. */
  publishedVersion: number | null;
  publishedAt: string | null;
  hasDraft: boolean;
  draftUpdatedAt: string | null;
  updatedBy: string | null;
  /** Flows: the bound form. */
  formId: string | null;
};

/**
 * Published documents and drafts of one kind in one list (a document with both appears once),
 * searched by id or name (the draft's name first), most recently changed first.
 */
export async function listStudioDocuments(
  db: Db,
  options: { kind: StudioKind; search?: string; page: number; pageSize: number },
): Promise<{ rows: StudioListRow[]; total: number }> {
  const { kind } = options;
  const pattern = options.search ? containsPattern(options.search) : null;
  const base = sql`
    with ids as (
      select ${metadataHeads.id} as id from ${metadataHeads} where ${metadataHeads.kind} = ${kind}
      union
      select ${studioDrafts.id} as id from ${studioDrafts} where ${studioDrafts.kind} = ${kind}
    ), joined as (
      select ids.id,
        coalesce(d.body->>'name', p.body->>'name', ids.id) as name,
        coalesce(d.body->>'formId', p.body->>'formId') as form_id,
        h.version as published_version, h.updated_at as published_at,
        d.id is not null as has_draft, d.updated_at as draft_updated_at,
        coalesce(d.updated_by, h.updated_by) as updated_by,
        greatest(coalesce(d.updated_at, h.updated_at), coalesce(h.updated_at, d.updated_at)) as changed_at
      from ids
      left join metadata_heads h on h.kind = ${kind} and h.id = ids.id
      left join metadata_documents p on p.kind = h.kind and p.id = h.id and p.version = h.version
      left join studio_drafts d on d.kind = ${kind} and d.id = ids.id
    )`;
  const where = pattern ? sql`where joined.id ilike ${pattern} or joined.name ilike ${pattern}` : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(
      sql`${base} select * from joined ${where} order by changed_at desc, id limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`,
    ),
  );
  const [counted] = rowsOf<{ total: number }>(await db.execute(sql`${base} select count(*)::int as total from joined ${where}`));
  const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
  return {
    rows: rows.map((row) => ({
      id: String(row.id),
      name: String(row.name),
      publishedVersion: row.published_version === null || row.published_version === undefined ? null : Number(row.published_version),
      publishedAt: iso(row.published_at),
      hasDraft: row.has_draft === true || row.has_draft === 't',
      draftUpdatedAt: iso(row.draft_updated_at),
      updatedBy: (row.updated_by as string | null) ?? null,
      formId: (row.form_id as string | null) ?? null,
    })),
    total: Number(counted?.total ?? 0),
  };
}
