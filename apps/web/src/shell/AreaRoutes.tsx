import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Capability } from '@xlgl/schema';
import type { AreaPage } from '../areas/areas.js';
import { RequireCapability } from './RequireCapability.js';
import { NotFound } from './StatusPages.js';

/** One page of an area. Features add an entry to their area's `routes.tsx`; the shell stays as is. */
export type AreaRoute = {
  /** Path relative to the area; omit for the area's landing page. */
  path?: string;
  label: string;
  element: ReactNode;
  /** Capability needed beyond the area's own; others get the 403 page. */
  capability?: Capability;
};

/**
 * Routes for an area's menu pages (`pages.ts`), each with its element; the `Record` type makes a
 * menu page without an element a compile error. Page capabilities carry over to the routes.
 */
export function menuRoutes<P extends AreaPage>(pages: readonly P[], elements: Record<P['path'], ReactNode>): AreaRoute[] {
  return pages.map((page) => ({ path: page.path, label: page.label, capability: page.capability, element: elements[page.path as P['path']] }));
}

/** Renders an area's pages below its path, with 403 for gated pages and 404 for unknown ones. */
export function AreaRoutes({ routes }: { routes: AreaRoute[] }) {
  return (
    <Routes>
      {routes.map((route) => {
        const element = route.capability ? (
          <RequireCapability capability={route.capability} what={route.label}>
            {route.element}
          </RequireCapability>
        ) : (
          route.element
        );
        return route.path ? <Route key={route.path} path={route.path} element={element} /> : <Route key="index" index element={element} />;
      })}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
