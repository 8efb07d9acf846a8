import { expect, test, type Page } from '@playwright/test';
import { chooseInPanel, configureStep, connectNodes, dragFlowNode, dragFormField, dragToTemplate, flowNode, pickByLabel, selectInForm } from '../support/designers';
import { signIn, signOut } from '../support/session';

/**
 * Issue 11's golden path, as far as the current features carry it (see docs/tour.md, "Known gaps").
 * Everything is done through the UI with real mouse drags; names carry a run suffix so reruns on a
 * reused database do not collide.
 */
const run = Date.now().toString(36).slice(-4);
const itemName = `草原旅游接待经营许可（${run}）`;
const formName = `草原旅游接待经营许可申请表（${run}）`;
const flowName = `草原旅游接待经营许可流程（${run}）`;
const templateName = `草原旅游接待经营许可证（${run}）`;
const shots = `${process.env.GOLDEN_SHOTS ?? 'test-results'}/golden`;

async function switchUser(page: Page, account: string) {
  await signOut(page);
  await signIn(page, account);
}

/** A control of the generated acceptance form by its field label (formily: label and control are siblings). */
function formField(page: Page, label: string) {
  return page
    .getByTestId('acceptance-form')
    .locator('.ant-formily-item')
    .filter({ has: page.locator('.ant-formily-item-label', { hasText: new RegExp(`^\\*?\\s*${label}\\s*[：:]?$`) }) })
    .first();
}

test.describe.configure({ mode: 'serial' });

