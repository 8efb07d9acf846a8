import { capabilities as allCapabilities, type Capability, type OrganizationDocument, type RegionDocument, type RegionLevel, type RoleDocument, type UserDocument } from '@xlgl/schema';
import { databaseKey, metadataGeneration, readDocument, readDocuments, type Db } from '@xlgl/db';
import { findRegionByCode } from '../services/lookups.js';

/** The signed-in user as the web app sees it (`auth.me`). */
export type CurrentUser = {
  id: string;
  account: string;
  name: string;
  organizationId: string;
  organizationName: string;
  /** The 政务服务中心 the user's organisation belongs to (the organisation itself when it is a centre). */
  centreId: string | null;
  centreName: string | null;
  regionCode: string;
  regionName: string;
  regionLevel: RegionLevel | null;
  roleIds: string[];
  roleNames: string[];
  capabilities: Capability[];
};

/** How long a built current user is reused at most (bounds what another server's document change leaves stale). */
const currentUserTtlMs = 5_000;
const currentUsers = new WeakMap<object, Map<string, { user: CurrentUser | null; generation: number; at: number }>>();

/**
 * The current user of a request, built from about six document reads and then reused: until any
 * document is written or removed through this process (`metadataGeneration`), and for at most five
 * seconds (changes made by another server process).
 */
export async function loadCurrentUser(db: Db, userId: string): Promise<CurrentUser | null> {
  const key = databaseKey(db);
  let cache = currentUsers.get(key);
  if (!cache) currentUsers.set(key, (cache = new Map()));
  const generation = metadataGeneration(db);
  const hit = cache.get(userId);
  if (hit && hit.generation === generation && Date.now() - hit.at < currentUserTtlMs) return hit.user;
  const user = await buildCurrentUser(db, userId);
  if (cache.size > 10_000) cache.clear();
  cache.set(userId, { user, generation, at: Date.now() });
  return user;
}

/** Builds the current user from the user document, its organisation, centre, region and roles; null when missing or inactive. */
export async function buildCurrentUser(db: Db, userId: string): Promise<CurrentUser | null> {
  const userRow = await readDocument(db, 'user', userId);
  if (!userRow) return null;
  const user = userRow.body as unknown as UserDocument;
  if (user.active === false) return null;
  const organizationRow = await readDocument(db, 'organization', user.organizationId);
  const organization = organizationRow?.body as unknown as OrganizationDocument | undefined;

  let centre: OrganizationDocument | undefined;
  let cursor = organization;
  for (let depth = 0; cursor && depth < 20; depth += 1) {
    if (cursor.type === 'centre') {
      centre = cursor;
      break;
    }
    if (!cursor.parentId) break;
    cursor = (await readDocument(db, 'organization', cursor.parentId))?.body as unknown as OrganizationDocument | undefined;
  }

  const region = organization ? ((await findRegionByCode(db, organization.regionCode))?.body as unknown as RegionDocument | undefined) : undefined;
  const roles = (await readDocuments(db, 'role', user.roleIds)).map((row) => row.body as unknown as RoleDocument);
  const roleOrder = new Map(user.roleIds.map((id, index) => [id, index]));
  roles.sort((a, b) => (roleOrder.get(a.id) ?? 0) - (roleOrder.get(b.id) ?? 0));
  const granted = new Set(roles.flatMap((role) => role.capabilities));

  return {
    id: user.id,
    account: user.account,
    name: user.name,
    organizationId: user.organizationId,
    organizationName: organization?.name ?? '',
    centreId: centre?.id ?? null,
    centreName: centre?.name ?? null,
    regionCode: organization?.regionCode ?? '',
    regionName: region?.name ?? '',
    regionLevel: region?.level ?? null,
    roleIds: roles.map((role) => role.id),
    roleNames: roles.map((role) => role.name),
    capabilities: allCapabilities.filter((capability) => granted.has(capability)),
  };
}
