import { TRPCError } from '@trpc/server';
import { documentChecksum, readDocument, type Db } from '@xlgl/db';
import { documentKindLabels } from '@xlgl/schema';
import { saveDocument } from '../documents.js';
import { deleteDraft, nextVersion, parseStudioDocument, requireDraft, writeDraft, type StoredDraft, type StudioDocument, type StudioKind } from './drafts.js';

/** Saves (creates or overwrites) the draft of a flow or form after validating it by the kind's schema. */
export async function saveStudioDraft<K extends StudioKind>(
  db: Db,
  input: { kind: K; document: unknown; actor: string; now: Date },
): Promise<StoredDraft<K> & { publishedVersion: number | null }> {
  const document = parseStudioDocument(input.kind, input.document);
  const current = await readDocument(db, input.kind, document.id);
  const saved = await writeDraft(db, { kind: input.kind, document, baseVersion: current?.version ?? null, actor: input.actor, now: input.now });
  return { ...saved, publishedVersion: current?.version ?? null };
}

/**
 * Publishes the draft of a document as a new immutable version inside the caller's transaction:
 * `prepare` sees the parsed draft and the version it will get (and may refuse, amend it, or do
 * more work such as creating the form's table); then the version is written through `saveDocument`
 * (schema, references, audit) and the draft is deleted.
 */
export async function publishDraft<K extends StudioKind, Extra>(
  tx: Db,
  input: {
    kind: K;
    id: string;
    actor: string;
    now: Date;
    prepare: (draft: StudioDocument<K>, version: number) => Promise<{ document: StudioDocument<K>; extra: Extra }>;
  },
): Promise<{ document: StudioDocument<K>; version: number; previousVersion: number | null; extra: Extra }> {
  const draft = await requireDraft(tx, input.kind, input.id);
  const parsed = parseStudioDocument(input.kind, draft.document);
  const current = await readDocument(tx, input.kind, input.id);
  const version = await nextVersion(tx, input.kind, input.id);
  const prepared = await input.prepare({ ...parsed, version } as StudioDocument<K>, version);
  const body = prepared.document as unknown as Record<string, unknown>;
  if (current && current.checksum === documentChecksum(body)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `草稿与正在使用的第${current.version}版${documentKindLabels[input.kind]}相同，无需发布` });
  }
  const saved = await saveDocument(tx, body, { actor: input.actor, now: input.now });
  if (saved.version !== version) throw new Error(`发布的版本号${saved.version}与预期的${version}不一致`);
  await deleteDraft(tx, input.kind, input.id);
  return { document: saved.document as StudioDocument<K>, version, previousVersion: current?.version ?? null, extra: prepared.extra };
}
