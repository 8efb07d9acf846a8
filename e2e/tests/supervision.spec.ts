import { expect, test, type Page } from '@playwright/test';
import { apiAs, enterpriseCase, pageApi } from '../support/api';
import { signIn } from '../support/session';

const signature = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** Drags a palette chip onto a drop zone with real mouse moves (HTML5 drag and drop). */
async function drag(page: Page, from: string, to: string) {
  const source = (await page.getByTestId(from).boundingBox())!;
  const target = (await page.getByTestId(to).boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 8, source.y + source.height / 2 + 8, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Clicks the bar of `category` in the report chart at its pixel (chart.convertToPixel). */
async function clickBar(page: Page, category: string) {
  const chart = page.getByTestId('report-chart');
  await expect(chart.locator('canvas')).toBeVisible();
  await expect
    .poll(() => chart.evaluate((element, name) => {
      const instance = (element as unknown as { xlglChart: () => { getOption: () => { xAxis: Array<{ data: string[] }> } } }).xlglChart();
      return instance?.getOption().xAxis[0]!.data.includes(name) ?? false;
    }, category))
    .toBe(true);
  const point = await chart.evaluate((element, name) => {
    const instance = (element as unknown as { xlglChart: () => { getOption: () => { xAxis: Array<{ data: string[] }>; series: Array<{ data: number[] }> }; convertToPixel: (finder: unknown, value: unknown) => number[] } }).xlglChart();
    const option = instance.getOption();
    const index = option.xAxis[0]!.data.indexOf(name);
    const value = option.series[0]!.data[index]!;
    // Near the bottom of the bar: covered from the first frame of the grow animation.
    return instance.convertToPixel({ seriesIndex: 0 }, [index, value * 0.15]);
  }, category);
  const box = (await chart.boundingBox())!;
  await page.waitForTimeout(600);
  await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
}

test('supervision: drag-built bar chart by banner with drill-through to a case; yellow and red cards; urge popup; SMS outbox; report over a form table', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  page.setDefaultTimeout(20_000);
  // Setup through the desk's case service API: a league case and a Xilinhot case.
  const lgWindow = await apiAs(baseURL!, 'lg.window');
  const league = await lgWindow.mutate<{ caseId: string; number: string }>('desk.accept', enterpriseCase);
  const xlWindow = await apiAs(baseURL!, 'xl.window');
  const banner = await xlWindow.mutate<{ caseId: string; number: string }>('desk.accept', {
    itemId: 'item-xl-individual-business',
    applicant: { kind: 'person', idNumber: '11010519491231002X', name: '斯日古楞', phone: '13904790000' },
    formValues: { f_applicant_name: '斯日古楞', f_id_type: '111', f_id_number: '11010519491231002X', f_mobile: '13904790000', f_address: { regionCode: '152502', detail: '额尔敦路1号' }, f_form: 'individual', f_premises: { regionCode: '152502', detail: '额尔敦路1号' }, f_industry: 'F', f_business_scope: '日用百货零售', f_delivery_method: 'window', f_signature: signature },
    materials: ['m-application', 'm-id', 'm-premises'].map((materialId) => ({ materialId, provided: true })),
    decision: 'accept',
  });

  // 1. lg.super builds a bar chart of cases by banner from scratch, by drag.
  await signIn(page, 'lg.super');
  await page.goto('/supervision/designer');
  await drag(page, 'palette-dimension-region', 'zone-rows');
  await expect(page.getByTestId('placed-region')).toBeVisible();
  await drag(page, 'palette-measure-count', 'zone-measures');
  await expect(page.getByTestId('placed-count')).toBeVisible();
  await page.getByLabel('报表名称').fill('各旗县市办件量');
  await page.getByRole('button', { name: '保存报表' }).click();
  await expect(page).toHaveURL(/\/supervision\/reports\/report-custom-/);
  await expect(page.locator('.ant-page-header-heading-title')).toHaveText('各旗县市办件量');
  await page.screenshot({ path: '../test-results/supervision-1-report.png', fullPage: true });

  // 2. Drill into 锡林浩特市, then to the cases behind its own (本级) bar, then to the case.
  await clickBar(page, '锡林浩特市');
  await expect(page.locator('.ant-breadcrumb').last()).toContainText('锡林浩特市');
  await clickBar(page, '锡林浩特市本级');
  const drawer = page.locator('.ant-drawer-content');
  await expect(drawer.getByRole('link', { name: banner.number })).toBeVisible();
  await expect(drawer.getByRole('link', { name: league.number })).toHaveCount(0);
  await page.screenshot({ path: '../test-results/supervision-2-drill.png', fullPage: true });
  await drawer.getByRole('link', { name: banner.number }).click();
  await expect(page.locator('.ant-page-header-heading-title')).toHaveText(`办件监察：${banner.number}`);
  await expect(page.getByText('办理过程（全部环节）')).toBeVisible();

  // 3. The league case is driven past its yellow and red thresholds with the test clock.
  const superApi = await apiAs(baseURL!, 'lg.super');
  const detail = await superApi.query<{ case: { dueDate: string } }>('supervision.case', { caseId: league.caseId });
  const after = new Date(`${detail.case.dueDate}T00:00:00+08:00`);
  after.setDate(after.getDate() + 3);
  await superApi.mutate('supervision.fireDueTimers', { at: after.toISOString() });
  await page.goto(`/supervision/case/${league.caseId}`);
  const cards = page.getByTestId('case-cards');
  await expect(cards.getByText('红牌').first()).toBeVisible();
  await expect(cards.getByText('黄牌').first()).toBeVisible();
  await expect(cards).toContainText('已超过承诺办结时限');
  await page.screenshot({ path: '../test-results/supervision-3-cards.png', fullPage: true });

  // 4. The handler (lg.approver, at the desk) receives the urge as a live popup.
  const handlerContext = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const handler = await handlerContext.newPage();
  await signIn(handler, 'lg.approver');
  await handler.goto('/desk/inbox');
  await expect(handler.getByRole('link', { name: league.number })).toBeVisible();
  await handler.waitForTimeout(1000); // the SSE subscription is open
  await page.getByLabel('催办内容').fill('请今日内完成审核登记');
  await page.getByRole('button', { name: '发送' }).click();
  await expect(page.getByText(/已发送给.*（弹窗与短信）/)).toBeVisible();
  await expect(handler.locator('.ant-notification-notice').filter({ hasText: `【催办】企业设立登记（${league.number}）：请今日内完成审核登记` })).toBeVisible();
  await handler.screenshot({ path: '../test-results/supervision-4-popup.png' });

  // 5. The SMS sits in the outbox (for the urge and for the cards).
  await page.goto('/supervision/outbox');
  // Other specs add texts too: find this case's by its number.
  await page.getByLabel('搜索短信').fill(league.number);
  await page.getByLabel('搜索短信').press('Enter');
  await expect(page.getByRole('cell', { name: new RegExp(`^【红牌】企业设立登记（${league.number}）`) }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: `【催办】企业设立登记（${league.number}）：请今日内完成审核登记` }).first()).toBeVisible();
  await page.screenshot({ path: '../test-results/supervision-5-outbox.png', fullPage: true });
  // 6. The shipped supervision dashboard counts this month's cards.
  await page.goto('/supervision/reports/report-supervision-dashboard');
  await expect(page.getByTestId('report-kpi').getByText('红牌 · 数量')).toBeVisible();
  await expect(page.getByText('各旗县市按时办结率')).toBeVisible();
  await page.screenshot({ path: '../test-results/supervision-6-dashboard.png', fullPage: true });

  // 7. A report over a published form's own table (enterprise type from the registration form), by drag.
  await page.goto('/supervision/designer');
  await page.locator('div.ant-select[aria-label="数据源"]').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '表单数据' }).click();
  await page.locator('div.ant-select[aria-label="表单"]').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '公司登记（备案）申请书' }).click();
  await drag(page, 'palette-dimension-field:f_enterprise_type', 'zone-rows');
  await expect(page.getByTestId('placed-field:f_enterprise_type')).toBeVisible();
  await drag(page, 'palette-measure-sum-f_registered_capital', 'zone-measures');
  await expect(page.getByTestId('placed-sum-f_registered_capital')).toBeVisible();
  await page.locator('.ant-radio-button-wrapper').filter({ hasText: '表格' }).click();
  const viewer = page.getByTestId('report-viewer');
  await expect(viewer.getByRole('columnheader', { name: '企业类型' })).toBeVisible();
  await expect(viewer.getByRole('cell', { name: '有限责任公司（自然人投资或控股）' })).toBeVisible();
  await page.screenshot({ path: '../test-results/supervision-7-form-report.png', fullPage: true });
  await handlerContext.close();
  for (const client of [lgWindow, xlWindow, superApi]) await client.dispose();
});

