import { describe, expect, it } from 'vitest';
import { capabilities, type Capability } from '@xlgl/schema';
import { areaOfPath, areas, homePathFor, menuFor, selectedMenuKeys } from './areas.js';

const windowStaff: Capability[] = ['desk.access', 'desk.accept', 'report.view'];
const admin: Capability[] = ['admin.access', 'admin.org.edit', 'admin.user.edit', 'admin.role.edit', 'report.view'];

describe('menuFor', () => {
  it('shows a window clerk only the desk', () => {
    const menu = menuFor(windowStaff);
    expect(menu.map((entry) => entry.label)).toEqual(['窗口工作台']);
    expect(menu[0]!.children?.map((entry) => `${entry.path} ${entry.label}`)).toEqual(['/desk 概览', '/desk/accept 受理登记', '/desk/inbox 我的办件', '/desk/fees 收费统计', '/desk/certificates 证照库']);
  });

  it('gives the administrator the administration area with its five pages', () => {
    const menu = menuFor(admin);
    expect(menu.map((entry) => entry.label)).toEqual(['系统管理']);
    expect(menu[0].children?.map((entry) => `${entry.path} ${entry.label}`)).toEqual([
      '/admin/regions 行政区划',
      '/admin/organizations 组织机构',
      '/admin/users 用户',
      '/admin/roles 角色',
      '/admin/posts 岗位',
    ]);
  });

  it('keeps the fixed area order whatever order the capabilities come in', () => {
    expect(menuFor(['admin.access', 'supervision.access', 'studio.access', 'desk.access']).map((entry) => entry.key)).toEqual([
      'studio',
      'desk',
      'supervision',
      'admin',
    ]);
  });

  it('does not open an area for a finer capability alone (editing without access)', () => {
    expect(menuFor(['studio.item.edit', 'admin.user.edit', 'supervision.urge'])).toEqual([]);
  });

  it('lists an area’s landing page first once it has pages, and hides pages the user may not open', () => {
    const registry = {
      ...areas,
      studio: {
        ...areas.studio,
        pages: [
          { path: 'items', label: '事项', capability: 'studio.item.edit' as const },
          { path: 'review', label: '事项审核', capability: 'studio.item.review' as const },
        ],
      },
    };
    expect(menuFor(['studio.access', 'studio.item.edit'], registry)[0].children?.map((entry) => `${entry.path} ${entry.label}`)).toEqual([
      '/studio 概览',
      '/studio/items 事项',
    ]);
  });

  it('gates every area by a capability that exists in the schema', () => {
    for (const area of Object.values(areas)) expect(capabilities).toContain(area.capability);
  });
});

describe('homePathFor / areaOfPath', () => {
  it('sends a user to their first area, or nowhere without any', () => {
    expect(homePathFor(['supervision.access', 'desk.access'])).toBe('/desk');
    expect(homePathFor([])).toBeUndefined();
  });

  it('matches an area by path prefix, not by substring', () => {
    expect(areaOfPath('/admin/users')?.key).toBe('admin');
    expect(areaOfPath('/desk')?.key).toBe('desk');
    expect(areaOfPath('/desktop')).toBeUndefined();
  });
});

describe('selectedMenuKeys', () => {
  const menu = menuFor(['studio.access', 'admin.access'], {
    ...areas,
    studio: { ...areas.studio, pages: [{ path: 'items', label: '事项' }] },
  });

  it('highlights the page, not the landing entry that shares the area path', () => {
    expect(selectedMenuKeys(menu, '/studio/items')).toEqual(['studio', 'studio/items']);
    expect(selectedMenuKeys(menu, '/studio/items/itm_1/edit')).toEqual(['studio', 'studio/items']);
    expect(selectedMenuKeys(menu, '/studio')).toEqual(['studio', 'studio/']);
  });

  it('highlights an area without matching page, and nothing outside the menu', () => {
    expect(selectedMenuKeys(menu, '/admin')).toEqual(['admin']);
    expect(selectedMenuKeys(menu, '/admin/users')).toEqual(['admin', 'admin/users']);
    expect(selectedMenuKeys(menu, '/desk')).toEqual([]);
  });
});
