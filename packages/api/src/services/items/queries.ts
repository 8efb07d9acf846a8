import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { itemCategories, type ItemDocument, type OrganizationDocument } from '@xlgl/schema';
import { itemEvents, itemRevisions, metadataDocuments, readDocuments, rowsOf, type Db, containsPattern } from '@xlgl/db';
import type { CurrentUser } from '../../auth/current-user.js';
import { describeItemDiff } from './itemDiff.js';
import { openStatuses, readPublishedItem, type RevisionRow } from './lifecycle.js';
import { editDenial, regionPrefix, reviewDenial } from './permissions.js';
import { ensureReviewsStarted, reviewsAwaiting } from './review.js';

async function organizationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await readDocuments(db, 'organization', [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, (row.body as unknown as OrganizationDocument).name]));
}

export type ItemListFilter = {
  search?: string;
  departmentId?: string;
  category?: string;
  status?: string;
  level?: string;
  /** Only items the user may edit (their department / centre). */
  mine?: boolean;
  page: number;
  pageSize: number;
};

export type ItemListRow = {
  id: string;
  name: string;
  category: string;
  caseType: string;
  level: string;
  departmentId: string;
  departmentName: string;
  status: string;
  changeType: string;
  revision: number;
  publishedVersion: number | null;
  basicCode: string | null;
  updatedAt: string;
  updatedBy: string;
};

/**
 * The studio's item list: one row per item, its latest revision (the open draft or change when there
 * is one, else the version in force), filtered and paged in SQL.
 */
