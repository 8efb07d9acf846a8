import { lazy, Suspense, type ReactNode } from 'react';
import { AreaRoutes, menuRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { PageLoading } from '../../shell/PageLoading.js';
import { DeskHome } from './DeskHome.js';
import { deskPages, type DeskPagePath } from './pages.js';

const AcceptPage = lazy(() => import('./accept/AcceptPage.js'));
const InboxPage = lazy(() => import('./inbox/InboxPage.js'));
const CasePage = lazy(() => import('./case/CasePage.js'));
const FeeReportPage = lazy(() => import('./fees/FeeReportPage.js'));
const CertificateLibraryPage = lazy(() => import('./certificates/CertificateLibraryPage.js'));

const suspended = (element: ReactNode) => <Suspense fallback={<PageLoading />}>{element}</Suspense>;

/** Elements of the menu pages listed in `pages.ts`. Heavy pages: `React.lazy` them here. */
const pageElements: Record<DeskPagePath, ReactNode> = {
  accept: suspended(<AcceptPage />),
  inbox: suspended(<InboxPage />),
  fees: suspended(<FeeReportPage />),
  certificates: suspended(<CertificateLibraryPage />),
};

/**
 * 窗口工作台 routes: the landing page, the menu pages, then pages reached by link only (e.g. one
 * record's screen, `{ path: 'x/:id', label, element }`). Features add their entries here.
 */
export const deskRoutes: AreaRoute[] = [
  { label: '窗口工作台', element: <DeskHome /> },
  ...menuRoutes(deskPages, pageElements),
  { path: 'case/:caseId', label: '办件', element: suspended(<CasePage />) },
];

export default function DeskArea() {
  return <AreaRoutes routes={deskRoutes} />;
}
