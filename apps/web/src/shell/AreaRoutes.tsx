import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Capability } from '@xlgl/schema';
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
