// @vitest-environment happy-dom
import '../../../test/setup.js';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createMemoryRouter, Link, Outlet, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '@xlgl/api';
import { CurrentUserContext } from '../../../auth/CurrentUserContext.js';
import { click, eventually, renderWithProviders, type } from '../../../test/render.js';
import { leagueConfigurer } from '../../../test/users.js';
import { ItemPage } from './ItemPage.js';

const configurer = leagueConfigurer;

const options = {
  departments: [{ id: 'org-lg-samr', name: '盟市场监督管理局', regionCode: '152500' }],
  allDepartments: [{ id: 'org-lg-samr', name: '盟市场监督管理局' }],
  forms: [],
  flows: [],
  documentTemplates: [],
  certificateTemplates: [],
  items: [],
  regions: [{ code: '152500', name: '锡林郭勒盟', level: 'league' }],
};

/** The new-item page with a server that stores what `create` is given and never answers anything else. */
async function renderNewItem() {
  const created: unknown[] = [];
  const server: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      if (op.path === 'studio.items.options') observer.next({ result: { type: 'data', data: options } });
      else if (op.path === 'studio.items.create') {
        created.push((op.input as { document: unknown }).document);
        observer.next({ result: { type: 'data', data: { id: 'created' } } });
      } else return undefined;
      observer.complete();
      return undefined;
    });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const router = createMemoryRouter(
    [
      {
        path: '/studio',
        element: (
          <>
            <Link to="/studio/items">事项列表</Link>
            <Outlet />
          </>
        ),
        children: [
          { path: 'items', element: <p>事项列表页</p> },
          { path: 'items/:id', element: <ItemPage /> },
        ],
      },
    ],
    { initialEntries: ['/studio/items/new'] },
  );
  await renderWithProviders(
    <CurrentUserContext.Provider value={configurer}>
      <RouterProvider router={router} />
    </CurrentUserContext.Provider>,
    { queryClient, trpcClient: createTRPCClient<AppRouter>({ links: [server] }) },
  );
  await eventually(() => expect(document.querySelector('input#item_name')).not.toBeNull());
  return { router, created, path: () => router.state.location.pathname };
}

const text = () => document.body.textContent ?? '';
const button = (label: string) => [...document.querySelectorAll('button')].filter((entry) => entry.textContent?.replace(/\s/g, '') === label).at(-1)!;
const listLink = () => [...document.querySelectorAll('a')].find((link) => link.textContent === '事项列表')!;

describe('item page leave guard', () => {
  it('lets an untouched editor go without asking', async () => {
    const view = await renderNewItem();
    await click(listLink());
    await eventually(() => expect(view.path()).toBe('/studio/items'));
    expect(text()).not.toContain('离开此页面？');
  });

  it('asks before leaving with unsaved edits: 留在此页 keeps them, 离开 goes', async () => {
    const view = await renderNewItem();
    const name = document.querySelector<HTMLInputElement>('input#item_name')!;
    await type(name, '食品经营许可');
    await click(listLink());
    await eventually(() => expect(text()).toContain('离开此页面？'));
    expect(text()).toContain('有未保存的事项修改，离开后将丢失。可先点“保存草稿”。');
    await click(button('留在此页'));
    await eventually(() => expect(view.path()).toBe('/studio/items/new'));
    expect(name.value).toBe('食品经营许可');

    await click(listLink());
    await eventually(() => expect(button('离开')).toBeDefined());
    await click(button('离开'));
    await eventually(() => expect(view.path()).toBe('/studio/items'));
  });

  it('does not ask after a successful save, which moves a new item to its own address', async () => {
    const view = await renderNewItem();
    await type(document.querySelector<HTMLInputElement>('input#item_name')!, '食品经营许可');
    await type(document.querySelector<HTMLTextAreaElement>('textarea#item_conditions')!, '申请人取得营业执照');
    await click(button('添加设定依据'));
    await type(document.querySelector<HTMLInputElement>('input[aria-label="法律法规名称1"]')!, '《中华人民共和国食品安全法》');
    await click(button('保存草稿'));
    await eventually(() => expect(view.created).toHaveLength(1));
    await eventually(() => expect(view.path()).toMatch(/^\/studio\/items\/item/));
    expect(text()).not.toContain('离开此页面？');
    expect(view.created[0]).toMatchObject({ kind: 'item', name: '食品经营许可' });
  });
});
