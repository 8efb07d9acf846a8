import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page, account: string) {
  await page.goto('/login');
  await page.getByPlaceholder('请输入账号').fill(account);
  await page.getByPlaceholder('请输入密码').fill('Xlgl@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const node = (page: Page, label: string) => page.locator('.react-flow__node').filter({ has: page.getByText(label, { exact: true }) });

/** Drags a palette entry onto the canvas with real mouse moves (HTML5 drag and drop). */
async function dragFromPalette(page: Page, key: string, at: { x: number; y: number }) {
  const canvas = (await page.getByTestId('flow-canvas').boundingBox())!;
  const source = (await page.locator(`[data-palette-key="${key}"]`).boundingBox())!;
  const before = await page.locator('.react-flow__node').count();
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + at.x, canvas.y + at.y, { steps: 12 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
}

/** Connects two nodes by dragging from the source handle to the target handle. */
async function connect(page: Page, from: string, to: string) {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  for (let attempt = 0; attempt < 3 && (await edges.count()) === before; attempt += 1) {
    const source = (await node(page, from).locator('.react-flow__handle.source').boundingBox())!;
    const target = (await node(page, to).locator('.react-flow__handle.target').boundingBox())!;
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
    await page.mouse.up();
    await expect(edges).not.toHaveCount(before, { timeout: 1500 }).catch(() => undefined);
  }
  await expect(edges).toHaveCount(before + 1);
}

async function choose(page: Page, placeholder: string, text: string) {
  const panel = page.getByTestId('settings-panel');
  await panel.locator('.ant-select').filter({ hasText: placeholder }).first().click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  await page.keyboard.press('Escape');
}

async function humanStep(page: Page, label: string, options: { by: '按角色' | '按部门'; pick: string; days: number }) {
  await node(page, label).click();
  const panel = page.getByTestId('settings-panel');
  await panel.getByText(options.by, { exact: true }).click();
  await choose(page, options.by === '按角色' ? '选择角色' : '选择部门', options.pick);
  const days = panel.locator('.ant-input-number-input').first();
  await days.fill(String(options.days));
  await days.press('Tab');
}

test('lg.config builds a parallel flow from an empty canvas; a broken variant is refused, fixed and published', async ({ page }) => {
  await signIn(page, 'lg.config');
  await page.goto('/studio/flows');
  await page.getByRole('button', { name: /新建流程/ }).click();
  await page.getByLabel('流程名称').fill('E2E并联审批流程');
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await page.waitForURL(/\/studio\/flows\/flow_[0-9a-z]+$/);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  await dragFromPalette(page, 'task-accept', { x: 90, y: 60 });
  await dragFromPalette(page, 'parallel-split', { x: 240, y: 130 });
  await dragFromPalette(page, 'task-undertake', { x: 380, y: 40 });
  await dragFromPalette(page, 'task-review', { x: 380, y: 200 });
  await dragFromPalette(page, 'parallel-join', { x: 520, y: 130 });

  await connect(page, '开始', '受理');
  await connect(page, '受理', '并联审批');
  await connect(page, '并联审批', '审查');
  await connect(page, '并联审批', '审核');
  await connect(page, '审查', '并联汇合');
  await connect(page, '审核', '并联汇合');
  // deliberately not connected: 并联汇合 → 办结

  await humanStep(page, '受理', { by: '按角色', pick: '窗口人员', days: 1 });
  await humanStep(page, '审查', { by: '按部门', pick: '锡林郭勒盟市场监督管理局', days: 3 });
  await humanStep(page, '审核', { by: '按部门', pick: '锡林郭勒盟卫生健康', days: 3 });
  await node(page, '并联审批').click();
  const panel = page.getByTestId('settings-panel');
  const branchSelects = panel.locator('.ant-select').filter({ hasText: '办理部门' });
  await expect(branchSelects).toHaveCount(2);
  await branchSelects.nth(0).click();
  await page.keyboard.type('市场监督管理局');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '锡林郭勒盟市场监督管理局' }).first().click();
  await panel.locator('.ant-select').filter({ hasText: '办理部门' }).first().click();
  await page.keyboard.type('锡林郭勒盟卫生健康');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '锡林郭勒盟卫生健康' }).first().click();
  await choose(page, '选择牵头部门', '市场监督管理局');
  await page.screenshot({ path: 'test-results/flow-designer-broken.png' });

  // Publishing the broken variant is refused and the join is marked.
  await page.getByRole('button', { name: /发\s*布/ }).click();
  await expect(page.getByTestId('publish-refused')).toBeVisible();
  await expect(page.getByTestId('server-review')).toContainText('flow.can-reach-end');
  await expect(node(page, '并联汇合').getByTestId('node-problem-badge')).toBeVisible();
  expect((await page.request.get('/healthz')).ok()).toBe(true);

  // Fix it and publish.
  await page.getByTestId('server-review').getByText('关闭').click();
  await page.getByTestId('publish-refused').locator('.ant-alert-close-icon').click();
  await connect(page, '并联汇合', '办结');
  await page.screenshot({ path: 'test-results/flow-designer-fixed.png' });
  await page.getByRole('button', { name: /发\s*布/ }).click();
  await expect(page.getByTestId('server-review')).toContainText('0个错误');
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /发\s*布/ }).click();
  await expect(page.getByText('已发布第1版')).toBeVisible();
  await expect(page.getByText('已发布 第1版')).toBeVisible();
  await page.screenshot({ path: 'test-results/flow-designer-published.png' });
});
