import type { AreaPage } from '../areas.js';

/**
 * 窗口工作台 menu pages besides the landing page. Plain data (no React): the shell builds the menu
 * from it without loading the area. Add `{ path, label, capability? }` here and the page's element
 * in `routes.tsx` (a listed page without an element is a compile error there).
 */
export const deskPages = [
  { path: 'accept', label: '受理登记', capability: 'desk.accept' },
  { path: 'inbox', label: '我的办件' },
  { path: 'fees', label: '收费统计', capability: 'report.view' },
  { path: 'certificates', label: '证照库' },
] as const satisfies readonly AreaPage[];
export type DeskPagePath = (typeof deskPages)[number]['path'];
