import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../auth/current-user.js';
import { renderAnnouncement, unknownPlaceholders } from './announcements.js';
import { describeItemDiff, summariseItemDiff } from './itemDiff.js';
import { isLeagueLevelItem, regionPrefix, reviewDenial } from './permissions.js';

const reviewer: CurrentUser = {
  id: 'user-r',
  account: 'r',
  name: '审核员',
  organizationId: 'org-lg-sgb',
  organizationName: '盟审改办',
  centreId: 'org-lg-centre',
  centreName: '盟中心',
  regionCode: '152500',
  regionName: '锡林郭勒盟',
  regionLevel: 'league',
  roleIds: ['role-reviewer'],
  roleNames: ['审改审核员'],
  capabilities: ['studio.access', 'studio.item.review', 'studio.item.edit'],
};

describe('item rules', () => {
  it('derives the region a code covers', () => {
    expect(regionPrefix('152500')).toBe('1525');
    expect(regionPrefix('152502')).toBe('152502');
    expect(regionPrefix('152502100')).toBe('152502100');
    expect(isLeagueLevelItem({ departmentId: 'x', level: 'banner', regionCode: '152500' })).toBe(true);
    expect(isLeagueLevelItem({ departmentId: 'x', level: 'banner', regionCode: '152502' })).toBe(false);
  });

  it('refuses reviewing one’s own submission and items outside the region', () => {
    const item = { departmentId: 'org-lg-scjgj', regionCode: '152500' };
    expect(reviewDenial(reviewer, item, 'user-other')).toBeNull();
    expect(reviewDenial(reviewer, item, 'user-r')).toBe('不能审核自己提交的事项');
    expect(reviewDenial(reviewer, { departmentId: 'x', regionCode: '152502' }, 'user-other')).toBeNull();
    expect(reviewDenial({ ...reviewer, regionCode: '152502', regionLevel: 'banner' }, item, 'user-other')).toBe(
      '没有权限：该事项不在您所在审改部门的审核范围内',
    );
    expect(reviewDenial({ ...reviewer, capabilities: ['studio.access'] }, item, null)).toBe('没有权限：此操作需要“审核事项”权限');
  });

  it('renders announcement placeholders and reports unknown ones', () => {
    expect(renderAnnouncement('关于{{事项名称}}（{{基本编码}}）{{未知}}', { 事项名称: '取水许可', 基本编码: '010010001000' })).toBe(
      '关于取水许可（010010001000）{{未知}}',
    );
    expect(unknownPlaceholders('{{事项名称}}{{ 未知 }}')).toEqual(['未知']);
  });

  it('labels child-list rows by name and summarises a change', () => {
    const before = {
      name: 'A',
      materials: [
        { id: 'm1', name: '申请书', copies: 1 },
        { id: 'm2', name: '身份证明', copies: 1 },
      ],
      timeLimit: { statutory: 20, promised: 10 },
    };
    const after = {
      name: 'A',
      materials: [
        { id: 'm2', name: '身份证明', copies: 2 },
        { id: 'm3', name: '承诺书', copies: 1 },
      ],
      timeLimit: { statutory: 20, promised: 5 },
    };
    const entries = describeItemDiff(before, after);
    expect(entries.map((entry) => `${entry.kind} ${entry.label}`)).toEqual([
      'removed 申请材料 › 申请书',
      'changed 申请材料 › 身份证明 › 份数',
      'added 申请材料 › 承诺书',
      'changed 办结时限 › 承诺办结时限',
    ]);
    expect(summariseItemDiff(entries)).toBe('申请材料（新增1项、删除1项、修改1处）；办结时限');
    // A new item is compared with an empty one: rows one by one, no envelope fields.
    const created = describeItemDiff(null, { kind: 'item', id: 'x', version: 1, ...after });
    expect(created.map((entry) => entry.label)).toEqual([
      '事项名称',
      '申请材料 › 身份证明',
      '申请材料 › 承诺书',
      '办结时限 › 法定办结时限',
      '办结时限 › 承诺办结时限',
    ]);
  });
});
