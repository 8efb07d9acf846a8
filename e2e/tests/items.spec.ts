import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from '../support/session';

const shots = '../test-results/items';
const name = '小餐饮经营许可（浏览器测试）';

async function switchUser(page: Page, account: string) {
  await signOut(page);
  await signIn(page, account);
}

/** Approves the current step of the review flow (审改办初审 → 分管负责人复审) with the engine's 审核通过. */
async function approveStep(page: Page, step: '审改办初审' | '分管负责人复审') {
  await expect(page.getByText(`当前环节：${step}`)).toBeVisible();
  await page.getByRole('button', { name: '审核通过' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认通过' }).click();
  if (step === '审改办初审') await expect(page.getByText('已提交至：分管负责人复审')).toBeVisible();
}

test('an item goes from draft through review, coding, publication, change and statistics', async ({ page }) => {
  test.setTimeout(240_000);
  let itemId = '';

  await test.step('the configurator drafts an item; the schema refuses promised > statutory on its field', async () => {
    await signIn(page, 'lg.config');
    await page.goto('/studio/items');
    await expect(page.getByText('食品经营许可', { exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: '新建事项' }).click();
    await expect(page).toHaveURL(/\/studio\/items\/new$/);
    await page.getByLabel('事项名称').fill(name);
    await page.getByLabel('受理条件').fill('申请人具有与经营规模相适应的经营场所和设备设施。');
    await page.getByRole('button', { name: '添加材料' }).click();
    await page.getByLabel('材料名称1').fill('小餐饮经营许可申请书');
    await page.getByRole('button', { name: '添加材料' }).click();
    await page.getByLabel('材料名称2').fill('经营场所使用证明');
    await page.getByRole('button', { name: '添加设定依据' }).click();
    await page.getByLabel('法律法规名称1').fill('《内蒙古自治区食品小作坊小餐饮和食品摊贩管理条例》');
    await page.getByLabel('法定办结时限（工作日）').fill('15');
    await page.getByLabel('承诺办结时限（工作日）').fill('20');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText('承诺办结时限不能超过法定办结时限')).toBeVisible();
    await page.screenshot({ path: `${shots}-01-validation.png`, fullPage: true });
    await page.getByLabel('承诺办结时限（工作日）').fill('10');
    await page.getByRole('tab', { name: '办事指南预览' }).click();
    await expect(page.getByRole('heading', { name: `${name} 办事指南` })).toBeVisible();
    await expect(page.getByText('审核通过后自动赋码')).toBeVisible();
    await page.screenshot({ path: `${shots}-02-guide-preview.png`, fullPage: true });
    await page.getByRole('tab', { name: '编辑' }).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText('已提交审改部门审核')).toBeVisible();
    await expect(page).toHaveURL(/\/studio\/items\/item_/);
    itemId = page.url().split('/').pop()!;
    await expect(page.getByText('已提交审核，等待审改部门处理')).toBeVisible();
  });

  await test.step('the reviewer sees the proposed item as a diff and returns it once with reasons', async () => {
    await switchUser(page, 'lg.review');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/studio/item-review');
    // On a 1280-pixel screen the item name keeps a readable width (it was squeezed to one character per line).
    await expect(page.getByRole('link', { name }).first()).toBeVisible();
    expect((await page.getByRole('columnheader', { name: '事项名称' }).boundingBox())!.width).toBeGreaterThan(150);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('link', { name }).first().click();
    await expect(page.getByText('现行版本（无）')).toBeVisible();
    const diff = page.locator('.item-diff');
    await expect(diff.getByRole('row', { name: /申请材料 › 小餐饮经营许可申请书.*新增/ })).toBeVisible();
    // Exactly what the engine offers at 审改办初审: pass on, or back to the submitter.
    await expect(page.getByText('当前环节：审改办初审')).toBeVisible();
    await expect(page.getByRole('button', { name: '审核通过' })).toBeVisible();
    await expect(page.getByRole('button', { name: '退回上一环节' })).toHaveCount(0);
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByLabel('退回意见').fill('请补充健康证明材料');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: '退 回' })
      .or(page.getByRole('dialog').getByRole('button', { name: '退回' }))
      .click();
    await expect(page).toHaveURL(/\/studio\/item-review$/);
  });

  await test.step('the configurator sees the reasons, fixes the item and resubmits', async () => {
    await switchUser(page, 'lg.config');
    await page.goto(`/studio/items/${itemId}`);
    await expect(page.getByText('退回意见：请补充健康证明材料')).toBeVisible();
    await page.getByRole('button', { name: '添加材料' }).click();
    await page.getByLabel('材料名称3').fill('从业人员健康证明');
    // Leaving with the edit unsaved asks first; 留在此页 keeps it.
    await page.locator('.ant-page-header-back-button').click();
    const leave = page.locator('.ant-modal-confirm').filter({ hasText: '离开此页面？' });
    await expect(leave).toContainText('有未保存的事项修改');
    await page.screenshot({ path: `${shots}-02b-leave-guard.png` });
    await leave.getByRole('button', { name: '留在此页' }).click();
    await expect(page).toHaveURL(new RegExp(`/studio/items/${itemId}$`));
    await expect(page.getByLabel('材料名称3')).toHaveValue('从业人员健康证明');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText('已提交审改部门审核')).toBeVisible();
  });

  let basicCode = '';
  await test.step('the reviewer approves: the item is coded, published, announced', async () => {
    await switchUser(page, 'lg.review');
    await page.goto(`/studio/item-review/${itemId}`);
    await expect(page.locator('.item-diff').getByRole('row', { name: /从业人员健康证明/ })).toBeVisible();
    await approveStep(page, '审改办初审');
    // At 分管负责人复审 the engine also offers going back to 初审.
    await expect(page.getByRole('button', { name: '退回上一环节' })).toBeVisible();
    await page.screenshot({ path: `${shots}-03-final-review.png`, fullPage: true });
    await approveStep(page, '分管负责人复审');
    const result = page.getByText(/基本编码：\d{12}/);
    await expect(result).toBeVisible();
    basicCode = (await result.textContent())!.replace('基本编码：', '').trim();
    expect(basicCode).toMatch(/^01\d{7}000$/);
    await page.screenshot({ path: `${shots}-03-approved.png` });
    await page.getByRole('button', { name: /知道了|OK|确定|确 定/ }).click();

    await page.goto('/studio/catalogue');
    await page.getByPlaceholder('事项名称或编码').fill(basicCode);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = page.getByRole('row', { name: new RegExp(basicCode) });
    await expect(row).toContainText(name);
    await page.screenshot({ path: `${shots}-04-catalogue.png`, fullPage: true });
    await page.getByRole('tab', { name: '事项公告' }).click();
    await expect(page.getByText(`关于新增“${name}”政务服务事项的公告`)).toBeVisible();
    await expect(page.locator('.item-announcements').getByText(basicCode).first()).toBeVisible();
  });

  await test.step('a change request shows the right diff to the reviewer', async () => {
    await switchUser(page, 'lg.config');
    await page.goto(`/studio/items/${itemId}`);
    await page.getByRole('button', { name: '申请变更' }).click();
    await expect(page.getByText('已创建变更草稿')).toBeVisible();
    await page.getByLabel('受理条件').fill('申请人具有与经营规模相适应的经营场所、设备设施和从业人员。');
    await page.getByLabel('承诺办结时限（工作日）').fill('5');
    await page.getByRole('button', { name: '删除材料' }).nth(1).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText('已提交审改部门审核')).toBeVisible();

    await switchUser(page, 'lg.review');
    await page.goto(`/studio/item-review/${itemId}`);
    const diff = page.locator('.item-diff');
    await expect(page.getByRole('tab', { name: '字段差异（3处）' })).toBeVisible();
    await expect(diff.getByRole('row', { name: /受理条件.*修改/ })).toBeVisible();
    await expect(diff.getByRole('row', { name: /办结时限 › 承诺办结时限.*10个工作日.*5个工作日/ })).toBeVisible();
    await expect(diff.getByRole('row', { name: /申请材料 › 经营场所使用证明.*删除/ })).toBeVisible();
    await page.screenshot({ path: `${shots}-05-change-diff.png`, fullPage: true });
    await page.getByRole('tab', { name: '办事指南对照' }).click();
    await page.screenshot({ path: `${shots}-06-side-by-side.png`, fullPage: true });
    await approveStep(page, '审改办初审');
    await approveStep(page, '分管负责人复审');
    await expect(page.getByText('现行版本：第2版')).toBeVisible();
    await page.getByRole('button', { name: /知道了|OK|确定|确 定/ }).click();
  });

  await test.step('the old version stays viewable and comparable', async () => {
    await page.goto(`/studio/items/${itemId}`);
    await expect(page.getByText('现行第2版')).toBeVisible();
    await page.getByRole('tab', { name: '版本历史' }).click();
    const versions = page.getByRole('row', { name: /第1版/ }).first();
    await expect(versions).toContainText('已变更（历史版本）');
    await versions.getByText('查看').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('经营场所使用证明')).toBeVisible();
    await expect(dialog.getByText('10个工作日')).toBeVisible();
    await page.screenshot({ path: `${shots}-07-old-version.png`, fullPage: true });
    await page.keyboard.press('Escape');
    await expect(page.locator('.item-diff').getByRole('row', { name: /受理条件/ })).toBeVisible();
  });

  await test.step('statistics reflect the new item and the change', async () => {
    await page.goto('/studio/item-statistics');
    await expect(page.getByText('现行事项', { exact: true })).toBeVisible();
    const year = new Date().getFullYear();
    const yearRow = page.locator('.item-stats-years').getByRole('row', { name: new RegExp(`^${year}`) });
    // Added = the shipped items plus ours (other specs may add items to the same database); changed 1; abolished 0.
    await expect(yearRow).toHaveText(/^\d{4}\s*(\d+)\s*1\s*0\s*\1\s*$/);
    await expect(page.locator('canvas').first()).toBeVisible();
    await page.screenshot({ path: `${shots}-08-statistics.png`, fullPage: true });
  });

  await test.step('the history records every review step; a shipped item shows its sub-items with their own codes', async () => {
    await page.goto(`/studio/items/${itemId}`);
    await page.getByRole('tab', { name: '操作记录' }).click();
    await expect(page.getByText('退回修改（审改办初审）').first()).toBeVisible();
    await expect(page.getByText('审核环节办理（审改办初审）').first()).toBeVisible();
    await expect(page.getByText('审核通过（分管负责人复审）').first()).toBeVisible();
    await page.goto('/studio/items/item-public-place-hygiene');
    await expect(page.getByText(/公共场所卫生许可（新办）（\d{9}001）/)).toBeVisible();
    await expect(page.getByText(/公共场所卫生许可（注销）（\d{9}004）/)).toBeVisible();
    await expect(page.getByText(/^\d{9}00Y$/)).toBeVisible();
  });
});

