import type { ReactNode } from 'react';
import { AreaRoutes, menuRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { DeskHome } from './DeskHome.js';
import { deskPages, type DeskPagePath } from './pages.js';

/** Elements of the menu pages listed in `pages.ts`. Heavy pages: `React.lazy` them here. */
const pageElements: Record<DeskPagePath, ReactNode> = {};

/**
 * 窗口工作台 routes: the landing page, the menu pages, then pages reached by link only (e.g. one
 * record's screen, `{ path: 'x/:id', label, element }`). Features add their entries here.
 */
export const deskRoutes: AreaRoute[] = [{ label: '窗口工作台', element: <DeskHome /> }, ...menuRoutes(deskPages, pageElements)];

export default function DeskArea() {
  return <AreaRoutes routes={deskRoutes} />;
}
