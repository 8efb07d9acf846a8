import { expect, test, type Page } from '@playwright/test';
import { apiAs } from '../support/api';
import { acceptanceField as field, acceptWithAllMaterials, fillEnterpriseRegistration, openAcceptance } from '../support/acceptance';
import { signIn, signOut } from '../support/session';
import { ensureSeal, issueAndPrintOnCase } from '../support/certificates';

/** Opens a case from the inbox (待办) by its number. */
async function openFromInbox(page: Page, number: string) {
  await page.goto('/desk/inbox');
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByTestId('case-number')).toHaveText(number);
}

/** Picks an option of a select field of the generated form. */
async function choose(page: Page, label: string, option: string) {
  await field(page, label).locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Picks a region of a region field by searching its name in the cascader. */
async function chooseRegion(page: Page, label: string, name: string) {
  await field(page, label).locator('.ant-cascader').click();
  await field(page, label).locator('.ant-cascader input').fill(name);
  await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: name }).first().click();
}

/** Decides 受理 on the acceptance screen and returns the new case number. */
async function acceptAndReadNumber(page: Page) {
  await acceptWithAllMaterials(page);
  return (await page.getByTestId('case-number').textContent())!.trim();
}

async function act(page: Page, label: string, opinion?: string) {
  const actions = page.getByTestId('actions');
  if (opinion) await actions.getByLabel('办理意见').fill(opinion);
  await actions.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByText(`${label}：已完成`)).toBeVisible();
}

