// @vitest-environment happy-dom
import '../../../test/setup.js';
import { QueryClient } from '@tanstack/react-query';
import { Form, Input } from 'antd';
import { act } from 'react';
import { createMemoryRouter, Link, RouterProvider, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { click, renderWithProviders, type } from '../../../test/render.js';
import { createClient } from '../../../trpc.js';
import { DocumentDrawer } from './DocumentDrawer.js';

function CurrentPath() {
  return <output data-testid="path">{useLocation().pathname}</output>;
}

/** The post drawer of 岗位管理, editing 综合受理岗, on a page with a link elsewhere. */
async function renderDrawer(onClose: () => void) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const post = { id: 'post-a', name: '综合受理岗' };
  const router = createMemoryRouter(
    [
      {
        path: '/admin/posts',
        element: (
          <>
            <Link to="/admin/roles">角色管理</Link>
            <DocumentDrawer<{ id: string; name: string }, { name: string }> kind="post" noun="岗位" document={post} width={480} initialValues={{ name: post.name }} onClose={onClose} onSaved={() => undefined}>
              <Form.Item label="岗位名称" name="name">
                <Input />
              </Form.Item>
            </DocumentDrawer>
            <CurrentPath />
          </>
        ),
      },
      { path: '/admin/roles', element: <CurrentPath /> },
    ],
    { initialEntries: ['/admin/posts'] },
  );
  await renderWithProviders(<RouterProvider router={router} />, { queryClient, trpcClient: createClient() });
  return router;
}

const buttons = (label: string) => [...document.querySelectorAll('button')].filter((button) => button.textContent?.replace(/\s/g, '') === label);
const confirmShown = () => document.body.textContent?.includes('放弃未保存的修改？') ?? false;

async function settle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

describe('DocumentDrawer', () => {
  it('closes at once when nothing changed, also after a change was typed back', async () => {
    const onClose = vi.fn();
    await renderDrawer(onClose);
    await click(buttons('取消')[0]!);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(confirmShown()).toBe(false);

    const input = document.querySelector<HTMLInputElement>('input#post_name')!;
    await type(input, '综合受理岗（新）');
    await type(input, '综合受理岗');
    await click(buttons('取消')[0]!);
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(confirmShown()).toBe(false);
  });

  it('asks 放弃未保存的修改？ before closing with a changed field; 继续编辑 keeps the edits, 放弃修改 closes', async () => {
    const onClose = vi.fn();
    await renderDrawer(onClose);
    const input = document.querySelector<HTMLInputElement>('input#post_name')!;
    await type(input, '综合受理岗（新）');

    await click(buttons('取消')[0]!);
    await settle();
    expect(confirmShown()).toBe(true);
    expect(document.body.textContent).toContain('岗位的修改尚未保存，关闭后将丢失。');
    expect(onClose).not.toHaveBeenCalled();

    await click(buttons('继续编辑')[0]!);
    await settle();
    expect(onClose).not.toHaveBeenCalled();
    expect(input.value).toBe('综合受理岗（新）');

    // The drawer's own close (×, Esc, mask) asks too.
    await click(document.querySelector('.ant-drawer-close')!);
    await settle();
    await click(buttons('放弃修改').at(-1)!);
    await settle();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('asks before leaving the page while a changed drawer is open', async () => {
    const router = await renderDrawer(vi.fn());
    await type(document.querySelector<HTMLInputElement>('input#post_name')!, '综合受理岗（新）');
    await click([...document.querySelectorAll('a')].find((link) => link.textContent === '角色管理')!);
    await settle();
    expect(document.body.textContent).toContain('离开此页面？');
    expect(document.body.textContent).toContain('有未保存的岗位的修改，离开后将丢失。可先点“保存”。');
    expect(router.state.location.pathname).toBe('/admin/posts');
    await click(buttons('离开')[0]!);
    await settle();
    expect(router.state.location.pathname).toBe('/admin/roles');
  });
});
