import { createHash } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { databaseKey, type Db } from './database.js';
import { metadataDocuments, metadataHeads, metadataReferences, systemSettings } from './schema/metadata.js';
import { stableJson } from './stable-json.js';

/** A current document as stored: its body plus head bookkeeping. */
export type StoredDocument = {
  kind: string;
  id: string;
  version: number;
  status: string;
  body: Record<string, unknown>;
  checksum: string;
  updatedAt: Date;
  updatedBy: string;
};

export type StoredReference = { path: (string | number)[]; kind: string; id: string };

/** Content checksum of a document body, ignoring its `version` (which the store assigns). */
export function documentChecksum(body: Record<string, unknown>): string {
  const { version: _version, ...content } = body;
  return createHash('sha256').update(stableJson(content)).digest('hex');
}

const currentColumns = {
  kind: metadataHeads.kind,
  id: metadataHeads.id,
  version: metadataHeads.version,
  status: metadataDocuments.status,
  body: metadataDocuments.body,
  checksum: metadataDocuments.checksum,
  updatedAt: metadataHeads.updatedAt,
  updatedBy: metadataHeads.updatedBy,
};

function currentQuery(db: Db) {
  return db
    .select(currentColumns)
    .from(metadataHeads)
    .innerJoin(
      metadataDocuments,
      and(eq(metadataDocuments.kind, metadataHeads.kind), eq(metadataDocuments.id, metadataHeads.id), eq(metadataDocuments.version, metadataHeads.version)),
    );
}

/** The current version of one document, or null. */
export async function readDocument(db: Db, kind: string, id: string): Promise<StoredDocument | null> {
  const [row] = await currentQuery(db).where(and(eq(metadataHeads.kind, kind), eq(metadataHeads.id, id)));
  return row ?? null;
}

/** Current versions of several documents of one kind. */
export async function readDocuments(db: Db, kind: string, ids: string[]): Promise<StoredDocument[]> {
  if (ids.length === 0) return [];
  return currentQuery(db).where(and(eq(metadataHeads.kind, kind), inArray(metadataHeads.id, ids)));
}

/** Current versions of every document of the given kinds (all kinds when omitted), ordered by kind and id. */
export async function readAllDocuments(db: Db, kinds?: string[]): Promise<StoredDocument[]> {
  const query = currentQuery(db);
  const filtered = kinds ? query.where(inArray(metadataHeads.kind, kinds)) : query;
  return filtered.orderBy(metadataHeads.kind, metadataHeads.id);
}

export type ListDocumentsOptions = {
  kind: string;
  /** Extra conditions on `metadata_documents.body` etc. */
  where?: SQL[];
  orderBy?: SQL[];
  limit: number;
  offset: number;
};

/** A page of current documents of one kind plus the total count. */
export async function listDocuments(db: Db, options: ListDocumentsOptions): Promise<{ rows: StoredDocument[]; total: number }> {
  const condition = and(eq(metadataHeads.kind, options.kind), ...(options.where ?? []));
  const rows = await currentQuery(db)
    .where(condition)
    .orderBy(...(options.orderBy ?? []), metadataHeads.id)
    .limit(options.limit)
    .offset(options.offset);
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(metadataHeads)
    .innerJoin(
      metadataDocuments,
      and(eq(metadataDocuments.kind, metadataHeads.kind), eq(metadataDocuments.id, metadataHeads.id), eq(metadataDocuments.version, metadataHeads.version)),
    )
    .where(condition);
  return { rows, total: Number(counted?.total ?? 0) };
}

export type WriteDocumentInput = {
  kind: string;
  id: string;
  /** The document body; its `version` is replaced by the version assigned here. */
  body: Record<string, unknown>;
  references: StoredReference[];
  actor: string;
  status?: string;
  now?: Date;
};

export type WriteDocumentResult = { version: number; changed: boolean; previousVersion: number | null; body: Record<string, unknown> };

/**
 * Writes a new version of a document and makes it current, unless the content equals the current
 * version (then nothing is written). Rewrites the document's outgoing references. Call inside a transaction.
 */