test('企业设立登记: accepted at the window, returned once, supplemented once, completed with notices', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  page.setDefaultTimeout(20_000);
  // 1. The window accepts: item found by pinyin initials, applicant, generated form, materials.
  await signIn(page, 'lg.window');
  await fillEnterpriseRegistration(page, { creditCode: '91330102MA28NBU477', name: '锡林郭勒草原牧业有限公司' });
  const number = await acceptAndReadNumber(page);
  expect(number).toMatch(/^152500\d{12}$/);
  await expect(page.getByTestId('query-password')).toHaveText(/^\d{6}$/);
  const queryPassword = (await page.getByTestId('query-password').textContent())!.trim();
  const acceptanceNotice = page.waitForEvent('download');
  await page.getByRole('button', { name: '打印受理通知书' }).click();
  expect((await acceptanceNotice).suggestedFilename()).toBe(`受理通知书-${number}.pdf`);
  await page.screenshot({ path: '../test-results/desk-1-accepted.png' });

  // 2. The approver returns it to the window.
  await signOut(page);
  await signIn(page, 'lg.approver');
  await openFromInbox(page, number);
  await page.screenshot({ path: '../test-results/desk-2-case.png', fullPage: true });
  await page.getByTestId('actions').getByRole('button', { name: '退回', exact: true }).click();
  // An option clicked while the dropdown is still opening can be missed on a loaded machine: pick
  // again until the select shows it.
  const returnDialog = page.getByRole('dialog', { name: '退回' });
  await expect(async () => {
    await returnDialog.getByRole('combobox', { name: '退回到' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '受理' }).click({ timeout: 5_000 });
    await expect(returnDialog.locator('.ant-select-selection-item')).toHaveText(/受理/, { timeout: 3_000 });
  }).toPass({ timeout: 45_000 });
  await page.getByLabel('退回理由').fill('经营范围表述不规范，请与申请人核实');
  await page.getByRole('button', { name: '确定退回' }).click();
  await expect(page.getByText('退回：已完成')).toBeVisible();

  // 3. The window corrects and passes it on again.
  await signOut(page);
  await signIn(page, 'lg.window');
  await openFromInbox(page, number);
  const caseUrl = page.url();
  await act(page, '通过', '已与申请人核实更正');

  // 4. The approver asks for a supplement naming the material (the clock stops; the notice lists it).
  await signOut(page);
  await signIn(page, 'lg.approver');
  await openFromInbox(page, number);
  await page.getByTestId('actions').getByLabel('办理意见').fill('请补充股东会决议');
  await page.getByTestId('actions').getByRole('button', { name: '补正告知', exact: true }).click();
  const ask = page.getByRole('dialog', { name: '一次性告知补正材料' });
  // A click while the dialog is still zooming in can miss: check until it holds.
  const articlesBox = ask.getByRole('checkbox', { name: '公司章程' });
  await expect(async () => {
    await articlesBox.check({ timeout: 2_000 });
    await expect(articlesBox).toBeChecked({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(ask.getByLabel('补正要求')).toHaveValue('请补充股东会决议');
  await ask.getByRole('button', { name: '告知补正并暂停计时' }).click();
  await expect(page.getByText('补正告知：已完成')).toBeVisible();
  await expect(page.getByTestId('supplement-panel')).toContainText('需补正的材料：公司章程');
  await expect(page.getByTestId('supplement-panel').getByTestId('supplement-complete')).toHaveCount(0);

  // 5. The applicant brings it to the window: uploaded in the supplement panel, 补正完成 restarts the clock.
  await signOut(page);
  await signIn(page, 'lg.window');
  // The window finds it under 待补正 in its inbox.
  await page.goto('/desk/inbox');
  await page.getByRole('tab', { name: '待补正' }).click();
  await page.getByRole('row').filter({ hasText: '审核登记（待补正）' }).getByRole('link', { name: number }).click();
  await expect(page).toHaveURL(caseUrl);
  const supplement = page.getByTestId('supplement-panel');
  await expect(supplement).toContainText('补正要求：请补充股东会决议');
  const articles = supplement.getByTestId('material-m-articles');
  await articles.locator('input[type=file]').setInputFiles({ name: '公司章程（含股东会决议）.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% 股东会决议\n%%EOF\n') });
  await expect(articles.getByTestId('material-file')).toContainText('公司章程（含股东会决议）.pdf');
  await supplement.getByLabel('补正说明').fill('申请人当面递交');
  await page.screenshot({ path: '../test-results/desk-2b-supplement-panel.png', fullPage: true });
  await supplement.getByTestId('supplement-complete').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '补正完成' }).click();
  await expect(page.getByText('补正完成：已恢复计时')).toBeVisible();
  await expect(page.getByTestId('supplement-panel')).toHaveCount(0);
  await expect(page.getByTestId('case-history').getByText('收到补正材料：公司章程（电子件1份）；申请人当面递交')).toBeVisible();

  // 6. The approver sees the new file (marked 补正) and the history entry, and approves.
  await signOut(page);
  await signIn(page, 'lg.approver');
  await openFromInbox(page, number);
  await expect(page.getByTestId('case-material-m-articles')).toContainText('公司章程（含股东会决议）.pdf');
  await expect(page.getByTestId('case-material-m-articles')).toContainText('含补正件');
  await expect(page.getByTestId('case-history').getByText('恢复计时（补正）')).toBeVisible();
  await page.getByTestId('case-materials').screenshot({ path: '../test-results/desk-2c-supplement-received.png' });
  await act(page, '通过', '同意登记');

  // 7. The window issues the licence on the case screen and prints it (the print passes the print gate), and delivers: the case completes.
  await ensureSeal(baseURL!, 'org-lg-scjgj');
  await signOut(page);
  await signIn(page, 'lg.window');
  await openFromInbox(page, number);
  const licence = await issueAndPrintOnCase(page);
  expect(licence).toMatch(/^QY152500\d{10}$/);
  await page.screenshot({ path: '../test-results/desk-7-certificate-printed.png', fullPage: true });
  await act(page, '通过', '申请人窗口领取');
  await expect(page.getByTestId('case-status')).toHaveText('已办结（准予）');
  const history = page.getByTestId('case-history');
  for (const text of ['已受理', '退回', '暂停计时（补正）', '恢复计时（补正）', '已制证', '已办结']) await expect(history.getByText(text).first()).toBeVisible();
  // Notices: acceptance, supplement, completion — the completion notice downloads as a PDF.
  const download = page.waitForEvent('download');
  await page.getByRole('listitem').filter({ hasText: '办结通知书' }).getByRole('button', { name: '下载PDF' }).click();
  expect((await download).suggestedFilename()).toBe(`办结通知书-${number}.pdf`);
  await page.screenshot({ path: '../test-results/desk-3-completed.png', fullPage: true });

  // 8. The applicant checks progress on the public page (no sign-in) with the number and the query password.
  await signOut(page);
  await page.goto(`/progress?number=${number}`);
  await expect(page.getByLabel('办件编号')).toHaveValue(number);
  await page.getByLabel('查询密码').fill(queryPassword === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('progress-error')).toContainText('办件编号或查询密码不正确');
  await page.getByLabel('查询密码').fill(queryPassword);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('progress-status')).toHaveText('已办结（准予）');
  const publicHistory = page.getByTestId('progress-history');
  await expect(publicHistory.getByText('说明：请补充股东会决议')).toBeVisible();
  await expect(publicHistory.getByText('同意登记')).toHaveCount(0);
  await expect(page.getByTestId('progress-result').getByText('已办结', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: '../test-results/desk-6-public-progress.png', fullPage: true });
});

