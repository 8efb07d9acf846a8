import type { ReactNode } from 'react';
import { AreaRoutes, menuRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { SupervisionHome } from './SupervisionHome.js';
import { supervisionPages, type SupervisionPagePath } from './pages.js';

/** Elements of the menu pages listed in `pages.ts`. Heavy pages: `React.lazy` them here. */
const pageElements: Record<SupervisionPagePath, ReactNode> = {};

/**
 * 监察与报表 routes: the landing page, the menu pages, then pages reached by link only (e.g. one
 * record's screen, `{ path: 'x/:id', label, element }`). Features add their entries here.
 */
export const supervisionRoutes: AreaRoute[] = [{ label: '监察与报表', element: <SupervisionHome /> }, ...menuRoutes(supervisionPages, pageElements)];

export default function SupervisionArea() {
  return <AreaRoutes routes={supervisionRoutes} />;
}
