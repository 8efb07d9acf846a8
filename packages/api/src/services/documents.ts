import { TRPCError } from '@trpc/server';
import { and, eq, ne, sql } from 'drizzle-orm';
import {
  describeDocumentPath,
  documentKindLabels,
  documentReferences,
  issueText,
  locateIssues,
  parseDocument,
  type AnyDocument,
  type DocumentKind,
  type UserDocument,
} from '@xlgl/schema';
import {
  accounts,
  appendAudit,
  findReferencesTo,
  readDocument,
  readDocuments,
  removeDocument as removeStoredDocument,
  writeDocument,
  type Db,
  type StoredDocument,
} from '@xlgl/db';
import { deleteUserSessions } from '../auth/sessions.js';
import { DocumentValidationError } from './errors.js';
import { describeDocument } from './describe.js';
import { findRegionByCode, referenceTargetExists } from './lookups.js';

export type SaveDocumentOptions = {
  actor: string;
  now?: Date;
  /** `create` refuses an existing id, `update` a missing one; by default either. */
  mode?: 'create' | 'update';
  status?: string;
};

export type SavedDocument = { document: AnyDocument; version: number; changed: boolean };

/** Parses raw JSON as a document or throws a BAD_REQUEST listing every issue. */
export function parseOrThrow(raw: unknown): AnyDocument {
  const parsed = parseDocument(raw);
  if (parsed.ok) return parsed.document;
  // The message names each place in words; the issues keep the machine path (forms place them on fields).
  const issues = locateIssues(raw, parsed.issues);
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: `文档校验未通过：${issues.map(issueText).join('；')}`,
    cause: new DocumentValidationError('文档校验未通过', issues),
  });
}

/**
 * Serialises metadata changes within their transactions, so a removal cannot slip between a save's
 * reference check and its commit.
 */
export async function lockMetadata(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('xlgl.metadata'))`);
}

/** Parent links that must not form a cycle, per kind. */
const parentKeys: Partial<Record<DocumentKind, { key: string; lookup: 'id' | 'region-code' }>> = {
  organization: { key: 'parentId', lookup: 'id' },
  region: { key: 'parentCode', lookup: 'region-code' },
};

async function assertNoParentCycle(db: Db, doc: AnyDocument): Promise<void> {
  const link = parentKeys[doc.kind];
  if (!link) return;
  const self = doc as unknown as Record<string, unknown>;
  const selfKey = link.lookup === 'region-code' ? String(self.code) : doc.id;
  let parent = self[link.key] as string | undefined;
  for (let depth = 0; parent && depth < 50; depth += 1) {
    if (parent === selfKey) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `${describeDocument(doc.kind, doc.id, self)}的上级不能是它自己或它的下级`,
        cause: new DocumentValidationError('上级形成循环', [{ path: [link.key], message: '上级不能是自身或下级' }]),
      });
    }
    const row = link.lookup === 'region-code' ? await findRegionByCode(db, parent) : await readDocument(db, doc.kind, parent);
    parent = row?.body[link.key] as string | undefined;
  }
}

/** Extra rules for users: unique account; keeps `accounts` in step with the document. */
async function assertUniqueAccount(db: Db, user: UserDocument): Promise<void> {
  const [holder] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.account, user.account), ne(accounts.userId, user.id)));
  if (holder) {
    throw new TRPCError({ code: 'CONFLICT', message: `账号“${user.account}”已被用户“${holder.userId}”使用，请换一个账号` });
  }
}

async function syncAccount(db: Db, user: UserDocument): Promise<void> {
  await db
    .insert(accounts)
    .values({ userId: user.id, account: user.account })
    .onConflictDoUpdate({ target: accounts.userId, set: { account: user.account } });
  if (user.active === false) await deleteUserSessions(db, user.id);
}

/**
 * Validates and saves one document in one transaction: schema, references (every referenced document
 * must exist), kind rules, then a new version and an audit entry. Returns the saved document.
 */
export async function saveDocument(db: Db, raw: unknown, options: SaveDocumentOptions): Promise<SavedDocument> {
  const document = parseOrThrow(raw);
  const references = documentReferences(document);
  return db.transaction(async (tx) => {
    await lockMetadata(tx);
    const existing = await readDocument(tx, document.kind, document.id);
    if (options.mode === 'create' && existing) {
      throw new TRPCError({ code: 'CONFLICT', message: `${documentKindLabels[document.kind]}标识“${document.id}”已存在，请换一个标识` });
    }
    if (options.mode === 'update' && !existing) {
      throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(document.kind, document.id)}不存在，可能已被删除` });
    }
    const missing: { path: (string | number)[]; message: string }[] = [];
    for (const reference of references) {
      const selfReference = reference.kind === document.kind && reference.id === document.id;
      if (selfReference || !(await referenceTargetExists(tx, reference.kind, reference.id))) {
        missing.push({
          path: reference.path,
          message: selfReference ? '不能引用自身' : `引用的${documentKindLabels[reference.kind]}“${reference.id}”不存在`,
        });
      }
    }
    if (missing.length > 0) {
      const issues = locateIssues(document, missing);
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `${describeDocument(document.kind, document.id, document as never)}引用了不存在的文档：${issues.map(issueText).join('；')}`,
        cause: new DocumentValidationError('引用不存在', issues),
      });
    }
    await assertNoParentCycle(tx, document);
    if (document.kind === 'user') await assertUniqueAccount(tx, document);

    const written = await writeDocument(tx, {
      kind: document.kind,
      id: document.id,
      body: document as unknown as Record<string, unknown>,
      references,
      actor: options.actor,
      status: options.status,
      now: options.now,
    });
    if (document.kind === 'user') await syncAccount(tx, document);
    if (written.changed) {
      await appendAudit(
        tx,
        {
          actor: options.actor,
          action: existing ? 'document.update' : 'document.create',
          target: `${document.kind}/${document.id}`,
          detail: { version: written.version, previousVersion: written.previousVersion },
        },
        options.now,
      );
    }
    return { document: written.body as unknown as AnyDocument, version: written.version, changed: written.changed };
  });
}

