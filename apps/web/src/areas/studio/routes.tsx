import { lazy, Suspense, type ReactNode } from 'react';
import { usePrefetchQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useParams } from 'react-router';
import { useTRPC } from '../../trpc.js';
import { AreaRoutes, menuRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { StudioHome } from './StudioHome.js';
import { studioPages, type StudioPagePath } from './pages.js';

/** Elements of the menu pages listed in `pages.ts`. Heavy pages: `React.lazy` them here. */
const FlowListPage = lazy(() => import('./flows/FlowListPage.js').then((module) => ({ default: module.FlowListPage })));
const FlowDesignerPage = lazy(() => import('./flows/FlowDesignerPage.js').then((module) => ({ default: module.FlowDesignerPage })));
const FormListPage = lazy(() => import('./forms/FormListPage.js').then((module) => ({ default: module.FormListPage })));
const FormDesignerPage = lazy(() => import('./forms/FormDesignerPage.js').then((module) => ({ default: module.FormDesignerPage })));
const ItemListPage = lazy(() => import('./items/ItemListPage.js').then((module) => ({ default: module.ItemListPage })));
const ItemPage = lazy(() => import('./items/ItemPage.js').then((module) => ({ default: module.ItemPage })));
const ReviewInboxPage = lazy(() => import('./items/ReviewInboxPage.js').then((module) => ({ default: module.ReviewInboxPage })));
const ReviewPage = lazy(() => import('./items/ReviewPage.js').then((module) => ({ default: module.ReviewPage })));
const CataloguePage = lazy(() => import('./catalogue/CataloguePage.js').then((module) => ({ default: module.CataloguePage })));
const TemplateListPage = lazy(() => import('./templates/TemplateListPage.js').then((module) => ({ default: module.TemplateListPage })));
const TemplateDesignerPage = lazy(() =>
  import('./templates/TemplateDesignerPage.js').then((module) => ({ default: module.TemplateDesignerPage })),
);
const SealsPage = lazy(() => import('./templates/SealsPage.js').then((module) => ({ default: module.SealsPage })));
const ItemStatisticsPage = lazy(() => import('./items/ItemStatisticsPage.js').then((module) => ({ default: module.ItemStatisticsPage })));
/**
 * Starts loading a flow and the designer's directory while the designer's code is still loading
 * (it is large): the page then finds both in the query cache instead of asking only after it loaded.
 * During render (React Query's `usePrefetchQuery`), and each call on its own without the batch timer:
 * an effect of this route runs only once the designer's code has loaded, and the batch's timer would
 * wait behind that code's evaluation.
 */
function FlowDataPrefetch() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const now = { trpc: { context: { skipBatch: true } } };
  usePrefetchQuery(trpc.studio.flows.get.queryOptions({ id }, now));
  usePrefetchQuery(trpc.studio.flows.context.queryOptions(undefined, now));
  return null;
}
const page = (element: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: 80 }} />}>{element}</Suspense>;

const pageElements: Record<StudioPagePath, ReactNode> = {
  flows: page(<FlowListPage />),
  forms: page(<FormListPage />),
  items: page(<ItemListPage />),
  'item-review': page(<ReviewInboxPage />),
  catalogue: page(<CataloguePage />),
  templates: page(<TemplateListPage />),
  seals: page(<SealsPage />),
  'item-statistics': page(<ItemStatisticsPage />),
};

/**
 * 配置中心 routes: the landing page, the menu pages, then pages reached by link only (e.g. one
 * record's screen, `{ path: 'x/:id', label, element }`). Features add their entries here.
 */
export const studioRoutes: AreaRoute[] = [
  { label: '配置中心', element: <StudioHome /> },
  ...menuRoutes(studioPages, pageElements),
  { path: 'templates/:kind/:id', label: '模板设计器', capability: 'studio.template.edit', element: page(<TemplateDesignerPage />) },
  {
    path: 'flows/:id',
    label: '流程设计器',
    capability: 'studio.flow.edit',
    element: (
      <>
        <FlowDataPrefetch />
        {page(<FlowDesignerPage />)}
      </>
    ),
  },
  { path: 'forms/:id', label: '表单设计器', capability: 'studio.form.edit', element: page(<FormDesignerPage />) },
  { path: 'items/:id', label: '事项', element: page(<ItemPage />) },
  { path: 'item-review/:id', label: '事项审核', capability: 'studio.item.review', element: page(<ReviewPage />) },
];

export default function StudioArea() {
  return <AreaRoutes routes={studioRoutes} />;
}
