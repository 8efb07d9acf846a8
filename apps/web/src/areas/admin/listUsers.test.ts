import { describe, expect, it } from 'vitest';
import { listUsers, type ListUsers } from './listUsers.js';

/** A list endpoint over an in-memory user table, paginating like the server. */
function fakeList(count: number, calls: unknown[] = []): ListUsers {
  const users = Array.from({ length: count }, (_, index) => ({
    document: { kind: 'user', id: `usr_${index}`, account: `user${index}`, name: `用户${index}`, roleIds: [index % 3 === 0 ? 'role-window' : 'role-approver'] },
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: null,
  }));
  return async (input) => {
    calls.push(input);
    const start = (input.page - 1) * input.pageSize;
    return { rows: users.slice(start, start + input.pageSize), total: users.length };
  };
}

describe('listUsers', () => {
  it('passes search and organisation through and lets the server paginate', async () => {
    const calls: unknown[] = [];
    const result = await listUsers(fakeList(45, calls), { page: 3, pageSize: 20, search: '王', organizationId: 'org-lg-centre' });
    expect(calls).toEqual([{ kind: 'user', page: 3, pageSize: 20, search: '王', organizationId: 'org-lg-centre' }]);
    expect(result.total).toBe(45);
    expect(result.rows.map((row) => row.document.id)).toEqual(['usr_40', 'usr_41', 'usr_42', 'usr_43', 'usr_44']);
  });

  it('filters by role across every server page and paginates the matches', async () => {
    const calls: unknown[] = [];
    const result = await listUsers(fakeList(1200, calls), { page: 2, pageSize: 10, roleId: 'role-window' });
    expect(calls).toHaveLength(3);
    expect(result.total).toBe(400);
    expect(result.rows[0].document.id).toBe('usr_30');
    expect(result.rows.every((row) => row.document.roleIds.includes('role-window'))).toBe(true);
  });
});