/** Lists the documents that reference a document, as readable names with the place in words (用户“张三”（lg.window）的角色第1项). */
export async function describeReferrers(db: Db, target: StoredDocument): Promise<string[]> {
  const keys = [target.id];
  if (target.kind === 'region' && typeof target.body.code === 'string' && target.body.code !== target.id) keys.push(target.body.code);
  const incoming = (await findReferencesTo(db, target.kind, keys)).filter(
    (reference) => !(reference.fromKind === target.kind && reference.fromId === target.id),
  );
  const byKind = new Map<string, string[]>();
  for (const reference of incoming) byKind.set(reference.fromKind, [...(byKind.get(reference.fromKind) ?? []), reference.fromId]);
  const bodies = new Map<string, Record<string, unknown>>();
  for (const [kind, ids] of byKind) {
    for (const row of await readDocuments(db, kind, [...new Set(ids)])) bodies.set(`${kind}/${row.id}`, row.body);
  }
  return incoming.map((reference) => {
    const body = bodies.get(`${reference.fromKind}/${reference.fromId}`);
    const where = describeDocumentPath(body, reference.path, reference.fromKind);
    return `${describeDocument(reference.fromKind, reference.fromId, body)}${where ? `的${where}` : ''}`;
  });
}

/** Removes a document unless other documents reference it; one transaction with its audit entry. */
export async function removeDocument(db: Db, options: { kind: DocumentKind; id: string; actor: string; now?: Date }): Promise<void> {
  const { kind, id } = options;
  await db.transaction(async (tx) => {
    await lockMetadata(tx);
    const existing = await readDocument(tx, kind, id);
    if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: `${describeDocument(kind, id)}不存在，可能已被删除` });
    const referrers = await describeReferrers(tx, existing);
    if (referrers.length > 0) {
      const shown = referrers.slice(0, 20).join('、');
      const more = referrers.length > 20 ? `等${referrers.length}处` : '';
      throw new TRPCError({
        code: 'CONFLICT',
        message: `无法删除${describeDocument(kind, id, existing.body)}：它仍被${shown}${more}引用，请先修改或删除这些文档`,
      });
    }
    await removeStoredDocument(tx, kind, id);
    if (kind === 'user') {
      await deleteUserSessions(tx, id);
      await tx.delete(accounts).where(eq(accounts.userId, id));
    }
    await appendAudit(
      tx,
      { actor: options.actor, action: 'document.remove', target: `${kind}/${id}`, detail: { version: existing.version } },
      options.now,
    );
  });
}
