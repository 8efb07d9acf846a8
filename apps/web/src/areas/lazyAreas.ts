import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { AreaKey } from './areas.js';

/**
 * Each area's route module, loaded on first visit into its own chunk. Heavy libraries (charts, flow
 * canvas, PDF) belong inside these modules so the shell and other areas never load them.
 */
export const lazyAreas = {
  studio: lazy(() => import('./studio/routes.js')),
  desk: lazy(() => import('./desk/routes.js')),
  supervision: lazy(() => import('./supervision/routes.js')),
  admin: lazy(() => import('./admin/routes.js')),
} satisfies Record<AreaKey, LazyExoticComponent<ComponentType>>;
