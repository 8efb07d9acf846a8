// @vitest-environment happy-dom
import './test/setup.js';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { AppRoutes } from './App.js';
import { createClient, TRPCProvider, type CurrentUser } from './trpc.js';

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

let root: Root | undefined;
let container: HTMLDivElement | undefined;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

function CurrentPath() {
  const location = useLocation();
  return <output data-testid="path">{`${location.pathname}${location.search}`}</output>;
}

/** Renders the app at `path` with `auth.me` already answered (no server: nothing else is fetched). */
async function renderAt(path: string, user: CurrentUser | null) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  queryClient.setQueryData([['auth', 'me'], { type: 'query' }], user);
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  await act(async () => {
    root!.render(
      <ConfigProvider locale={zhCN}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <TRPCProvider trpcClient={createClient()} queryClient={queryClient}>
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
              />
            </TRPCProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>,
    );
  });
  return { text: () => document.body.textContent ?? '', path: () => document.querySelector('[data-testid="path"]')?.textContent };
}

/**
 * Waits until `expectation` passes. Navigations run in transitions, so a route whose area is still
 * being imported keeps showing the previous page until the import resolves.
 */
async function eventually(expectation: () => void) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      expectation();
      return;
    } catch (error) {
      if (attempt >= 100) throw error;
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }
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