test('草原征占用审核: a banner case escalates to the league, comes back, the fee is paid and the case completes', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  page.setDefaultTimeout(20_000);
  // Acceptance at the Xilinhot window, through the acceptance screen.
  await signIn(page, 'xl.window');
  await openAcceptance(page, '草原征占用', 'item-xl-grassland-occupation');
  await page.getByText('法人', { exact: true }).click();
  await page.getByLabel('证件号码').fill('91330102MA28NBU477');
  await page.getByLabel('申请人名称').fill('锡林浩特市草原能源有限公司');
  await field(page, '申请单位名称').locator('input').fill('锡林浩特市草原能源有限公司', { timeout: 15_000 });
  await field(page, '统一社会信用代码').locator('input').fill('91330102MA28NBU477');
  await field(page, '法定代表人（负责人）').locator('input').fill('朝鲁');
  await field(page, '法定代表人身份证号码').locator('input').fill('11010519491231002X');
  await field(page, '联系电话（手机）').locator('input').fill('13904791234');
  await field(page, '住所').getByPlaceholder('街道、门牌号等详细地址').fill('锡林浩特市宝力根苏木');
  await field(page, '项目名称').locator('input').fill('风电场集电线路工程');
  await field(page, '项目批准（核准、备案）文号').locator('input').fill('锡发改能源〔2026〕18号');
  await choose(page, '征占用方式', '征收');
  await chooseRegion(page, '草原所在苏木乡镇（嘎查）', '宝力根苏木');
  await choose(page, '草原类型', '温性典型草原');
  await field(page, '征占用面积').locator('input').fill('1000');
  await field(page, '补偿金额（元）').locator('input').fill('120000');
  await expect(page.getByTestId('fee-lines')).toContainText('按申请表“征占用面积”计（平方米）');
  const accepted = { number: await acceptAndReadNumber(page) };
  expect(accepted.number).toMatch(/^152502\d{12}$/);

  // The banner's forestry bureau: site inspection (clock stopped) ends, preliminary review passes → escalated.
  await signOut(page);
  await signIn(page, 'xl.lcj.approver');
  await openFromInbox(page, accepted.number);
  await act(page, '特别程序结束', '现场查验无异议');
  await act(page, '通过', '初审同意，报盟林草局审核');

  // The league centre audits and decides.
  await signOut(page);
  await signIn(page, 'lg.lcj.approver');
  await openFromInbox(page, accepted.number);
  await expect(page.getByTestId('actions').getByText('盟级审核')).toBeVisible();
  await act(page, '通过', '审核同意');
  await signOut(page);
  await signIn(page, 'lg.lcj.leader');
  await openFromInbox(page, accepted.number);
  await act(page, '通过', '同意征占用');

  // Back at the banner window: the fee gate holds until payment is recorded.
  await signOut(page);
  await signIn(page, 'xl.window');
  await openFromInbox(page, accepted.number);
  await expect(page.getByTestId('actions').getByRole('button', { name: '通过', exact: true })).toBeDisabled();
  await page.getByTestId('actions').getByRole('button', { name: '登记缴费' }).click();
  await page.getByLabel('票据号').fill('NM2026-000123');
  await page.getByRole('button', { name: '确认收费' }).click();
  await expect(page.getByText('缴费已登记')).toBeVisible();
  await expect(page.getByTestId('fee-bill').getByText('已缴清')).toBeVisible();
  await expect(page.getByTestId('fee-bill').getByText('合计 3000.00元')).toBeVisible();
  await ensureSeal(baseURL!, 'org-xl-lcj');
  const consent = await issueAndPrintOnCase(page);
  // 补打 needs a reason and is recorded; it does not move the case again.
  const certificates = page.getByTestId('certificate-panel');
  await certificates.getByRole('button', { name: /^补\s*打$/ }).click();
  const reprint = page.locator('.ant-modal').filter({ hasText: '补打证照' });
  await expect(reprint.getByRole('button', { name: /^补\s*打$/ })).toBeDisabled();
  await reprint.getByLabel('补打原因').fill('申请人遗失，重新打印');
  const reprinted = page.waitForEvent('popup');
  await reprint.getByRole('button', { name: /^补\s*打$/ }).click();
  await (await reprinted).close();
  await expect(page.locator('.ant-message').getByText(`已登记补打 ${consent}`)).toBeVisible();
  await expect(certificates.getByText('已打印 2 次')).toBeVisible();
  await page.screenshot({ path: '../test-results/desk-4-certificate-reprinted.png', fullPage: true });
  await act(page, '通过', '已送达申请人');
  await expect(page.getByTestId('case-status')).toHaveText('已办结（准予）');
  const history = page.getByTestId('case-history');
  for (const text of ['上报', '结果下发', '已缴费', '已办结']) await expect(history.getByText(text).first()).toBeVisible();
  await page.screenshot({ path: '../test-results/desk-4-escalated-completed.png', fullPage: true });
});

