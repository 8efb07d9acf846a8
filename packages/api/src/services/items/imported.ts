import { and, desc, eq, sql } from 'drizzle-orm';
import { documentReferences, parseDocument, type ItemDocument } from '@xlgl/schema';
import { appendAudit, itemEvents, itemRevisions, rowsOf, writeDocument, type Db } from '@xlgl/db';
import { lockMetadata } from '../documents.js';
import { allocateItemCodes, recordedCodes, registerExistingCodes } from './coding.js';

type Pending = { id: string; version: number; status: string; body: Record<string, unknown>; revisions: number };

/**
 * Brings items that entered the store outside the lifecycle (shipped metadata imported as published
 * documents, or a re-import that dropped codes) into the catalogue: codes them by the rule (or
 * re-applies the codes they already had), writes the coded version and records an `import` revision.
 * Idempotent and cheap when there is nothing to do; called before catalogue reads and at start-up.
 */
export async function ensureImportedItems(db: Db, options: { actor?: string; now?: Date } = {}): Promise<number> {
  const actor = options.actor ?? 'system';
  const pending = rowsOf<Pending>(
    await db.execute(sql`
      select h.id, h.version, d.status, d.body,
        (select count(*)::int from item_revisions r where r.item_id = h.id) as revisions
      from metadata_heads h
      join metadata_documents d on d.kind = h.kind and d.id = h.id and d.version = h.version
      where h.kind = 'item' and d.status = 'published'
        and (d.body->'codes' is null or not exists (select 1 from item_revisions r where r.item_id = h.id and r.published_version = h.version))
      order by h.id`),
  );
  let done = 0;
  for (const candidate of pending) {
    const parsed = parseDocument(candidate.body);
    if (!parsed.ok || parsed.document.kind !== 'item') continue;
    const now = options.now ?? new Date();
    const changed = await db.transaction(async (tx) => {
      // One importer at a time; re-check under the lock.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('xlgl.items.import'))`);
      const [head] = rowsOf<{ version: number; covered: boolean }>(
        await tx.execute(sql`
          select h.version, exists (select 1 from item_revisions r where r.item_id = h.id and r.published_version = h.version) as covered
          from metadata_heads h join metadata_documents d on d.kind = h.kind and d.id = h.id and d.version = h.version
          where h.kind = 'item' and h.id = ${candidate.id} and d.status = 'published'`),
      );
      if (!head || (head.covered && candidate.body.codes) || head.version !== candidate.version) return false;
      let item = parsed.document as ItemDocument;
      let version = candidate.version;
      const events: { action: string; from: string | null; to: string; detail: Record<string, unknown> }[] = [
        { action: 'import', from: null, to: 'approved', detail: { importedVersion: version } },
      ];
      if (item.codes) {
        await registerExistingCodes(tx, { itemId: item.id, codes: item.codes, actor, now });
      } else {
        const codes = (await recordedCodes(tx, item.id, item)) ?? (await allocateItemCodes(tx, item, { actor, now }));
        item = { ...item, codes };
        events.push({ action: 'code', from: 'approved', to: 'coded', detail: { codes } });
        await lockMetadata(tx);
        const written = await writeDocument(tx, {
          kind: 'item',
          id: item.id,
          body: item as unknown as Record<string, unknown>,
          references: documentReferences(item),
          actor,
          now,
        });
        version = written.version;
      }
      events.push({ action: 'publish', from: item.codes ? 'coded' : 'approved', to: 'published', detail: { version } });
      const [last] = await tx
        .select({ revision: itemRevisions.revision })
        .from(itemRevisions)
        .where(eq(itemRevisions.itemId, item.id))
        .orderBy(desc(itemRevisions.revision))
        .limit(1);
      const revision = (last?.revision ?? 0) + 1;
      await tx
        .update(itemRevisions)
        .set({ status: 'superseded', updatedAt: now, updatedBy: actor })
        .where(and(eq(itemRevisions.itemId, item.id), eq(itemRevisions.status, 'published')));
      await tx.insert(itemRevisions).values({
        itemId: item.id,
        revision,
        changeType: 'import',
        status: 'published',
        body: { ...(item as unknown as Record<string, unknown>), version },
        name: item.name,
        departmentId: item.departmentId,
        baseVersion: candidate.version,
        publishedVersion: version,
        createdAt: now,
        createdBy: actor,
        updatedAt: now,
        updatedBy: actor,
        decidedAt: now,
        decidedBy: actor,
        publishedAt: now,
      });
      for (const event of events)
        await tx.insert(itemEvents).values({
          itemId: item.id,
          revision,
          actor,
          at: now,
          fromStatus: event.from,
          toStatus: event.to,
          action: event.action,
          detail: event.detail,
        });
      await appendAudit(
        tx,
        { actor, action: 'item.import', target: `item/${item.id}`, detail: { revision, version, codes: item.codes?.basic } },
        now,
      );
      return true;
    });
    if (changed) done += 1;
  }
  return done;
}