test('golden path: a new item built by drag, reviewed, coded, published, accepted at the window; both parallel departments act, fee paid, print recorded, completed', async ({ page }) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(20_000);
  let itemId = '';

  await test.step('1a. the configurator drags a form with an ID-number field and a sub-table, and publishes it', async () => {
    await signIn(page, 'lg.config');
    await page.goto('/studio/forms');
    await page.getByRole('button', { name: /新建表单/ }).click();
    await page.getByLabel('表单名称').fill(formName);
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/studio\/forms\/form_[0-9a-z]+$/);
    for (const type of ['text', 'id-number', 'mobile', 'sub-table']) await dragFormField(page, type);
    const fields = page.locator('[data-testid^="field-f_"]');
    for (const [index, label] of ['经营者姓名', '经营者身份证号码', '联系电话'].entries()) {
      await fields.nth(index).click();
      await page.getByTestId('field-label').fill(label);
    }
    await page.screenshot({ path: `${shots}-1a-form.png` });
    await page.getByRole('button', { name: /发\s*布/ }).first().click();
    const confirm = page.locator('.ant-modal').filter({ hasText: '发布表单' });
    await expect(confirm.getByTestId('db-plan')).toContainText('将新建数据表');
    await confirm.getByRole('button', { name: /确认发布/ }).click();
    await expect(page.getByTestId('publish-report')).toContainText('已发布第1版');
    await page.locator('.ant-drawer-close').click();
  });

  await test.step('1b. the configurator designs the certificate by drag, bound to the form, and publishes it', async () => {
    await page.goto('/studio/seals');
    await page.getByRole('button', { name: '生成印章' }).click();
    await page.getByLabel('印章下方文字（可选）').fill('行政审批专用章');
    await page.getByRole('button', { name: '生成', exact: true }).click();
    await expect(page.getByText('已为“锡林郭勒盟市场监督管理局”生成电子印章')).toBeVisible();
    await page.goto('/studio/templates');
    await page.getByRole('button', { name: '新建证照模板' }).click();
    await page.getByLabel('模板名称').fill(templateName);
    await page.getByLabel('证照名称').fill('草原旅游接待经营许可证');
    await pickByLabel(page, '所属部门（用印部门）', '锡林郭勒盟市场监督管理局');
    await pickByLabel(page, '绑定表单（可绑定其字段）', formName);
    await page.getByRole('button', { name: '创建' }).click();
    await expect(page.getByTestId('template-page')).toBeVisible();
    await dragToTemplate(page, page.locator('[data-palette="text"]'), { x: 30, y: 20 });
    await page.getByTestId('element-properties').getByLabel('文字').fill('草原旅游接待经营许可证');
    const formFields = page.locator('[data-palette^="form:"]');
    await expect(formFields.first()).toBeVisible();
    await dragToTemplate(page, formFields.first(), { x: 30, y: 60 });
    await dragToTemplate(page, formFields.nth(1), { x: 30, y: 75 });
    await dragToTemplate(page, page.locator('[data-palette="case:certificateNumber"]'), { x: 120, y: 42 });
    await dragToTemplate(page, page.locator('[data-palette="qr"]'), { x: 30, y: 140 });
    await dragToTemplate(page, page.locator('[data-palette="seal"]'), { x: 130, y: 130 });
    await expect(page.locator('[data-element-type="seal"]')).toHaveCount(1);
    await expect(page.locator('[data-element-type="field"]')).toHaveCount(3);
    await page.screenshot({ path: `${shots}-1b-template.png` });
    await page.getByRole('button', { name: '发布' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '发布' }).click();
    await expect(page.locator('.ant-tag').getByText('已发布第 1 版')).toBeVisible();
  });

  await test.step('1c. the configurator drags a flow: parallel block for two departments, fee gate, print gate; publishes it', async () => {
    await page.goto('/studio/flows');
    await page.getByRole('button', { name: /新建流程/ }).click();
    await page.getByLabel('流程名称').fill(flowName);
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/studio\/flows\/flow_[0-9a-z]+$/);
    await expect(page.locator('.react-flow__node')).toHaveCount(2);
    await page.screenshot({ path: `${shots}-1c-empty-flow.png` });
    // Start sits at the left, 办结 at the right of the middle row; the minimap covers the bottom-right corner.
    await dragFlowNode(page, 'task-accept', { x: 80, y: 40 });
    await dragFlowNode(page, 'parallel-split', { x: 250, y: 40 });
    await dragFlowNode(page, 'task-undertake', { x: 130, y: 130 });
    await dragFlowNode(page, 'task-review', { x: 330, y: 130 });
    await dragFlowNode(page, 'parallel-join', { x: 230, y: 220 });
    await dragFlowNode(page, 'fee-gate', { x: 60, y: 310 });
    await dragFlowNode(page, 'print-gate', { x: 230, y: 310 });
    for (const [from, to] of [['开始', '受理'], ['受理', '并联审批'], ['并联审批', '审查'], ['并联审批', '审核'], ['审查', '并联汇合'], ['审核', '并联汇合'], ['并联汇合', '收费'], ['收费', '证照打印'], ['证照打印', '办结']] as const) {
      // Fit the view first: connecting near the border pans the canvas.
      await page.locator('.react-flow__controls-fitview').click();
      await page.waitForTimeout(400);
      await connectNodes(page, from, to);
    }
    await page.getByRole('button', { name: '自动布局' }).click();
    await page.waitForTimeout(400);
    await configureStep(page, '受理', { by: '按角色', pick: '窗口人员', days: 1 });
    await configureStep(page, '审查', { by: '按部门', pick: '锡林郭勒盟市场监督管理局', days: 3 });
    await configureStep(page, '审核', { by: '按部门', pick: '锡林郭勒盟卫生健康', days: 3 });
    await configureStep(page, '收费', { by: '按角色', pick: '窗口人员', days: 1 });
    await configureStep(page, '证照打印', { by: '按角色', pick: '窗口人员', days: 1 });
    await chooseInPanel(page, '选择证照模板', templateName);
    await flowNode(page, '并联审批').click();
    const panel = page.getByTestId('settings-panel');
    for (const department of ['锡林郭勒盟市场监督管理局', '锡林郭勒盟卫生健康']) {
      await panel.locator('.ant-select').filter({ hasText: '办理部门' }).first().click();
      await page.keyboard.type(department);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: department }).first().click();
    }
    await chooseInPanel(page, '选择牵头部门', '市场监督管理局');
    await page.screenshot({ path: `${shots}-1c-flow.png` });
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await expect(page.getByTestId('server-review')).toContainText('0个错误');
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /发\s*布/ }).click();
    await expect(page.getByText('已发布 第1版')).toBeVisible();
    await expect(flowNode(page, '收费')).toBeVisible();
    await expect(flowNode(page, '证照打印')).toBeVisible();
  });

  await test.step('1d. the configurator creates the item with fee, certificate, form and flow, and submits it', async () => {
    await page.goto('/studio/items');
    await page.getByRole('button', { name: '新建事项' }).click();
    await expect(page).toHaveURL(/\/studio\/items\/new$/);
    await page.getByLabel('事项名称').fill(itemName);
    await page.getByLabel('受理条件').fill('申请人具有符合条件的草原旅游接待场所和设施。');
    await page.getByRole('button', { name: '添加材料' }).click();
    await page.getByLabel('材料名称1').fill('草原旅游接待经营许可申请书');
    await page.getByRole('button', { name: '添加设定依据' }).click();
    await page.getByLabel('法律法规名称1').fill('《内蒙古自治区旅游条例》');
    await page.getByLabel('法定办结时限（工作日）').fill('20');
    await page.getByLabel('承诺办结时限（工作日）').fill('10');
    await page.getByLabel('是否收费').click();
    await page.getByRole('button', { name: '添加收费项目' }).click();
    await page.getByPlaceholder('收费项目名称').fill('许可证工本费');
    await page.locator('.ant-form-item:has(label[title="收费标准"]) input').fill('10');
    await page.locator('.ant-form-item:has(label[title="收费依据"]) input').fill('《内蒙古自治区行政事业性收费项目目录》');
    await selectInForm(page, '结果类型', '证照');
    await page.getByLabel('结果名称').fill('草原旅游接待经营许可证');
    await selectInForm(page, '证照模板', templateName);
    await selectInForm(page, '申请表单（已发布）', formName);
    await selectInForm(page, '办理流程（已发布）', flowName);
    await page.screenshot({ path: `${shots}-1d-item.png`, fullPage: true });
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText('已提交审改部门审核')).toBeVisible();
    await expect(page).toHaveURL(/\/studio\/items\/item_/);
    itemId = page.url().split('/').pop()!;
  });

  await test.step('2. the reviewer sees the diff and approves: the item is coded, published and announced', async () => {
    await switchUser(page, 'lg.review');
    await page.goto('/studio/item-review');
    await page.getByRole('link', { name: itemName }).first().click();
    await expect(page.getByText('现行版本（无）')).toBeVisible();
    await expect(page.locator('.item-diff').getByRole('row', { name: /草原旅游接待经营许可申请书.*新增/ })).toBeVisible();
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认通过' }).click();
    const result = page.getByText(/基本编码：\d{12}/);
    await expect(result).toBeVisible();
    const basicCode = (await result.textContent())!.replace('基本编码：', '').trim();
    await page.getByRole('button', { name: /知道了|OK|确定|确 定/ }).click();
    await page.goto('/studio/catalogue');
    await page.getByPlaceholder('事项名称或编码').fill(basicCode);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect(page.getByRole('row', { name: new RegExp(basicCode) })).toContainText(itemName);
    await page.getByRole('tab', { name: '事项公告' }).click();
    await expect(page.getByText(`关于新增“${itemName}”政务服务事项的公告`)).toBeVisible();
    await page.screenshot({ path: `${shots}-2-announcement.png`, fullPage: true });
    expect(itemId).toMatch(/^item_/);
  });

  let caseNumber = '';
  await test.step('3a. the league window accepts a case of the new item and the acceptance notice downloads', async () => {
    await switchUser(page, 'lg.window');
    await page.goto('/desk/accept');
    await page.getByLabel('搜索事项').fill(itemName);
    await page.getByLabel('搜索事项').press('Enter');
    await page.locator(`[data-item-id="${itemId}"]`).click();
    await page.getByText('自然人', { exact: true }).click();
    await page.getByLabel('证件号码').fill('152501199003150020');
    await page.getByRole('button', { name: '调取' }).click();
    await page.getByLabel('申请人名称').fill('其其格');
    await formField(page, '经营者姓名').locator('input').fill('其其格');
    await formField(page, '经营者身份证号码').locator('input').fill('152501199003150020');
    await formField(page, '联系电话').locator('input').fill('13904795678');
    await formField(page, '子表').getByRole('button', { name: /添加一行/ }).click();
    await formField(page, '子表').locator('.ant-table-tbody input').first().fill('蒙古包接待点一处');
    await page.getByRole('button', { name: '全部已收' }).click();
    await page.screenshot({ path: `${shots}-3a-accept.png`, fullPage: true });
    await page.getByTestId('accept-button').click();
    await expect(page.getByText('已受理', { exact: true })).toBeVisible();
    caseNumber = (await page.getByTestId('case-number').textContent())!.trim();
    expect(caseNumber).toMatch(/^152500\d{12}$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /打印受理通知书/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByRole('button', { name: '查看办件' }).click();
    await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
    await expect(page.getByText('受理通知书').first()).toBeVisible();
  });

  await test.step('3b. both departments of the parallel block approve on their own task', async () => {
    for (const [account, step] of [['lg.approver', '审查'], ['lg.wjw.approver', '审核']] as const) {
      await switchUser(page, account);
      await page.goto('/desk/inbox');
      await page.getByRole('link', { name: caseNumber }).click();
      await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
      const actions = page.getByTestId('actions');
      await actions.getByLabel('办理意见').fill(`${step}同意`);
      await actions.getByRole('button', { name: '通过', exact: true }).click();
      await expect(page.getByText('通过：已完成')).toBeVisible();
    }
    await page.screenshot({ path: `${shots}-3b-parallel-done.png`, fullPage: true });
  });

  await test.step('3c. the window records the fee (the gate holds until paid), records the print, and the case completes', async () => {
    await switchUser(page, 'lg.window');
    await page.goto('/desk/inbox');
    await page.getByRole('link', { name: caseNumber }).click();
    await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
    const actions = page.getByTestId('actions');
    await expect(page.getByTestId('fee-bill').getByText('未缴费')).toBeVisible();
    await actions.getByRole('button', { name: '登记缴费' }).click();
    await page.getByLabel('票据号').fill('NM2026-000456');
    await page.getByRole('button', { name: '确认收费' }).click();
    await expect(page.getByText('缴费已登记')).toBeVisible();
    await expect(page.getByTestId('fee-bill').getByText('已缴清')).toBeVisible();
    await expect(page.getByTestId('fee-bill').getByText('合计 10.00元')).toBeVisible();
    await actions.getByRole('button', { name: '登记证照打印', exact: true }).click();
    await expect(page.getByText('登记证照打印：已完成')).toBeVisible();
    // The print gate is the last step: recording the print completes the case.
    const status = page.getByTestId('case-status');
    await expect(status).toHaveText('已办结（准予）');
    await expect(page.getByRole('listitem').filter({ hasText: '办结通知书' })).toBeVisible();
    await page.screenshot({ path: `${shots}-3c-completed.png`, fullPage: true });
  });
});
