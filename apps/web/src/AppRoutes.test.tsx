// @vitest-environment happy-dom
import './test/setup.js';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from './App.js';
import { eventually, renderWithProviders } from './test/render.js';
import { createClient, type CurrentUser } from './trpc.js';

const windowClerk: CurrentUser = {
  id: 'user-lg-window',
  account: 'lg.window',
  name: '萨仁高娃',
  organizationId: 'org-lg-win-zhsl',
  organizationName: '综合受理窗口',
  centreId: 'org-lg-centre',
  centreName: '锡林郭勒盟政务服务中心',
  regionCode: '152500',
  regionName: '锡林郭勒盟',
  regionLevel: 'league',
  roleIds: ['role-window'],
  roleNames: ['窗口人员'],
  capabilities: ['desk.access', 'desk.accept', 'desk.handle'],
};

function CurrentPath() {
  const location = useLocation();
  return <output data-testid="path">{`${location.pathname}${location.search}`}</output>;
}

/** Renders the app at `path` with `auth.me` already answered (no server: nothing else is fetched). */
async function renderAt(path: string, user: CurrentUser | null) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  queryClient.setQueryData([['auth', 'me'], { type: 'query' }], user);
  await renderWithProviders(
    <RouterProvider
      router={createMemoryRouter(
        [
          {
            path: '*',
            element: (
              <>
                <AppRoutes />
                <CurrentPath />
              </>
            ),
          },
        ],
        { initialEntries: [path] },
      )}
    />,
    { queryClient, trpcClient: createClient() },
  );
  return { text: () => document.body.textContent ?? '', path: () => document.querySelector('[data-testid="path"]')?.textContent };
}

describe('routes', () => {
  it('sends a visitor without a session to sign-in, remembering the page', async () => {
    const view = await renderAt('/admin/users?page=2', null);
    expect(view.path()).toBe('/login?redirect=%2Fadmin%2Fusers%3Fpage%3D2');
    expect(view.text()).toContain('锡林郭勒盟政务服务综合业务平台');
  });

  it('opens the first allowed area from the home page and shows who is signed in', async () => {
    const view = await renderAt('/', windowClerk);
    await eventually(() => expect(view.text()).toContain('受理、审批和跟踪办件'));
    expect(view.path()).toBe('/desk');
    expect(view.text()).toContain('萨仁高娃');
    expect(view.text()).toContain('综合受理窗口');
  });

  it('answers a direct URL to a forbidden area with 403', async () => {
    const view = await renderAt('/admin/users', windowClerk);
    await eventually(() => expect(view.text()).toContain('您没有访问“系统管理”的权限'));
    expect(view.text()).not.toContain('用户列表');
  });
});
