import type { Capability } from '@xlgl/schema';
import { adminPages } from './admin/pages.js';
import { deskPages } from './desk/pages.js';
import { studioPages } from './studio/pages.js';
import { supervisionPages } from './supervision/pages.js';

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
  /** Sub-pages listed in the menu (from the area's light `pages.ts`); none: a single menu entry. */
  pages: readonly AreaPage[];
  /** Menu label of the area's landing page, listed first once the area has sub-pages. */
  landingLabel?: string;
};

/**
 * The areas. Menus come from each area's `pages.ts` (plain data, no React), so the shell knows
 * them without loading the area's chunk; `routes.tsx` must give every listed page an element.
 */
export const areas: Record<AreaKey, Area> = {
  studio: { key: 'studio', path: '/studio', label: '配置中心', capability: 'studio.access', pages: studioPages, landingLabel: '概览' },
  desk: { key: 'desk', path: '/desk', label: '窗口工作台', capability: 'desk.access', pages: deskPages, landingLabel: '概览' },
  supervision: { key: 'supervision', path: '/supervision', label: '监察与报表', capability: 'supervision.access', pages: supervisionPages, landingLabel: '概览' },
  admin: { key: 'admin', path: '/admin', label: '系统管理', capability: 'admin.access', pages: adminPages },
};

/** A menu entry as the layout renders it. */
export type MenuEntry = { key: string; path: string; label: string; children?: MenuEntry[] };

/** The areas a user with these capabilities may enter, in menu order. */
export function accessibleAreas(capabilities: readonly string[], registry: Record<AreaKey, Area> = areas): Area[] {
  const granted = new Set(capabilities);
  return areaKeys.map((key) => registry[key]).filter((area) => granted.has(area.capability));
}

/** The menu for a user: only areas and pages their capabilities allow. */
export function menuFor(capabilities: readonly string[], registry: Record<AreaKey, Area> = areas): MenuEntry[] {
  const granted = new Set(capabilities);
  return accessibleAreas(capabilities, registry).map((area) => {
    const pages = area.pages.filter((page) => !page.capability || granted.has(page.capability));
    const entry: MenuEntry = { key: area.key, path: area.path, label: area.label };
    if (pages.length > 0) {
      const landing: MenuEntry[] = area.landingLabel ? [{ key: `${area.key}/`, path: area.path, label: area.landingLabel }] : [];
      entry.children = [
        ...landing,
        ...pages.map((page) => ({ key: `${area.key}/${page.path}`, path: `${area.path}/${page.path}`, label: page.label })),
      ];
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

/**
 * The menu keys to highlight for a path: the deepest entry whose path is the pathname or a parent
 * of it. An area's landing entry (same path as its group) counts only on an exact match, so
 * `/studio/items` highlights 事项, not 概览 as well.
 */
export function selectedMenuKeys(menu: MenuEntry[], pathname: string): string[] {
  const covers = (entry: MenuEntry, exact: boolean) => pathname === entry.path || (!exact && pathname.startsWith(`${entry.path}/`));
  for (const group of menu) {
    if (!covers(group, false)) continue;
    const children = group.children ?? [];
    const child =
      children.find((entry) => entry.path === pathname) ??
      children.filter((entry) => entry.path !== group.path && covers(entry, false)).sort((a, b) => b.path.length - a.path.length)[0];
    return child ? [group.key, child.key] : [group.key];
  }
  return [];
}
