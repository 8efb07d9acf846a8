import { and, eq, sql } from 'drizzle-orm';
import { metadataDocuments, metadataHeads, readDocument, type Db, type StoredDocument } from '@xlgl/db';

/**
 * Region documents are referenced by their code (`regionCode`, `parentCode`); their id is normally the
 * code too, but a lookup by code does not rely on it.
 */
export async function findRegionByCode(db: Db, code: string): Promise<StoredDocument | null> {
  const byId = await readDocument(db, 'region', code);
  if (byId && byId.body.code === code) return byId;
  const [row] = await db
    .select({ id: metadataHeads.id })
    .from(metadataHeads)
    .innerJoin(
      metadataDocuments,
      and(eq(metadataDocuments.kind, metadataHeads.kind), eq(metadataDocuments.id, metadataHeads.id), eq(metadataDocuments.version, metadataHeads.version)),
    )
    .where(and(eq(metadataHeads.kind, 'region'), sql`${metadataDocuments.body}->>'code' = ${code}`))
    .limit(1);
  return row ? readDocument(db, 'region', row.id) : null;
}

/** Whether the document a reference names exists (regions by code or id). */
export async function referenceTargetExists(db: Db, kind: string, id: string): Promise<boolean> {
  if (kind === 'region') return (await findRegionByCode(db, id)) !== null || (await readDocument(db, 'region', id)) !== null;
  return (await readDocument(db, kind, id)) !== null;
}
