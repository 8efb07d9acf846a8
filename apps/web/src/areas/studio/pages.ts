import type { AreaPage } from '../areas.js';

/**
 * 配置中心 menu pages besides the landing page. Plain data (no React): the shell builds the menu
 * from it without loading the area. Add `{ path, label, capability? }` here and the page's element
 * in `routes.tsx` (a listed page without an element is a compile error there).
 */
export const studioPages = [
  { path: 'flows', label: '流程设计', capability: 'studio.flow.edit' },
  { path: 'forms', label: '表单设计', capability: 'studio.form.edit' },
  { path: 'items', label: '事项管理' },
  { path: 'item-review', label: '事项审核', capability: 'studio.item.review' },
  { path: 'catalogue', label: '事项目录' },
  { path: 'item-statistics', label: '事项统计' },
  { path: 'templates', label: '证照与文书模板', capability: 'studio.template.edit' },
  { path: 'seals', label: '电子印章', capability: 'studio.template.edit' },
] as const satisfies readonly AreaPage[];
export type StudioPagePath = (typeof studioPages)[number]['path'];