test('a deep link to an unknown report or case says so instead of spinning', async ({ page }) => {
  await signIn(page, 'lg.super');
  await page.goto('/supervision/reports/report-does-not-exist');
  await expect(page.getByText('无法打开报表')).toBeVisible();
  await expect(page.getByText('报表“report-does-not-exist”不存在')).toBeVisible();
  await page.getByRole('link', { name: '返回报表列表' }).click();
  await expect(page).toHaveURL(/\/supervision\/reports$/);
  await page.goto('/supervision/case/not-a-case-id');
  await expect(page.getByText('无法打开办件')).toBeVisible();
  await expect(page.getByText('链接中的办件标识不正确')).toBeVisible();
  await expect(page.getByText('caseId')).toHaveCount(0);
  await page.goto('/supervision/case/00000000-0000-4000-8000-000000000000');
  await expect(page.getByText('办件不存在')).toBeVisible();
});

test('the report list is searchable; a report is deleted only after confirming, and one a dashboard shows is kept', async ({ page }) => {
  await signIn(page, 'lg.super');
  const report = (id: string, name: string, dashboard?: unknown[]) => ({
    document: { kind: 'report', id, version: 1, schemaVersion: 1, name, source: 'cases', rows: [], series: [], measures: [{ measure: 'count' }], chart: dashboard ? 'kpi' : 'table', filters: [], period: {}, ...(dashboard ? { dashboard } : {}) },
  });
  await pageApi(page, 'reports.save', report('report-e2e-tile', 'E2E待删报表'), true);
  await pageApi(page, 'reports.save', report('report-e2e-board', 'E2E待删驾驶舱', [{ reportId: 'report-e2e-tile', x: 0, y: 0, w: 12, h: 8 }]), true);
  await page.goto('/supervision/reports');
  await page.getByLabel('搜索报表').fill('E2E待删');
  await page.getByLabel('搜索报表').press('Enter');
  await expect(page.getByRole('link', { name: '本月红黄牌' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^E2E待删/ })).toHaveCount(2);
  const row = (name: string) => page.locator('.ant-list-item').filter({ has: page.getByRole('link', { name, exact: true }) });
  // Each row's confirmation carries its own title; a closing one from the previous step stays in the DOM while it fades.
  const confirmation = (name: string) => page.locator('.ant-popconfirm').filter({ hasText: `删除“${name}”？` });
  // Cancelling the confirmation keeps the report.
  await row('E2E待删报表').getByText('删除', { exact: true }).click();
  await confirmation('E2E待删报表').getByRole('button', { name: /取\s*消/ }).click();
  await expect(confirmation('E2E待删报表')).toBeHidden();
  await expect(page.getByRole('link', { name: 'E2E待删报表', exact: true })).toBeVisible();
  // A report the dashboard shows is refused with the dashboard's name.
  await row('E2E待删报表').getByText('删除', { exact: true }).click();
  await confirmation('E2E待删报表').getByRole('button', { name: /删\s*除/ }).click();
  await expect(page.getByText(/无法删除.*E2E待删驾驶舱/)).toBeVisible();
  await expect(confirmation('E2E待删报表')).toBeHidden();
  await row('E2E待删驾驶舱').getByText('删除', { exact: true }).click();
  await confirmation('E2E待删驾驶舱').getByRole('button', { name: /删\s*除/ }).click();
  await expect(page.getByText('已删除“E2E待删驾驶舱”')).toBeVisible();
  await row('E2E待删报表').getByText('删除', { exact: true }).click();
  await confirmation('E2E待删报表').getByRole('button', { name: /删\s*除/ }).click();
  await expect(page.getByText('已删除“E2E待删报表”')).toBeVisible();
  await expect(page.getByText('没有符合条件的报表')).toBeVisible();
});

test('a board or outbox that fails to load says so instead of reading as empty', async ({ page }) => {
  await signIn(page, 'lg.super');
  await page.route(/\/trpc\/[^?]*supervision\.(board|outbox)/, (route) => route.abort());
  await page.goto('/supervision/board');
  await expect(page.getByRole('alert').filter({ hasText: '无法连接服务器' })).toBeVisible();
  await expect(page.getByText('办件加载失败')).toBeVisible();
  await expect(page.getByText('监察范围内暂无办件')).toHaveCount(0);
  await page.goto('/supervision/outbox');
  await expect(page.getByRole('alert').filter({ hasText: '无法连接服务器' })).toBeVisible();
  await expect(page.getByText('短信加载失败')).toBeVisible();
  await expect(page.getByText('暂无短信')).toHaveCount(0);
});
