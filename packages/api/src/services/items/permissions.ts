import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import type { OrganizationDocument } from '@xlgl/schema';
import { itemEditGrants, readDocument, type Db } from '@xlgl/db';
import type { CurrentUser } from '../../auth/current-user.js';

/**
 * Who may do what with an item (R1.8, P3). The rules, in order:
 *
 * 1. Editing (draft, change request, abolition request) needs `studio.item.edit` and the item in the
 *    user's scope: the user's organisation is the item's department, or the user sits at a 政务服务中心
 *    itself (organisation type `centre`) and the department belongs to that centre.
 * 2. A user below league level never changes a league-level item (level `league`, or a league region
 *    code) — not even of their own department — unless the league granted it (`item_edit_grants`).
 * 3. A grant to the user's organisation or centre lets them edit that one item regardless of 1 and 2.
 * 4. Reviewing needs `studio.item.review` and the item inside the reviewer's region (league reviewers
 *    review the whole league, a banner's reviewer only that banner); nobody approves their own submission.
 * 5. Grants are given by league-level reviewers.
 */
export type ItemScope = { departmentId: string; level?: string; regionCode?: string };

/** The region-code prefix a code covers: 152500 → 1525 (the league), 152502 → 152502 (a banner). */
export function regionPrefix(code: string): string {
  // Township (9) and village (12) codes cover their own children by plain prefix.
  if (code.length > 6) return code;
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

export function isLeagueLevelItem(item: ItemScope): boolean {
  return item.level === 'league' || (!!item.regionCode && /^\d{4}00$/.test(item.regionCode));
}

async function departmentCentre(db: Db, departmentId: string): Promise<string | null> {
  let id: string | undefined = departmentId;
  for (let depth = 0; id && depth < 20; depth += 1) {
    const row = await readDocument(db, 'organization', id);
    if (!row) return null;
    const organization = row.body as unknown as OrganizationDocument;
    if (organization.type === 'centre') return organization.id;
    id = organization.parentId;
  }
  return null;
}

export async function hasEditGrant(db: Db, user: CurrentUser, itemId: string): Promise<boolean> {
  const organizations = [user.organizationId, ...(user.centreId ? [user.centreId] : [])];
  const rows = await db
    .select({ itemId: itemEditGrants.itemId })
    .from(itemEditGrants)
    .where(and(eq(itemEditGrants.itemId, itemId), inArray(itemEditGrants.organizationId, organizations)));
  return rows.length > 0;
}

/** Why the user may not edit the item, or null when they may. */
export async function editDenial(db: Db, user: CurrentUser, item: ItemScope & { id?: string }): Promise<string | null> {
  if (!user.capabilities.includes('studio.item.edit')) return '没有权限：此操作需要“编制事项”权限';
  if (item.id && (await hasEditGrant(db, user, item.id))) return null;
  const ownDepartment = user.organizationId === item.departmentId;
  const atCentre = user.centreId !== null && user.centreId === user.organizationId;
  const inScope = ownDepartment || (atCentre && (await departmentCentre(db, item.departmentId)) === user.centreId);
  if (!inScope) return '没有权限：只能编制本部门的事项';
  if (user.regionLevel !== 'league' && isLeagueLevelItem(item)) {
    return '没有权限：旗县（市）级用户不能修改盟级事项，须经盟级授权';
  }
  return null;
}

export async function assertCanEdit(db: Db, user: CurrentUser, item: ItemScope & { id?: string }): Promise<void> {
  const denial = await editDenial(db, user, item);
  if (denial) throw new TRPCError({ code: 'FORBIDDEN', message: denial });
}

/** Why the user may not review the revision, or null when they may. */
export function reviewDenial(user: CurrentUser, item: ItemScope, submittedBy: string | null): string | null {
  if (!user.capabilities.includes('studio.item.review')) return '没有权限：此操作需要“审核事项”权限';
  const itemRegion = item.regionCode ?? '';
  if (!user.regionCode || !itemRegion.startsWith(regionPrefix(user.regionCode))) return '没有权限：该事项不在您所在审改部门的审核范围内';
  if (submittedBy && submittedBy === user.id) return '不能审核自己提交的事项';
  return null;
}

export function assertCanReview(user: CurrentUser, item: ItemScope, submittedBy: string | null): void {
  const denial = reviewDenial(user, item, submittedBy);
  if (denial) throw new TRPCError({ code: 'FORBIDDEN', message: denial });
}

export function assertCanGrant(user: CurrentUser): void {
  if (!user.capabilities.includes('studio.item.review') || user.regionLevel !== 'league') {
    throw new TRPCError({ code: 'FORBIDDEN', message: '没有权限：只有盟级审改部门可以授权下级修改盟级事项' });
  }
}
