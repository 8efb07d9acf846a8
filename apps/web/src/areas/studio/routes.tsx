import { AreaRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { StudioHome } from './StudioHome.js';

/** 配置中心 pages; editors add their entries here. */
export const studioRoutes: AreaRoute[] = [{ label: '配置中心', element: <StudioHome /> }];

export default function StudioArea() {
  return <AreaRoutes routes={studioRoutes} />;
}