test('企业开办: a parallel bundle — five departments each in their own view, the lead summarises', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(20_000);
  // The 企业开办 window accepts through the screen: applicant, the one-table form tab by tab, materials.
  await signIn(page, 'lg.window2');
  await openAcceptance(page, 'QYKBYJS', 'item-business-startup');
  await page.getByText('法人', { exact: true }).click();
  await page.getByLabel('证件号码').fill('91350100M000100Y43');
  await page.getByLabel('申请人名称').fill('锡林郭勒盟草原云科技有限公司');
  await expect(page.getByRole('tab', { name: '营业执照' })).toHaveAttribute('aria-selected', 'true');
  await field(page, '企业名称').locator('input').fill('锡林郭勒盟草原云科技有限公司', { timeout: 15_000 });
  await choose(page, '企业类型', '有限责任公司');
  await chooseRegion(page, '住所', '锡林浩特市');
  await field(page, '住所').getByPlaceholder('街道、门牌号等详细地址').fill('锡林浩特市团结大街66号');
  await field(page, '注册资本（元）').locator('input').fill('1000000');
  await field(page, '行业门类').locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await field(page, '经营范围').locator('textarea').fill('软件开发；信息技术咨询服务');
  await field(page, '法定代表人').locator('input').fill('乌日娜');
  await field(page, '法定代表人身份证号码').locator('input').fill('11010519491231002X');
  await field(page, '联系电话（手机）').locator('input').fill('13904791234');
  await field(page, '从业人数').locator('input').fill('12');
  // 股东名单 (sub-table): one shareholder.
  await field(page, '股东名单').getByRole('button', { name: /添加一行/ }).click();
  const shareholder = field(page, '股东名单').locator('.ant-table-tbody tr.ant-table-row').first();
  await shareholder.getByRole('textbox').nth(0).fill('乌日娜');
  await shareholder.locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '自然人' }).first().click();
  await shareholder.getByRole('textbox').nth(1).fill('11010519491231002X');
  await shareholder.getByRole('spinbutton').fill('1000000');
  const dueDate = shareholder.locator('.ant-picker input');
  await dueDate.click();
  await dueDate.fill('2030-12-31');
  await dueDate.press('Enter');
  // The other departments' tabs.
  await page.getByRole('tab', { name: '公章刻制' }).click();
  await field(page, '刻制印章种类').locator('.ant-checkbox-wrapper').first().click();
  await page.getByRole('tab', { name: '税务' }).click();
  await field(page, '纳税人类型').locator('.ant-radio-wrapper').first().click();
  await field(page, '办税人员').locator('input').fill('乌日娜');
  await field(page, '办税人员电话').locator('input').fill('13904791234');
  await page.getByRole('tab', { name: '社保' }).click();
  await field(page, '参保职工人数').locator('input').fill('10');
  const insuredFrom = field(page, '参保起始日期').locator('input');
  await insuredFrom.click();
  await insuredFrom.fill('2026-12-01');
  await insuredFrom.press('Enter');
  await page.getByRole('tab', { name: '送达' }).click();
  await field(page, '送达方式').locator('.ant-radio-wrapper', { hasText: '窗口领取' }).click();
  await page.screenshot({ path: '../test-results/desk-5a-bundle-acceptance.png', fullPage: true });
  const accepted = { number: await acceptAndReadNumber(page) };
  expect(accepted.number).toMatch(/^152500\d{12}$/);

  // The lead department (market regulation) sees all five branches; the police only their own section.
  await signOut(page);
  await signIn(page, 'lg.gaj.approver');
  await openFromInbox(page, accepted.number);
  await expect(page.getByRole('tab', { name: '公章刻制' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '税务' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '营业执照' })).toHaveCount(0);
  await act(page, '通过', '已备案');
  for (const account of ['lg.swj.approver', 'lg.rsj.approver', 'lg.gjj.approver', 'lg.approver']) {
    await signOut(page);
    await signIn(page, account);
    await openFromInbox(page, accepted.number);
    await act(page, '通过', '同意');
  }
  // After the join: the lead department summarises (one task left), then print and deliver at the window.
  await openFromInbox(page, accepted.number);
  await expect(page.getByTestId('actions').getByText('牵头部门汇总')).toBeVisible();
  for (const tab of ['营业执照', '公章刻制', '税务', '社保', '公积金']) await expect(page.getByRole('tab', { name: tab })).toBeVisible();
  await act(page, '通过', '五部门均已办结，同意出件');
  await ensureSeal(baseURL!, 'org-lg-scjgj');
  await signOut(page);
  await signIn(page, 'lg.window2');
  await openFromInbox(page, accepted.number);
  await issueAndPrintOnCase(page);
  await act(page, '通过', '统一出件');
  await expect(page.getByTestId('case-status')).toHaveText('已办结（准予）');
  await page.screenshot({ path: '../test-results/desk-5-bundle-completed.png', fullPage: true });
});

