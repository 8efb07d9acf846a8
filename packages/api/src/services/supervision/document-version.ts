import { and, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { metadataDocuments, type Db } from '@xlgl/db';

const cache = new WeakMap<Db, Map<string, unknown>>();

/** One published version of a document (immutable, so cached per database handle). */
export async function documentVersion<T>(db: Db, ref: { kind: string; id: string; version: number }): Promise<T> {
  const { kind, id, version } = ref;
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  const key = `${kind}/${id}@${version}`;
  if (byKey.has(key)) return byKey.get(key) as T;
  const [row] = await db.select({ body: metadataDocuments.body }).from(metadataDocuments).where(and(eq(metadataDocuments.kind, kind), eq(metadataDocuments.id, id), eq(metadataDocuments.version, version)));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `配置文档${kind}“${id}”第${version}版不存在` });
  byKey.set(key, row.body);
  return row.body as T;
}
