import { count, inArray, sql } from 'drizzle-orm';
import { metadataHeads, rowsOf, studioDrafts, type Db } from '@xlgl/db';
import type { CurrentUser } from '../../auth/current-user.js';
import { ensureImportedItems } from '../items/imported.js';
import { reviewInbox } from '../items/queries.js';

/** Document kinds the studio's landing page counts: published heads and working drafts. */
const countedKinds = ['flow', 'form', 'certificate-template', 'document-template', 'report'] as const;
type CountedKind = (typeof countedKinds)[number];

export type StudioSummary = {
  /** Items by the state of their latest revision (as 事项管理 lists them). */
  items: { total: number; published: number; inProgress: number; inReview: number; abolished: number };
  /** Items awaiting this reviewer's decision (事项审核); null without the review capability. */
  reviewQueue: number | null;
  documents: Record<CountedKind, { published: number; drafts: number }>;
};

const inProgressStatuses = new Set(['draft', 'returned']);
const inReviewStatuses = new Set(['submitted', 'approved', 'coded']);

/** 配置中心 landing page: what the studio holds now, in three statements (and the reviewer's queue). */
export async function studioSummary(db: Db, user: CurrentUser): Promise<StudioSummary> {
  await ensureImportedItems(db);
  const [itemRows, headRows, draftRows] = await Promise.all([
    db.execute(sql`select status, count(*)::int as n from (select distinct on (item_id) status from item_revisions order by item_id, revision desc) latest group by status`),
    db.select({ kind: metadataHeads.kind, n: count() }).from(metadataHeads).where(inArray(metadataHeads.kind, [...countedKinds])).groupBy(metadataHeads.kind),
    db.select({ kind: studioDrafts.kind, n: count() }).from(studioDrafts).where(inArray(studioDrafts.kind, [...countedKinds])).groupBy(studioDrafts.kind),
  ]);
  const items = { total: 0, published: 0, inProgress: 0, inReview: 0, abolished: 0 };
  for (const row of rowsOf<{ status: string; n: number }>(itemRows)) {
    const n = Number(row.n);
    items.total += n;
    if (row.status === 'published') items.published += n;
    else if (row.status === 'abolished') items.abolished += n;
    else if (inProgressStatuses.has(row.status)) items.inProgress += n;
    else if (inReviewStatuses.has(row.status)) items.inReview += n;
  }
  const documents = Object.fromEntries(countedKinds.map((kind) => [kind, { published: 0, drafts: 0 }])) as StudioSummary['documents'];
  for (const row of headRows) documents[row.kind as CountedKind].published = Number(row.n);
  for (const row of draftRows) documents[row.kind as CountedKind].drafts = Number(row.n);
  const reviewQueue = user.capabilities.includes('studio.item.review') ? (await reviewInbox(db, user)).length : null;
  return { items, reviewQueue, documents };
}
