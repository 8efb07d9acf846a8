import { lazy, Suspense, type ReactNode } from 'react';
import { AreaRoutes, menuRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { PageLoading } from '../../shell/PageLoading.js';
import { SupervisionHome } from './SupervisionHome.js';
import { supervisionPages, type SupervisionPagePath } from './pages.js';

// Heavy pages load on first visit: ECharts only with the report pages, the flow canvas with the case page.
const BoardPage = lazy(() => import('./board/BoardPage.js'));
const CaseSupervisionPage = lazy(() => import('./board/CaseSupervisionPage.js'));
const OutboxPage = lazy(() => import('./board/OutboxPage.js'));
const KeyProjectsPage = lazy(() => import('./key-projects/KeyProjectsPage.js'));
const ReportsPage = lazy(() => import('./reports/ReportsPage.js'));
const ReportPage = lazy(() => import('./reports/ReportsPage.js').then((module) => ({ default: module.ReportPage })));
const ReportDesignerPage = lazy(() => import('./reports/ReportDesignerPage.js'));

const suspended = (element: ReactNode) => <Suspense fallback={<PageLoading />}>{element}</Suspense>;

/** Elements of the menu pages listed in `pages.ts`. Heavy pages: `React.lazy` them here. */
const pageElements: Record<SupervisionPagePath, ReactNode> = {
  board: suspended(<BoardPage />),
  'key-projects': suspended(<KeyProjectsPage />),
  reports: suspended(<ReportsPage />),
  designer: suspended(<ReportDesignerPage />),
  outbox: suspended(<OutboxPage />),
};

/**
 * 监察与报表 routes: the landing page, the menu pages, then pages reached by link only (e.g. one
 * record's screen, `{ path: 'x/:id', label, element }`). Features add their entries here.
 */
export const supervisionRoutes: AreaRoute[] = [
  { label: '监察与报表', element: <SupervisionHome /> },
  ...menuRoutes(supervisionPages, pageElements),
  { path: 'case/:caseId', label: '办件监察', element: suspended(<CaseSupervisionPage />) },
  { path: 'reports/:reportId', label: '报表', capability: 'report.view', element: suspended(<ReportPage />) },
];

export default function SupervisionArea() {
  return <AreaRoutes routes={supervisionRoutes} />;
}
