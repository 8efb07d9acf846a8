import type { ReactNode } from 'react';
import { AreaRoutes, menuRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { StudioHome } from './StudioHome.js';
import { studioPages, type StudioPagePath } from './pages.js';

/** Elements of the menu pages listed in `pages.ts`. Heavy pages: `React.lazy` them here. */
const pageElements: Record<StudioPagePath, ReactNode> = {};

/**
 * 配置中心 routes: the landing page, the menu pages, then pages reached by link only (e.g. one
 * record's screen, `{ path: 'x/:id', label, element }`). Features add their entries here.
 */
export const studioRoutes: AreaRoute[] = [{ label: '配置中心', element: <StudioHome /> }, ...menuRoutes(studioPages, pageElements)];

export default function StudioArea() {
  return <AreaRoutes routes={studioRoutes} />;
}
