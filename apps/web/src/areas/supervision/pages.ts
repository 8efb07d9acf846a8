import type { AreaPage } from '../areas.js';

/**
 * 监察与报表 menu pages besides the landing page. Plain data (no React): the shell builds the menu
 * from it without loading the area. Add `{ path, label, capability? }` here and the page's element
 * in `routes.tsx` (a listed page without an element is a compile error there).
 */
export const supervisionPages = [
  { path: 'board', label: '监察台' },
  { path: 'key-projects', label: '重点项目' },
  { path: 'reports', label: '统计报表', capability: 'report.view' },
  { path: 'designer', label: '报表设计', capability: 'studio.report.edit' },
  { path: 'outbox', label: '短信发件箱' },
] as const satisfies readonly AreaPage[];
export type SupervisionPagePath = (typeof supervisionPages)[number]['path'];
