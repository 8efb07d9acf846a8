import { describe, expect, it } from 'vitest';
import { validateDocument, withoutEmpty } from './documentForm.js';

describe('withoutEmpty', () => {
  it('drops blank optional values, also inside nested settings, and keeps false and 0', () => {
    expect(withoutEmpty({ name: '窗口', mobile: '', shortName: '  ', sort: 0, active: false, centre: { phone: '', yellowRatio: 0.9 } })).toEqual({
      name: '窗口',
      sort: 0,
      active: false,
      centre: { yellowRatio: 0.9 },
    });
  });
});

describe('validateDocument', () => {
  it('reports problems with the schema’s own Chinese messages and paths', () => {
    const issues = validateDocument('user', {
      kind: 'user',
      id: 'usr_abc',
      schemaVersion: 1,
      account: 'A',
      name: '王芳',
      organizationId: 'org-lg-centre',
      roleIds: [],
    });
    expect(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'account: 账号须以小写字母开头，3–32位小写字母、数字、点、下划线或连字符',
      'roleIds: 用户至少要有一个角色',
    ]);
  });

  it('accepts a valid role', () => {
    expect(validateDocument('role', { kind: 'role', id: 'role_x1', schemaVersion: 1, name: '窗口人员', capabilities: ['desk.access'] })).toEqual([]);
  });
});