test('a banner configurator cannot change a league item until the league grants it; abolition goes through review', async ({ page }) => {
  test.setTimeout(180_000);
  await test.step('xl.config sees the league item read-only, with the reason', async () => {
    await signIn(page, 'xl.config');
    await page.goto('/studio/items/item-water-abstraction');
    await expect(page.getByText('没有权限：只能编制本部门的事项')).toBeVisible();
    await expect(page.getByRole('button', { name: '申请变更' })).toHaveCount(0);
  });

  await test.step('a deep link to an unknown item says so instead of spinning forever', async () => {
    await page.goto('/studio/items/item-does-not-exist');
    await expect(page.getByText('无法打开事项')).toBeVisible();
    await expect(page.getByText('“item-does-not-exist”不存在', { exact: false })).toBeVisible();
    await page.getByRole('link', { name: '返回事项列表' }).click();
    await expect(page).toHaveURL(/\/studio\/items$/);
  });

  await test.step('the league reviewer grants 锡林浩特市市场监督管理局 the item', async () => {
    await switchUser(page, 'lg.review');
    await page.goto('/studio/items/item-water-abstraction');
    await page.getByRole('tab', { name: '授权修改' }).click();
    await page.getByRole('combobox', { name: '被授权机构' }).click();
    await page.keyboard.type('锡林浩特市市场');
    await page.keyboard.press('Enter');
    await page
      .getByRole('button', { name: '授 权' })
      .or(page.getByRole('button', { name: '授权', exact: true }))
      .click();
    await expect(page.getByText('已授权')).toBeVisible();
  });

  await test.step('xl.config may now request the change; the league configurator files an abolition the reviewer approves', async () => {
    await switchUser(page, 'xl.config');
    await page.goto('/studio/items/item-water-abstraction');
    await expect(page.getByRole('button', { name: '申请变更' })).toBeVisible();

    await switchUser(page, 'lg.config');
    await page.goto('/studio/items/item-drug-retail');
    await page.getByRole('button', { name: '申请废止' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('废止原因').fill('职能调整，改由自治区药监局实施');
    await dialog.getByLabel('废止日期').click();
    await page.keyboard.type('2026-12-31');
    // Blur commits the typed date (Enter would also submit the form).
    await dialog.getByLabel('废止原因').click();
    await expect(dialog.getByLabel('废止日期')).toHaveValue('2026-12-31');
    await dialog.getByRole('button', { name: '提交废止申请' }).click();
    await expect(page.getByText('废止申请已提交审改部门审核')).toBeVisible();

    await switchUser(page, 'lg.review');
    await page.goto('/studio/item-review/item-drug-retail');
    await expect(page.getByText('职能调整，改由自治区药监局实施')).toBeVisible();
    await approveStep(page, '审改办初审');
    await approveStep(page, '分管负责人复审');
    await expect(page.locator('.ant-modal-confirm-title', { hasText: '已废止' })).toBeVisible();
    await page.getByRole('button', { name: /知道了|OK|确定|确 定/ }).click();
    await page.goto('/studio/catalogue');
    await page.getByRole('tab', { name: '事项公告' }).click();
    await expect(page.getByText('关于废止“药品零售企业许可”政务服务事项的公告')).toBeVisible();
    await page.screenshot({ path: `${shots}-09-abolished.png`, fullPage: true });
  });
});
