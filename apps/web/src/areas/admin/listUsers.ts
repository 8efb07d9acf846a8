import type { UserDocument } from '@xlgl/schema';
import { lookupPageSize } from './adminData.js';

export type UserRow = { document: UserDocument; updatedAt: string; updatedBy: string | null };

export type UserQuery = { page: number; pageSize: number; search?: string; organizationId?: string; roleId?: string };

/** The list endpoint as this module needs it (the tRPC client's `admin.documents.list.query`). */
export type ListUsers = (input: { kind: 'user'; page: number; pageSize: number; search?: string; organizationId?: string }) => Promise<{
  rows: { document: unknown; updatedAt: string; updatedBy: string | null }[];
  total: number;
}>;

/**
 * One page of users. Search and organisation are filtered by the server; the list endpoint has no
 * role filter, so with a role the matching users are collected from all pages and paginated here.
 */
export async function listUsers(list: ListUsers, query: UserQuery): Promise<{ rows: UserRow[]; total: number }> {
  const { page, pageSize, search, organizationId, roleId } = query;
  if (!roleId) {
    const result = await list({ kind: 'user', page, pageSize, search, organizationId });
    return { rows: result.rows as UserRow[], total: result.total };
  }
  const all: UserRow[] = [];
  for (let next = 1; ; next += 1) {
    const result = await list({ kind: 'user', page: next, pageSize: lookupPageSize, search, organizationId });
    all.push(...(result.rows as UserRow[]));
    if (result.rows.length === 0 || all.length >= result.total) break;
  }
  const matching = all.filter((row) => row.document.roleIds.includes(roleId));
  return { rows: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length };
}
