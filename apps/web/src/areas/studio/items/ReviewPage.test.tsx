// @vitest-environment happy-dom
import '../../../test/setup.js';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '@xlgl/api';
import { click, eventually, renderWithProviders, type } from '../../../test/render.js';
import { ReviewPage } from './ReviewPage.js';

// A copy of a shipped item (metadata/items/item-dl-food-business.json, 多伦县食品经营许可) as the submitted document.
import item from '../../../test/item-fixture.json';

/** A submitted change waiting at the first review step, which the viewer may approve or return to the submitter. */
const answers: Record<string, unknown> = {
  'studio.items.get': {
    open: { status: 'submitted', changeType: 'create', document: item, submittedAt: '2026-11-20T02:00:00.000Z' },
    published: null,
    departmentName: '多伦县市场监督管理局',
    permissions: { canReview: true },
  },
  'studio.items.review.detail': {
    id: 1,
    flowId: 'flow-item-review',
    flowVersion: 1,
    flowName: '事项审核流程',
    version: 3,
    status: 'running',
    outcome: null,
    regionCode: '152531',
    currentSteps: [{ nodeId: 'dept-review', label: '部门审核', assignedUserId: null, dueDate: null }],
    actions: [
      { type: 'approve', label: '通过', taskId: 'task-1', nodeId: 'dept-review' },
      { type: 'reject', label: '退回', taskId: 'task-1', nodeId: 'dept-review' },
    ],
    steps: [
      { nodeId: 'dept-review', label: '部门审核' },
      { nodeId: 'centre-review', label: '中心审核' },
    ],
    transferTo: [],
  },
  'studio.items.diff': { entries: [] },
};

async function renderReview() {
  const acted: unknown[] = [];
  const server: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        if (op.path === 'studio.items.review.act') acted.push(op.input);
        else if (op.path in answers) observer.next({ result: { type: 'data', data: answers[op.path] } });
        else return undefined;
        observer.complete();
        return undefined;
      });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const router = createMemoryRouter([{ path: '/studio/item-review/:id', element: <ReviewPage /> }], {
    initialEntries: ['/studio/item-review/item-dl-food-business'],
  });
  await renderWithProviders(<RouterProvider router={router} />, {
    queryClient,
    trpcClient: createTRPCClient<AppRouter>({ links: [server] }),
  });
  await eventually(() => expect(text()).toContain(`审核：${item.name}`));
  return { acted };
}

const text = () => document.body.textContent ?? '';
const button = (label: string) =>
  [...document.querySelectorAll('button')].filter((entry) => entry.textContent?.replace(/\s/g, '') === label).at(-1)!;
/** Modals on screen (a closing one keeps its DOM while its leave animation runs, which happy-dom never ends). */
const shownModals = () => [...document.querySelectorAll('.ant-modal')].filter((modal) => !modal.className.includes('-leave'));
const dialogOpen = () => shownModals().some((modal) => modal.querySelector('textarea') !== null);
const confirmShown = () => shownModals().some((modal) => modal.textContent?.includes('放弃未保存的修改？'));

describe('item review dialog close guard', () => {
  it('closes an untouched dialog at once', async () => {
    await renderReview();
    await click(button('审核通过'));
    await eventually(() => expect(dialogOpen()).toBe(true));
    await click(button('取消'));
    await eventually(() => expect(dialogOpen()).toBe(false));
    expect(confirmShown()).toBe(false);
  });

  it('asks before throwing away an entered opinion: 继续编辑 keeps it, 放弃修改 closes without acting', async () => {
    const view = await renderReview();
    await click(button('退回修改'));
    await eventually(() => expect(dialogOpen()).toBe(true));
    const opinion = document.querySelector<HTMLTextAreaElement>('.ant-modal textarea')!;
    await type(opinion, '经营范围表述不规范');
    await click(button('取消'));
    await eventually(() => expect(confirmShown()).toBe(true));
    expect(text()).toContain('审核意见尚未保存，关闭后将丢失。');
    await click(button('继续编辑'));
    await eventually(() => expect(confirmShown()).toBe(false));
    expect(dialogOpen()).toBe(true);
    expect(document.querySelector<HTMLTextAreaElement>('.ant-modal textarea')!.value).toBe('经营范围表述不规范');

    await click(button('取消'));
    await eventually(() => expect(button('放弃修改')).toBeDefined());
    await click(button('放弃修改'));
    await eventually(() => expect(dialogOpen()).toBe(false));
    expect(view.acted).toEqual([]);
  });
});
