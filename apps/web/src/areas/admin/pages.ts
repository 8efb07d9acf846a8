import type { AreaPage } from '../areas.js';

/** 系统管理 menu (R10.3). Plain data: the shell reads it without loading the area. */
export const adminPages = [
  { path: 'regions', label: '行政区划' },
  { path: 'organizations', label: '组织机构' },
  { path: 'users', label: '用户' },
  { path: 'roles', label: '角色' },
  { path: 'posts', label: '岗位' },
  { path: 'backup', label: '备份与恢复', capability: 'admin.backup' },
] as const satisfies readonly AreaPage[];
export type AdminPagePath = (typeof adminPages)[number]['path'];