test('全盟通办: the Xilinhot window accepts a league item through the screen; the league department answers an urge and handles it', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  page.setDefaultTimeout(20_000);
  await signIn(page, 'xl.window');
  await openAcceptance(page, 'GJJ', 'item-housing-fund-registration');
  await expect(page.locator('[data-item-id="item-housing-fund-registration"]')).toContainText('全盟通办·锡林郭勒盟');
  await expect(page.getByTestId('general-handling')).toContainText('受理后转至锡林郭勒盟政务服务中心办理');
  await page.getByText('法人', { exact: true }).click();
  await page.getByLabel('证件号码').fill('91350100M000100Y43');
  await page.getByLabel('申请人名称').fill('锡林浩特市牧光新能源有限公司');
  const unit = field(page, '单位').locator('input');
  await unit.nth(0).fill('锡林浩特市牧光新能源有限公司', { timeout: 15_000 });
  await unit.nth(1).fill('91350100M000100Y43');
  await field(page, '单位缴存比例').locator('input').fill('12');
  await field(page, '职工缴存比例').locator('input').fill('12');
  await field(page, '缴存职工人数').locator('input').fill('8');
  await field(page, '公积金经办人').locator('input').fill('萨仁');
  await field(page, '经办人电话').locator('input').fill('13904791234');
  const number = await acceptAndReadNumber(page);
  expect(number).toMatch(/^152502\d{12}$/);
  const caseId = (await page.getByRole('link', { name: '查看办件' }).getAttribute('href'))!.split('/').pop()!;

  // The league supervisor urges; the handler reads and answers it on the inbox page.
  const supervisor = await apiAs(baseURL!, 'lg.super');
  await supervisor.mutate('supervision.urge', { caseId, kind: 'urge', message: `请尽快办理${number}的缴存登记` });
  await supervisor.dispose();
  await signOut(page);
  await signIn(page, 'lg.gjj.approver');
  await page.goto('/desk/inbox');
  const urge = page.getByTestId('my-urges').getByRole('listitem').filter({ hasText: `请尽快办理${number}的缴存登记` });
  await expect(urge).toBeVisible();
  await urge.getByLabel('答复内容').fill('今日办结');
  await urge.getByRole('button', { name: '答复' }).click();
  await expect(urge.getByText('已答复：今日办结')).toBeVisible();
  await openFromInbox(page, number);
  await expect(page.getByTestId('case-history').getByText('上报').first()).toBeVisible();
  await act(page, '通过', '缴存登记已办结');
  await expect(page.getByTestId('case-status')).toHaveText('已办结（准予）');
});
