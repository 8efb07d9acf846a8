import { AreaRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { SupervisionHome } from './SupervisionHome.js';

/** 监察与报表 pages; charts and reports add their entries here (echarts only inside those pages). */
export const supervisionRoutes: AreaRoute[] = [{ label: '监察与报表', element: <SupervisionHome /> }];

export default function SupervisionArea() {
  return <AreaRoutes routes={supervisionRoutes} />;
}
