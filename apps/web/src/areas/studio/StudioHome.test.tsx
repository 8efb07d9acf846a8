// @vitest-environment happy-dom
import '../../test/setup.js';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '@xlgl/api';
import { CurrentUserContext } from '../../auth/CurrentUserContext.js';
import { eventually, renderWithProviders } from '../../test/render.js';
import type { CurrentUser } from '../../trpc.js';
import { leagueConfigurer } from '../../test/users.js';
import { StudioHome } from './StudioHome.js';

const configurer: CurrentUser = {
  ...leagueConfigurer,
  roleIds: ['role-config', 'role-review'],
  roleNames: ['事项配置员', '审改审核员'],
  capabilities: ['studio.access', 'studio.item.edit', 'studio.item.review', 'studio.flow.edit'],
};

const summary = {
  items: { total: 26, published: 21, inProgress: 3, inReview: 2, abolished: 0 },
  reviewQueue: 0,
  documents: {
    flow: { published: 12, drafts: 1 },
    form: { published: 9, drafts: 0 },
    'certificate-template': { published: 4, drafts: 0 },
    'document-template': { published: 6, drafts: 0 },
    report: { published: 9, drafts: 0 },
  },
};

/** The landing page with a server that answers `studio.summary` with `answer` (or fails). */
async function renderHome(answer: typeof summary | Error) {
  const server: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      if (op.path !== 'studio.summary') return undefined;
      if (answer instanceof Error) observer.error(TRPCClientError.from(answer));
      else {
        observer.next({ result: { type: 'data', data: answer } });
        observer.complete();
      }
      return undefined;
    });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: '/studio', element: <StudioHome /> }], { initialEntries: ['/studio'] });
  await renderWithProviders(
    <CurrentUserContext.Provider value={configurer}>
      <RouterProvider router={router} />
    </CurrentUserContext.Provider>,
    { queryClient, trpcClient: createTRPCClient<AppRouter>({ links: [server] }) },
  );
}

const card = (title: string) => [...document.querySelectorAll('.ant-card')].find((element) => element.querySelector('.ant-card-head-title')?.textContent?.includes(title))!;

describe('配置中心 landing page', () => {
  it('shows what each editor holds now, links to it, and says so plainly when there is nothing', async () => {
    await renderHome(summary);
    await eventually(() => expect(card('事项编制').textContent).toContain('21'));
    expect(card('事项编制').textContent).toMatch(/已发布21.*编制中3.*审核中2/);
    expect(card('事项编制').querySelector('a')?.getAttribute('href')).toBe('/studio/items');
    expect(card('流程设计').textContent).toMatch(/已发布12.*草稿1/);
    // Nothing waits for this reviewer: the card says so instead of a zero.
    expect(card('事项审核').textContent).toContain('暂无待审核的事项');
    expect(card('事项审核').querySelector('a')?.getAttribute('href')).toBe('/studio/item-review');
    // Only the features the roles open.
    expect(card('表单设计')).toBeUndefined();
    expect(card('报表设计')).toBeUndefined();
  });

  it('says the figures could not be read instead of showing zeros', async () => {
    await renderHome(new Error('数据库暂时不可用'));
    await eventually(() => expect(document.body.textContent).toContain('统计数据暂时无法读取'));
    expect(document.body.textContent).toContain('数据库暂时不可用');
    expect(card('事项编制').textContent).not.toContain('已发布');
    expect(card('事项编制').textContent).not.toContain('尚未配置事项');
  });
});
