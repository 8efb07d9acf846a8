import { AreaRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { DeskHome } from './DeskHome.js';

/** 窗口工作台 pages; case screens add their entries here (keep heavy libraries in lazy pages). */
export const deskRoutes: AreaRoute[] = [{ label: '窗口工作台', element: <DeskHome /> }];

export default function DeskArea() {
  return <AreaRoutes routes={deskRoutes} />;
}