export async function writeDocument(db: Db, input: WriteDocumentInput): Promise<WriteDocumentResult> {
  bumpMetadataGeneration(db);
  const now = input.now ?? new Date();
  const checksum = documentChecksum(input.body);
  const current = await readDocument(db, input.kind, input.id);
  if (current && current.checksum === checksum && (input.status ?? 'published') === current.status) {
    return { version: current.version, changed: false, previousVersion: current.version, body: current.body };
  }
  const [latest] = await db
    .select({ version: sql<number>`coalesce(max(${metadataDocuments.version}), 0)::int` })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, input.kind), eq(metadataDocuments.id, input.id)));
  const version = Number(latest?.version ?? 0) + 1;
  const body = { ...input.body, version };
  await db.insert(metadataDocuments).values({
    kind: input.kind,
    id: input.id,
    version,
    status: input.status ?? 'published',
    body,
    checksum,
    createdAt: now,
    createdBy: input.actor,
  });
  await db
    .insert(metadataHeads)
    .values({ kind: input.kind, id: input.id, version, updatedAt: now, updatedBy: input.actor })
    .onConflictDoUpdate({
      target: [metadataHeads.kind, metadataHeads.id],
      set: { version, updatedAt: now, updatedBy: input.actor },
    });
  await db.delete(metadataReferences).where(and(eq(metadataReferences.fromKind, input.kind), eq(metadataReferences.fromId, input.id)));
  if (input.references.length > 0) {
    await db.insert(metadataReferences).values(
      input.references.map((reference) => ({
        fromKind: input.kind,
        fromId: input.id,
        path: reference.path,
        toKind: reference.kind,
        toId: reference.id,
      })),
    );
  }
  return { version, changed: true, previousVersion: current?.version ?? null, body };
}

/** Removes a document from the current set (its versions stay as history) with its outgoing references. */
export async function removeDocument(db: Db, kind: string, id: string): Promise<boolean> {
  bumpMetadataGeneration(db);
  const removed = await db
    .delete(metadataHeads)
    .where(and(eq(metadataHeads.kind, kind), eq(metadataHeads.id, id)))
    .returning({ id: metadataHeads.id });
  await db.delete(metadataReferences).where(and(eq(metadataReferences.fromKind, kind), eq(metadataReferences.fromId, id)));
  return removed.length > 0;
}

export type IncomingReference = { fromKind: string; fromId: string; path: (string | number)[] };

/** Current documents that reference any of `keys` (a document's id, and for regions also its code). */
export async function findReferencesTo(db: Db, kind: string, keys: string[]): Promise<IncomingReference[]> {
  if (keys.length === 0) return [];
  return db
    .select({ fromKind: metadataReferences.fromKind, fromId: metadataReferences.fromId, path: metadataReferences.path })
    .from(metadataReferences)
    .where(and(eq(metadataReferences.toKind, kind), inArray(metadataReferences.toId, keys)))
    .orderBy(metadataReferences.fromKind, metadataReferences.fromId);
}

/** Reads a value from `system_settings`. */
export async function readSetting<T>(db: Db, key: string): Promise<T | null> {
  const [row] = await db.select({ value: systemSettings.value }).from(systemSettings).where(eq(systemSettings.key, key));
  return row ? (row.value as T) : null;
}

/** Writes a value to `system_settings`. */
export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(systemSettings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value, updatedAt: new Date() } });
}

const generations = new WeakMap<object, number>();

/**
 * A per-database counter this process bumps on every document write or removal: caches built from
 * documents (the current user, the desk actor) keep the generation they were built at and rebuild
 * when it moved. Other processes' writes are not seen here, so such caches also expire after a few
 * seconds.
 */
export function metadataGeneration(db: Db): number {
  return generations.get(databaseKey(db)) ?? 0;
}

function bumpMetadataGeneration(db: Db): void {
  const key = databaseKey(db);
  generations.set(key, (generations.get(key) ?? 0) + 1);
}
