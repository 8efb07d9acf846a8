import type { Capability } from '@xlgl/schema';

/** The four areas of the platform; each is a lazily loaded route module under `src/areas/<key>/`. */
export const areaKeys = ['studio', 'desk', 'supervision', 'admin'] as const;
export type AreaKey = (typeof areaKeys)[number];

/** A page inside an area, shown as a sub-menu entry. */
export type AreaPage = {
  /** Path relative to the area, e.g. `users` for `/admin/users`. */
  path: string;
  label: string;
  /** Extra capability needed to see the page, besides the area's own. */
  capability?: Capability;
};

/** What the shell knows about an area without loading its code: path, label, the gate, its pages. */
export type Area = {
  key: AreaKey;
  path: `/${string}`;
  label: string;
  capability: Capability;
  /** Sub-pages listed in the menu; an area without pages is a single menu entry. */
  pages: AreaPage[];
};

export const adminPages = [
  { path: 'regions', label: '行政区划' },
  { path: 'organizations', label: '组织机构' },
  { path: 'users', label: '用户' },
  { path: 'roles', label: '角色' },
  { path: 'posts', label: '岗位' },
] as const satisfies readonly AreaPage[];
export type AdminPagePath = (typeof adminPages)[number]['path'];

export const areas: Record<AreaKey, Area> = {
  studio: { key: 'studio', path: '/studio', label: '配置中心', capability: 'studio.access', pages: [] },
  desk: { key: 'desk', path: '/desk', label: '窗口工作台', capability: 'desk.access', pages: [] },
  supervision: { key: 'supervision', path: '/supervision', label: '监察与报表', capability: 'supervision.access', pages: [] },
  admin: { key: 'admin', path: '/admin', label: '系统管理', capability: 'admin.access', pages: [...adminPages] },
};

/** A menu entry as the layout renders it. */
export type MenuEntry = { key: string; path: string; label: string; children?: MenuEntry[] };

/** The areas a user with these capabilities may enter, in menu order. */
export function accessibleAreas(capabilities: readonly string[]): Area[] {
  const granted = new Set(capabilities);
  return areaKeys.map((key) => areas[key]).filter((area) => granted.has(area.capability));
}

/** The menu for a user: only areas and pages their capabilities allow. */
export function menuFor(capabilities: readonly string[]): MenuEntry[] {
  const granted = new Set(capabilities);
  return accessibleAreas(capabilities).map((area) => {
    const pages = area.pages.filter((page) => !page.capability || granted.has(page.capability));
    const entry: MenuEntry = { key: area.key, path: area.path, label: area.label };
    if (pages.length > 0) {
      entry.children = pages.map((page) => ({ key: `${area.key}/${page.path}`, path: `${area.path}/${page.path}`, label: page.label }));
    }
    return entry;
  });
}

/** Where to send a signed-in user who opens `/`: their first area, or nothing when they have none. */
export function homePathFor(capabilities: readonly string[]): string | undefined {
  return accessibleAreas(capabilities)[0]?.path;
}

/** The area a path belongs to, if any (used to pick the 403 text and the selected menu). */
export function areaOfPath(pathname: string): Area | undefined {
  return areaKeys.map((key) => areas[key]).find((area) => pathname === area.path || pathname.startsWith(`${area.path}/`));
}
