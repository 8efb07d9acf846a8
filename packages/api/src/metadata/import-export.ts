import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { documentReferences, isDocumentKind, parseDocument, type DocumentKind, type UserDocument } from '@xlgl/schema';
import { accounts, appendAudit, readAllDocuments, rowsOf, writeDocument, writeSetting, type Db } from '@xlgl/db';
import { hashPassword } from '../auth/passwords.js';
import { lockMetadata } from '../services/documents.js';
import { checkMetadata, formatProblem, type CheckOptions, type MetadataProblem } from './check.js';
import { kindFolders } from './folder.js';

/** The password demo users (`demo: true`) get on import when they have none yet. */
export const demoPassword = 'Xlgl@2026';

/** Import refused because the folder has errors; `problems` lists them. */
export class MetadataImportError extends Error {
  constructor(readonly problems: MetadataProblem[]) {
    super(`元数据有${problems.filter((problem) => problem.severity === 'error').length}处错误，未导入：\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'MetadataImportError';
  }
}

export type ImportSummary = { created: number; updated: number; unchanged: number; demoPasswordsSet: number; documents: number };

async function existingKeys(db: Db): Promise<Set<string>> {
  const rows = rowsOf<{ kind: string; id: string; code: string | null }>(
    await db.execute(sql`
      select h.kind, h.id, d.body->>'code' as code
      from metadata_heads h
      join metadata_documents d on d.kind = h.kind and d.id = h.id and d.version = h.version`),
  );
  const keys = new Set<string>();
  for (const row of rows) {
    keys.add(`${row.kind}/${row.id}`);
    if (row.kind === 'region' && row.code) keys.add(`region/${row.code}`);
  }
  return keys;
}

/**
 * Imports a metadata folder: validates everything first (schema, references against the folder and
 * the database, every registered check), then writes all documents in one transaction. Documents
 * whose content is unchanged keep their version; documents not in the folder are kept. Demo users
 * without a password get `Xlgl@2026`.
 */
export async function importMetadata(
  db: Db,
  dir: string,
  options: { actor?: string; now?: Date; checks?: CheckOptions['checks'] } = {},
): Promise<ImportSummary> {
  const actor = options.actor ?? 'system';
  const now = options.now ?? new Date();
  const existing = await existingKeys(db);
  const result = await checkMetadata(dir, { checks: options.checks, existing: (kind, id) => existing.has(`${kind}/${id}`) });
  if (!result.ok) throw new MetadataImportError(result.problems);

  // Hash demo passwords before the transaction (scrypt is deliberately slow).
  const demoUsers = result.documents.map((entry) => entry.document).filter((doc): doc is UserDocument => doc.kind === 'user' && doc.demo === true);
  const withPassword = new Set(
    (await db.select({ userId: accounts.userId, passwordHash: accounts.passwordHash }).from(accounts))
      .filter((row) => row.passwordHash)
      .map((row) => row.userId),
  );
  const demoHashes = new Map<string, string>();
  for (const user of demoUsers) if (!withPassword.has(user.id)) demoHashes.set(user.id, await hashPassword(demoPassword));

  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, demoPasswordsSet: 0, documents: result.documents.length };
  await db.transaction(async (tx) => {
    await lockMetadata(tx);
    for (const { document } of result.documents) {
      const written = await writeDocument(tx, {
        kind: document.kind,
        id: document.id,
        body: document as unknown as Record<string, unknown>,
        references: documentReferences(document),
        actor,
        now,
      });
      if (!written.changed) summary.unchanged += 1;
      else if (written.previousVersion === null) summary.created += 1;
      else summary.updated += 1;
      if (document.kind === 'user') {
        const passwordHash = demoHashes.get(document.id);
        await tx
          .insert(accounts)
          .values({ userId: document.id, account: document.account, passwordHash: passwordHash ?? null, passwordChangedAt: passwordHash ? now : null })
          .onConflictDoUpdate({ target: accounts.userId, set: { account: document.account } });
        if (passwordHash) {
          // The account row may have existed without a password.
          const [row] = await tx.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.userId, document.id));
          if (!row?.passwordHash) await tx.update(accounts).set({ passwordHash, passwordChangedAt: now }).where(eq(accounts.userId, document.id));
          summary.demoPasswordsSet += 1;
        }
      }
    }
    await appendAudit(tx, { actor, action: 'metadata.import', target: 'metadata', detail: { ...summary } }, now);
    await writeSetting(tx, 'metadata.lastImport', { at: now.toISOString(), actor, ...summary });
  });
  return summary;
}

/** A document as a file: pretty JSON in the schema's key order, newline at the end. */
export function documentFileText(body: Record<string, unknown>): string {
  const parsed = parseDocument(body);
  return `${JSON.stringify(parsed.ok ? parsed.document : body, null, 2)}\n`;
}

/** Writes every current document to `dir/<kind folder>/<id>.json`; returns the number of files written. */
export async function exportMetadata(db: Db, dir: string, options: { kinds?: DocumentKind[] } = {}): Promise<{ files: number }> {
  const rows = await readAllDocuments(db, options.kinds);
  let files = 0;
  for (const row of rows) {
    if (!isDocumentKind(row.kind)) continue;
    const folder = join(dir, kindFolders[row.kind]);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${row.id}.json`), documentFileText(row.body));
    files += 1;
  }
  return { files };
}

/** Whether metadata has ever been imported into this database (the server imports `metadata/` only then). */
export async function isSeeded(db: Db): Promise<boolean> {
  const rows = rowsOf<{ seeded: boolean }>(
    await db.execute(sql`select exists(select 1 from system_settings where key = 'metadata.lastImport') or exists(select 1 from metadata_heads) as seeded`),
  );
  return rows[0]?.seeded === true;
}
