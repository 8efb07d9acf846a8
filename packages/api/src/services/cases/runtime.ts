import { and, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { calendarOverrides, databaseKey, metadataDocuments, metadataGeneration, readAllDocuments, readDocument, readSetting, type Db } from '@xlgl/db';
import { actorFromDocuments, createWorkingCalendar, type Actor, type WorkingCalendar } from '@xlgl/engine';
import type { DictionaryEntry, FlowDocument, FormDocument, ItemDocument, OrganizationDocument, UserDocument } from '@xlgl/schema';

/**
 * Loading what a transition needs, cheaply: published document versions never change, so a version
 * read once is kept for the life of the process (keyed by database handle, kind, id and version).
 */
const versionCache = new WeakMap<Db, Map<string, Record<string, unknown>>>();

/** One exact version of a document (a running case keeps the versions it started with). */
// eslint-disable-next-line max-params -- (db, kind, id, version) mirrors the document key; used across features
export async function readDocumentVersion<T>(db: Db, kind: string, id: string, version: number): Promise<T> {
  let cache = versionCache.get(db);
  if (!cache) versionCache.set(db, (cache = new Map()));
  const key = `${kind}/${id}@${version}`;
  const hit = cache.get(key);
  if (hit) return hit as T;
  const [row] = await db
    .select({ body: metadataDocuments.body })
    .from(metadataDocuments)
    .where(and(eq(metadataDocuments.kind, kind), eq(metadataDocuments.id, id), eq(metadataDocuments.version, version)));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `配置文档${kind}“${id}”第${version}版不存在` });
  cache.set(key, row.body);
  return row.body as T;
}

/** The version of a document in force (`metadata_heads`). */
export async function readCurrent<T>(db: Db, { kind, id, what }: { kind: string; id: string; what: string }): Promise<{ body: T; version: number }> {
  const row = await readDocument(db, kind, id);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `${what}“${id}”不存在或未发布` });
  return { body: row.body as T, version: row.version };
}

export type { FlowDocument, FormDocument, ItemDocument };

type Cached<T> = { value: T; at: number };
const calendarCache = new WeakMap<Db, Cached<WorkingCalendar>>();
const CALENDAR_TTL_MS = 60_000;

/** Setting key: years whose holidays administrators entered themselves (beyond the shipped data). */
export const publishedCalendarYearsSetting = 'calendar.publishedYears';

/** The working-day calendar: shipped official data plus administrators' overrides (cached for a minute). */
export async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  const hit = calendarCache.get(db);
  if (hit && Date.now() - hit.at < CALENDAR_TTL_MS) return hit.value;
  const overrides = await db.select({ date: calendarOverrides.date, kind: calendarOverrides.kind }).from(calendarOverrides);
  const publishedYears = (await readSetting<number[]>(db, publishedCalendarYearsSetting)) ?? [];
  const value = createWorkingCalendar({ overrides, publishedYears });
  calendarCache.set(db, { value, at: Date.now() });
  return value;
}

/** Forget the cached calendar (after administrators change overrides). */
export function invalidateWorkingCalendar(db: Db): void {
  calendarCache.delete(db);
}

/** A person as the case runtime needs them: the engine actor plus names for the process record. */
export type DeskActor = Actor & {
  name: string;
  organizationId: string;
  organizationName: string;
  /** The department (进驻部门) or window the user belongs to: the unit P3 mode one counts handlers in. */
  unitId: string;
  unitName: string;
  centreId: string;
  centreName: string;
  centre: OrganizationDocument['centre'];
};

const actorCache = new WeakMap<object, Map<string, Cached<DeskActor> & { generation: number }>>();
const ACTOR_TTL_MS = 10_000;

/**
 * Builds the actor of a user (organisation lineage, posts, centre settings); reused until a document
 * is written through this process (`metadataGeneration`) and for at most ten seconds.
 */
export async function loadActor(db: Db, userId: string): Promise<DeskActor> {
  let cache = actorCache.get(databaseKey(db));
  if (!cache) actorCache.set(databaseKey(db), (cache = new Map()));
  const generation = metadataGeneration(db);
  const hit = cache.get(userId);
  if (hit && hit.generation === generation && Date.now() - hit.at < ACTOR_TTL_MS) return hit.value;
  const userRow = await readDocument(db, 'user', userId);
  if (!userRow) throw new TRPCError({ code: 'UNAUTHORIZED', message: '用户不存在，请重新登录' });
  const user = userRow.body as unknown as UserDocument;
  const organizations: OrganizationDocument[] = [];
  let cursor: string | undefined = user.organizationId;
  for (let depth = 0; cursor && depth < 20; depth += 1) {
    const org = (await readDocument(db, 'organization', cursor))?.body as unknown as OrganizationDocument | undefined;
    if (!org) break;
    organizations.push(org);
    cursor = org.parentId;
  }
  const actor = actorFromDocuments(user, organizations);
  const centre = organizations.find((org) => org.type === 'centre');
  const unit = organizations.find((org) => org.type !== 'centre') ?? organizations[0];
  const value: DeskActor = {
    ...actor,
    postIds: actor.postIds ?? [],
    name: user.name,
    organizationId: user.organizationId,
    organizationName: organizations[0]?.name ?? '',
    unitId: unit?.id ?? user.organizationId,
    unitName: unit?.name ?? '',
    centreId: centre?.id ?? '',
    centreName: centre?.name ?? '',
    centre: centre?.centre,
  };
  cache.set(userId, { value, at: Date.now(), generation });
  return value;
}

/** The centre document of a region (the organisation of type centre with that region code). */
export async function centreSettingsOf(db: Db, centreId: string): Promise<NonNullable<OrganizationDocument['centre']>> {
  const row = await readDocument(db, 'organization', centreId);
  const centre = (row?.body as unknown as OrganizationDocument | undefined)?.centre;
  return centre ?? { permissionMode: 'own-case', entryMode: 'front-desk', yellowRatio: 0.9, yellowDaysBefore: 1 };
}

const dictionaryCache = new WeakMap<Db, Cached<Record<string, DictionaryEntry[]>>>();

/** Every dictionary's entries by id (cached for a minute): select values are checked against them. */
export async function dictionaries(db: Db): Promise<Record<string, DictionaryEntry[]>> {
  const hit = dictionaryCache.get(db);
  if (hit && Date.now() - hit.at < CALENDAR_TTL_MS) return hit.value;
  const value: Record<string, DictionaryEntry[]> = {};
  for (const row of await readAllDocuments(db, ['dictionary'])) value[row.id] = (row.body as { entries: DictionaryEntry[] }).entries;
  dictionaryCache.set(db, { value, at: Date.now() });
  return value;
}
