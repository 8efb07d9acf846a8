import { expect, test } from '@playwright/test';
import { chooseInPanel, configureStep, confirmUntil, connectNodes, dragFlowNode, flowNode } from '../support/designers';
import { signIn } from '../support/session';

test('lg.config builds a parallel flow from an empty canvas; a broken variant is refused, fixed and published', async ({ page }) => {
  await signIn(page, 'lg.config');
  await page.goto('/studio/flows');
  await page.getByRole('button', { name: /新建流程/ }).click();
  await page.getByLabel('流程名称').fill('E2E并联审批流程');
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await page.waitForURL(/\/studio\/flows\/flow_[0-9a-z]+$/);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  await dragFlowNode(page, 'task-accept', { x: 90, y: 60 });
  await dragFlowNode(page, 'parallel-split', { x: 240, y: 130 });
  await dragFlowNode(page, 'task-undertake', { x: 380, y: 40 });
  await dragFlowNode(page, 'task-review', { x: 380, y: 200 });
  await dragFlowNode(page, 'parallel-join', { x: 520, y: 130 });

  await connectNodes(page, '开始', '受理');
  await connectNodes(page, '受理', '并联审批');
  await connectNodes(page, '并联审批', '审查');
  await connectNodes(page, '并联审批', '审核');
  await connectNodes(page, '审查', '并联汇合');
  await connectNodes(page, '审核', '并联汇合');
  // deliberately not connected: 并联汇合 → 办结

  await configureStep(page, '受理', { by: '按角色', pick: '窗口人员', days: 1 });
  await configureStep(page, '审查', { by: '按部门', pick: '锡林郭勒盟市场监督管理局', days: 3 });
  await configureStep(page, '审核', { by: '按部门', pick: '锡林郭勒盟卫生健康', days: 3 });
  await flowNode(page, '并联审批').click();
  const panel = page.getByTestId('settings-panel');
  const branchSelects = panel.locator('.ant-select').filter({ hasText: '办理部门' });
  await expect(branchSelects).toHaveCount(2);
  await branchSelects.nth(0).click();
  await page.keyboard.type('市场监督管理局');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '锡林郭勒盟市场监督管理局' }).first().click();
  await panel.locator('.ant-select').filter({ hasText: '办理部门' }).first().click();
  await page.keyboard.type('锡林郭勒盟卫生健康');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '锡林郭勒盟卫生健康' }).first().click();
  await chooseInPanel(page, '选择牵头部门', '市场监督管理局');
  await page.screenshot({ path: 'test-results/flow-designer-broken.png' });

  // Publishing the broken variant is refused and the join is marked.
  await page.getByRole('button', { name: /发\s*布/ }).click();
  await expect(page.getByTestId('publish-refused')).toBeVisible();
  await expect(page.getByTestId('server-review')).toContainText('flow.can-reach-end');
  await expect(flowNode(page, '并联汇合').getByTestId('node-problem-badge')).toBeVisible();
  expect((await page.request.get('/healthz')).ok()).toBe(true);

  // Fix it and publish.
  await page.getByTestId('server-review').getByText('关闭').click();
  await page.getByTestId('publish-refused').locator('.ant-alert-close-icon').click();
  await connectNodes(page, '并联汇合', '办结');
  await page.screenshot({ path: 'test-results/flow-designer-fixed.png' });
  // Every edge starts at a drawn source handle and ends at a drawn target handle: the canvas takes node
  // sizes and handle positions from the node looks instead of measuring the nodes.
  const loose = await page.evaluate(() => {
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect();
    const view = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    const handlePoints = (side: 'source' | 'target') =>
      [...document.querySelectorAll(`.react-flow__handle.${side}`)].map((handle) => {
        const box = handle.getBoundingClientRect();
        const x = side === 'source' ? box.right : box.left;
        return { x: (x - canvas.left - view.e) / view.a, y: (box.top + box.height / 2 - canvas.top - view.f) / view.d };
      });
    const sources = handlePoints('source');
    const targets = handlePoints('target');
    // 1.5 px: a selected or marked node's border is 1 px wider than when its handles were placed.
    const near = (points: Array<{ x: number; y: number }>, x: number, y: number) => points.some((point) => Math.hypot(point.x - x, point.y - y) <= 1.5);
    return [...document.querySelectorAll('.react-flow__edge path.react-flow__edge-path')].flatMap((path) => {
      const numbers = (path.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)!.map(Number);
      const [x0, y0] = numbers;
      const [x1, y1] = numbers.slice(-2);
      return near(sources, x0!, y0!) && near(targets, x1!, y1!) ? [] : [path.getAttribute('d')];
    });
  });
  expect(loose).toEqual([]);
  await page.getByRole('button', { name: /发\s*布/ }).click();
  await expect(page.getByTestId('server-review')).toContainText('0个错误');
  // The title's tag says so once published (the toast 已发布第1版 may be gone after a repeated click).
  await confirmUntil(page.locator('.ant-modal-confirm'), /发\s*布/, page.getByText('已发布 第1版'));
  await page.screenshot({ path: 'test-results/flow-designer-published.png' });
  // The version history marks the published version as the one in force.
  await page.getByRole('button', { name: /版\s*本/ }).click();
  const versions = page.locator('.ant-drawer-content').filter({ hasText: '版本记录' });
  await expect(versions.getByText('使用中')).toBeVisible();
  await expect(versions).toContainText('第1版');
});
