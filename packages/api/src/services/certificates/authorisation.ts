import { TRPCError } from '@trpc/server';
import type { OrganizationDocument } from '@xlgl/schema';
import { readDocument, type Db } from '@xlgl/db';
import type { CurrentUser } from '../../auth/current-user.js';

/**
 * Whether a user acts for a department: a member of it, or of a window that accepts its items. The
 * department's seal is used (and its certificates revoked) only by such users.
 */
export async function actsForDepartment(db: Db, user: CurrentUser, departmentId: string): Promise<boolean> {
  if (user.organizationId === departmentId) return true;
  const organization = (await readDocument(db, 'organization', user.organizationId))?.body as unknown as OrganizationDocument | undefined;
  return organization?.type === 'window' && organization.departmentIds.includes(departmentId);
}

export async function assertActsForDepartment(db: Db, user: CurrentUser, departmentId: string, what: string): Promise<void> {
  if (await actsForDepartment(db, user, departmentId)) return;
  const name = ((await readDocument(db, 'organization', departmentId))?.body as { name?: string } | undefined)?.name ?? departmentId;
  throw new TRPCError({ code: 'FORBIDDEN', message: `没有权限：只有“${name}”的人员或受理其事项的窗口人员可以${what}` });
}
