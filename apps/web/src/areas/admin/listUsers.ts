import type { UserDocument } from '@xlgl/schema';
import { lookupPageSize } from './adminData.js';

export type UserRow = { document: UserDocument; updatedAt: string; updatedBy: string | null };

export type UserQuery = {
  page: number;
  pageSize: number;
  search?: string;
  /** The chosen organisation and every organisation below it; users in any of them match. */
  organizationIds?: string[];
  roleId?: string;
};

/** The list endpoint as this module needs it (the tRPC client's `admin.documents.list.query`). */
export type ListUsers = (input: { kind: 'user'; page: number; pageSize: number; search?: string; organizationId?: string }) => Promise<{
  rows: { document: unknown; updatedAt: string; updatedBy: string | null }[];
  total: number;
}>;

/**
 * One page of users. The server filters by search text and by one organisation; choosing a centre
 * or department with sub-organisations, or a role (the endpoint has neither filter), collects the
 * matching users from all pages and paginates them here.
 */
export async function listUsers(list: ListUsers, query: UserQuery): Promise<{ rows: UserRow[]; total: number }> {
  const { page, pageSize, search, organizationIds, roleId } = query;
  const singleOrganization = organizationIds?.length === 1 ? organizationIds[0] : undefined;
  if (!roleId && (!organizationIds || singleOrganization)) {
    const result = await list({ kind: 'user', page, pageSize, search, organizationId: singleOrganization });
    return { rows: result.rows as UserRow[], total: result.total };
  }
  const all: UserRow[] = [];
  for (let next = 1; ; next += 1) {
    const result = await list({ kind: 'user', page: next, pageSize: lookupPageSize, search, organizationId: singleOrganization });
    all.push(...(result.rows as UserRow[]));
    if (result.rows.length === 0 || all.length >= result.total) break;
  }
  const organizations = organizationIds && new Set(organizationIds);
  const matching = all.filter(
    (row) => (!roleId || row.document.roleIds.includes(roleId)) && (!organizations || organizations.has(row.document.organizationId)),
  );
  return { rows: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length };
}