export async function listItems(db: Db, user: CurrentUser, filter: ItemListFilter): Promise<{ rows: ItemListRow[]; total: number }> {
  const conditions: SQL[] = [sql`true`];
  if (filter.search) {
    const like = containsPattern(filter.search);
    conditions.push(
      sql`(r.name ilike ${like} or r.item_id ilike ${like} or r.body->'codes'->>'basic' ilike ${like} or r.body->'codes'->>'implementation' ilike ${like})`,
    );
  }
  if (filter.departmentId) conditions.push(sql`r.department_id = ${filter.departmentId}`);
  if (filter.category) conditions.push(sql`r.body->>'category' = ${filter.category}`);
  if (filter.status) conditions.push(sql`r.status = ${filter.status}`);
  if (filter.level) conditions.push(sql`r.body->>'level' = ${filter.level}`);
  if (filter.mine) {
    if (user.centreId && user.centreId === user.organizationId) {
      conditions.push(
        sql`r.department_id in (select h.id from metadata_heads h join metadata_documents d on d.kind = h.kind and d.id = h.id and d.version = h.version where h.kind = 'organization' and d.body->>'parentId' = ${user.centreId})`,
      );
    } else {
      conditions.push(
        sql`(r.department_id = ${user.organizationId} or r.item_id in (select item_id from item_edit_grants where organization_id = ${user.organizationId}))`,
      );
    }
  }
  const where = sql.join(conditions, sql` and `);
  const latest = sql`(select distinct on (item_id) * from item_revisions order by item_id, revision desc) r`;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select r.item_id, r.name, r.body->>'category' as category, r.body->>'caseType' as case_type, r.body->>'level' as level,
        r.department_id, r.status, r.change_type, r.revision, r.body->'codes'->>'basic' as basic_code, r.updated_at, r.updated_by,
        (select h.version from metadata_heads h where h.kind = 'item' and h.id = r.item_id) as published_version
      from ${latest}
      where ${where}
      order by r.updated_at desc, r.item_id
      limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`),
  );
  const [counted] = rowsOf<{ total: number }>(await db.execute(sql`select count(*)::int as total from ${latest} where ${where}`));
  const names = await organizationNames(
    db,
    rows.map((row) => String(row.department_id)),
  );
  return {
    total: Number(counted?.total ?? 0),
    rows: rows.map((row) => ({
      id: String(row.item_id),
      name: String(row.name),
      category: String(row.category),
      caseType: String(row.case_type),
      level: String(row.level ?? ''),
      departmentId: String(row.department_id),
      departmentName: names.get(String(row.department_id)) ?? String(row.department_id),
      status: String(row.status),
      changeType: String(row.change_type),
      revision: Number(row.revision),
      publishedVersion: row.published_version === null || row.published_version === undefined ? null : Number(row.published_version),
      basicCode: (row.basic_code as string | null) ?? null,
      updatedAt: new Date(row.updated_at as string).toISOString(),
      updatedBy: String(row.updated_by),
    })),
  };
}

/** Everything the editor and review screens need about one item. */
export async function getItem(db: Db, user: CurrentUser, itemId: string) {
  const revisions = await db.select().from(itemRevisions).where(eq(itemRevisions.itemId, itemId)).orderBy(desc(itemRevisions.revision));
  const published = await readPublishedItem(db, itemId);
  if (revisions.length === 0 && !published) throw new TRPCError({ code: 'NOT_FOUND', message: `事项“${itemId}”不存在` });
  const open = revisions.find((row) => openStatuses.includes(row.status as never)) ?? null;
  const events = await db.select().from(itemEvents).where(eq(itemEvents.itemId, itemId)).orderBy(asc(itemEvents.id));
  const current = (open?.body ?? published?.body ?? revisions[0]?.body) as unknown as ItemDocument;
  const editDenied = await editDenial(db, user, { ...current, id: itemId });
  const reviewDenied = open ? reviewDenial(user, current, open.submittedBy) : '没有待审核的申请';
  const names = await organizationNames(db, [current.departmentId]);
  const actorIds = [...new Set([...events.map((event) => event.actor), ...revisions.map((row) => row.createdBy)])];
  const actors = new Map((await readDocuments(db, 'user', actorIds)).map((row) => [row.id, String(row.body.name)]));
  return {
    id: itemId,
    departmentName: names.get(current.departmentId) ?? current.departmentId,
    published: published ? { version: published.version, status: published.status, document: published.body } : null,
    open: open ? revisionView(open) : null,
    revisions: revisions.map(revisionView),
    events: events.map((event) => ({ ...event, at: event.at.toISOString(), actorName: actors.get(event.actor) ?? event.actor })),
    permissions: {
      canEdit: editDenied === null,
      editDenied,
      canReview: open?.status === 'submitted' && reviewDenied === null,
      reviewDenied,
    },
  };
}

function revisionView(row: RevisionRow) {
  return {
    revision: row.revision,
    changeType: row.changeType,
    status: row.status,
    document: row.body as unknown as ItemDocument,
    baseVersion: row.baseVersion,
    publishedVersion: row.publishedVersion,
    abolishReason: row.abolishReason,
    abolishDate: row.abolishDate,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedBy: row.submittedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
  };
}

/** Every stored version of an item (published, superseded, abolished), newest first. */
export async function listItemVersions(db: Db, itemId: string) {
  const rows = await db
    .select({
      version: metadataDocuments.version,
      status: metadataDocuments.status,
      createdAt: metadataDocuments.createdAt,
      createdBy: metadataDocuments.createdBy,
    })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, 'item'), eq(metadataDocuments.id, itemId)))
    .orderBy(desc(metadataDocuments.version));
  const published = await readPublishedItem(db, itemId);
  return rows.map((row) => ({
    version: row.version,
    status: published?.version === row.version ? row.status : row.status === 'published' ? 'superseded' : row.status,
    inForce: published?.version === row.version && row.status === 'published',
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  }));
}

/** One stored version's document. */
export async function readItemVersion(db: Db, itemId: string, version: number): Promise<ItemDocument> {
  const [row] = await db
    .select({ body: metadataDocuments.body })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, 'item'), eq(metadataDocuments.id, itemId), eq(metadataDocuments.version, version)));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `事项“${itemId}”没有第${version}版` });
  return row.body as unknown as ItemDocument;
}

/** A version reference for diffs: a stored version number, or the open revision (`draft`). */
export type VersionRef = number | 'draft';

export async function readItemAt(db: Db, itemId: string, ref: VersionRef): Promise<ItemDocument | null> {
  if (ref === 'draft') {
    const [row] = await db
      .select({ body: itemRevisions.body })
      .from(itemRevisions)
      .where(and(eq(itemRevisions.itemId, itemId), inArray(itemRevisions.status, openStatuses)))
      .limit(1);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: '该事项没有未发布的修订' });
    return row.body as unknown as ItemDocument;
  }
  if (ref === 0) return null;
  return readItemVersion(db, itemId, ref);
}

/** Field-level diff between two versions (0 = nothing, for a new item). */
export async function diffItemVersions(db: Db, input: { itemId: string; from: VersionRef; to: VersionRef }) {
  const before = await readItemAt(db, input.itemId, input.from);
  const after = await readItemAt(db, input.itemId, input.to);
  return { before, after, entries: describeItemDiff(before ?? {}, after ?? {}) };
}

/** Submissions waiting for this reviewer (inside their region; not their own). */
export async function reviewInbox(db: Db, user: CurrentUser) {
  const prefix = `${regionPrefix(user.regionCode)}%`;
  const candidates = await db
    .select()
    .from(itemRevisions)
    .where(and(eq(itemRevisions.status, 'submitted'), sql`${itemRevisions.body}->>'regionCode' like ${prefix}`))
    .orderBy(asc(itemRevisions.submittedAt));
  await ensureReviewsStarted(db, candidates);
  // The engine decides whose turn it is: only reviews where it offers this reviewer an action.
  const awaiting = await reviewsAwaiting(db, user.id, candidates.filter((row) => row.submittedBy !== user.id).map((row) => row.itemId));
  const rows = candidates.filter((row) => awaiting.has(row.itemId));
  const names = await organizationNames(
    db,
    rows.map((row) => row.departmentId),
  );
  const submitters = new Map(
    (
      await readDocuments(
        db,
        'user',
        rows.map((row) => row.submittedBy ?? ''),
      )
    ).map((row) => [row.id, String(row.body.name)]),
  );
  return rows.map((row) => ({
    id: row.itemId,
    name: row.name,
    revision: row.revision,
    changeType: row.changeType,
    category: (row.body as unknown as ItemDocument).category,
    departmentName: names.get(row.departmentId) ?? row.departmentId,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedBy: row.submittedBy,
    submittedByName: submitters.get(row.submittedBy ?? '') ?? row.submittedBy,
    ownSubmission: row.submittedBy === user.id,
    step: awaiting.get(row.itemId)?.currentSteps.map((step) => step.label).join('、') ?? '',
  }));
}

export type CatalogueFilter = { search?: string; category?: string; departmentId?: string; level?: string; page: number; pageSize: number };

/** The standard catalogue (R1.4): items in force, searchable by name and code. */
export async function listCatalogue(db: Db, filter: CatalogueFilter) {
  const conditions: SQL[] = [sql`h.kind = 'item'`, sql`d.status = 'published'`];
  if (filter.search) {
    const like = containsPattern(filter.search);
    conditions.push(
      sql`(d.body->>'name' ilike ${like} or d.body->'codes'->>'basic' ilike ${like} or d.body->'codes'->>'implementation' ilike ${like})`,
    );
  }
  if (filter.category) conditions.push(sql`d.body->>'category' = ${filter.category}`);
  if (filter.departmentId) conditions.push(sql`d.body->>'departmentId' = ${filter.departmentId}`);
  if (filter.level) conditions.push(sql`d.body->>'level' = ${filter.level}`);
  const where = sql.join(conditions, sql` and `);
  const from = sql`metadata_heads h join metadata_documents d on d.kind = h.kind and d.id = h.id and d.version = h.version`;
  const rows = rowsOf<{ id: string; version: number; body: ItemDocument; updated_at: string }>(
    await db.execute(sql`select h.id, h.version, d.body, h.updated_at from ${from} where ${where}
      order by d.body->>'category', d.body->'codes'->>'basic', h.id limit ${filter.pageSize} offset ${(filter.page - 1) * filter.pageSize}`),
  );
  const [counted] = rowsOf<{ total: number }>(await db.execute(sql`select count(*)::int as total from ${from} where ${where}`));
  const names = await organizationNames(
    db,
    rows.map((row) => row.body.departmentId),
  );
  return {
    total: Number(counted?.total ?? 0),
    rows: rows.map((row) => ({
      id: row.id,
      version: Number(row.version),
      name: row.body.name,
      category: row.body.category,
      categoryName: itemCategories[row.body.category],
      caseType: row.body.caseType,
      level: row.body.level,
      departmentId: row.body.departmentId,
      departmentName: names.get(row.body.departmentId) ?? row.body.departmentId,
      codes: row.body.codes ?? null,
      statutory: row.body.timeLimit.statutory,
      promised: row.body.timeLimit.promised,
      publishedAt: new Date(row.updated_at).toISOString(),
    })),
  };
}
