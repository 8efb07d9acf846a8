import { describe, expect, it } from 'vitest';
import { listUsers, type ListUsers } from './listUsers.js';

/** A list endpoint over an in-memory user table, filtering and paginating like the server. */
function fakeList(count: number, calls: unknown[] = []): ListUsers {
  const users = Array.from({ length: count }, (_, index) => ({
    document: {
      kind: 'user',
      id: `usr_${index}`,
      account: `user${index}`,
      name: `用户${index}`,
      organizationId: ['org-centre', 'org-dept', 'org-window'][index % 3],
      roleIds: [index % 2 === 0 ? 'role-window' : 'role-approver'],
    },
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: null,
  }));
  return async (input) => {
    calls.push(input);
    const matching = users.filter((user) => !input.organizationId || user.document.organizationId === input.organizationId);
    const start = (input.page - 1) * input.pageSize;
    return { rows: matching.slice(start, start + input.pageSize), total: matching.length };
  };
}

describe('listUsers', () => {
  it('lets the server filter by search and a single organisation and paginate', async () => {
    const calls: unknown[] = [];
    const result = await listUsers(fakeList(45, calls), { page: 2, pageSize: 10, search: '王', organizationIds: ['org-dept'] });
    expect(calls).toEqual([{ kind: 'user', page: 2, pageSize: 10, search: '王', organizationId: 'org-dept' }]);
    expect(result.total).toBe(15);
    expect(result.rows.map((row) => row.document.id)).toEqual(['usr_31', 'usr_34', 'usr_37', 'usr_40', 'usr_43']);
  });

  it('filters by role across every server page and paginates the matches', async () => {
    const calls: unknown[] = [];
    const result = await listUsers(fakeList(1200, calls), { page: 2, pageSize: 10, roleId: 'role-window' });
    expect(calls).toHaveLength(3);
    expect(result.total).toBe(600);
    expect(result.rows[0].document.id).toBe('usr_20');
    expect(result.rows.every((row) => row.document.roleIds.includes('role-window'))).toBe(true);
  });

  it('includes users of sub-organisations when a parent organisation is chosen', async () => {
    const result = await listUsers(fakeList(30), { page: 1, pageSize: 50, organizationIds: ['org-centre', 'org-window'] });
    expect(result.total).toBe(20);
    expect(new Set(result.rows.map((row) => row.document.organizationId))).toEqual(new Set(['org-centre', 'org-window']));
  });
});
