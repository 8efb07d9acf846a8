import { expect, test, type Page } from '@playwright/test';
import { signIn, signOut } from '../support/session';

/** Opens a case from the inbox (待办) by its number. */
async function openFromInbox(page: Page, number: string) {
  await page.goto('/desk/inbox');
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByTestId('case-number')).toHaveText(number);
}

/** A control of the generated form by its field label (formily items: label and control are siblings). */
function field(page: Page, label: string) {
  const escaped = label.replace(/[()（）]/g, (char) => `\\${char}`);
  return page
    .getByTestId('acceptance-form')
    .locator('.ant-formily-item')
    .filter({ has: page.locator('.ant-formily-item-label', { hasText: new RegExp(`^\\*?\\s*${escaped}\\s*[：:]?$`) }) })
    .first();
}

async function act(page: Page, label: string, opinion?: string) {
  const actions = page.getByTestId('actions');
  if (opinion) await actions.getByLabel('办理意见').fill(opinion);
  await actions.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByText(`${label}：已完成`)).toBeVisible();
}

test('企业设立登记: accepted at the window, returned once, supplemented once, completed with notices', async ({ page }) => {
  test.setTimeout(240_000);
  page.setDefaultTimeout(20_000);
  // 1. The window accepts: item found by pinyin initials, applicant, generated form, materials.
  await signIn(page, 'lg.window');
  await page.goto('/desk/accept');
  await page.getByLabel('搜索事项').fill('QYSL');
  await page.getByLabel('搜索事项').press('Enter');
  await page.locator('[data-item-id="item-enterprise-registration"]').click();
  await page.getByLabel('证件号码').fill('91330102MA28NBU477');
  await page.getByLabel('申请人名称').fill('锡林郭勒草原牧业有限公司');
  await field(page, '企业名称').locator('input').fill('锡林郭勒草原牧业有限公司', { timeout: 15_000 });
  await field(page, '企业类型').locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await field(page, '住所').getByPlaceholder('街道、门牌号等详细地址').fill('锡林浩特市额尔敦路18号');
  await field(page, '注册资本（元）').locator('input').fill('500000');
  await field(page, '法定代表人').locator('input').fill('巴图');
  await field(page, '法定代表人身份证号码').locator('input').fill('11010519491231002X');
  await field(page, '联系电话（手机）').locator('input').fill('13904791234');
  await field(page, '经营范围').locator('textarea').fill('牛羊肉加工、销售');
  await page.getByRole('button', { name: '全部已收' }).click();
  await page.getByTestId('accept-button').click();
  await expect(page.getByText('已受理', { exact: true })).toBeVisible();
  const number = (await page.getByTestId('case-number').textContent())!.trim();
  expect(number).toMatch(/^152500\d{12}$/);
  await expect(page.getByTestId('query-password')).toHaveText(/^\d{6}$/);
  await page.screenshot({ path: '../test-results/desk-1-accepted.png' });

  // 2. The approver returns it to the window.
  await signOut(page);
  await signIn(page, 'lg.approver');
  await openFromInbox(page, number);
  await page.screenshot({ path: '../test-results/desk-2-case.png', fullPage: true });
  await page.getByTestId('actions').getByRole('button', { name: '退回', exact: true }).click();
  await page.getByRole('combobox', { name: '退回到' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '受理' }).click();
  await page.getByLabel('退回理由').fill('经营范围表述不规范，请与申请人核实');
  await page.getByRole('button', { name: '确定退回' }).click();
  await expect(page.getByText('退回：已完成')).toBeVisible();

  // 3. The window corrects and passes it on again.
  await signOut(page);
  await signIn(page, 'lg.window');
  await openFromInbox(page, number);
  await act(page, '通过', '已与申请人核实更正');

  // 4. The approver asks for a supplement (clock stops), resumes, approves.
  await signOut(page);
  await signIn(page, 'lg.approver');
  await openFromInbox(page, number);
  await act(page, '补正告知', '请补充股东会决议');
  await expect(page.getByText('暂停计时').first()).toBeVisible();
  await act(page, '恢复计时', '补正材料已收到');
  await act(page, '通过', '同意登记');

  // 5. The window records the printed licence and delivers: the case completes.
  await signOut(page);
  await signIn(page, 'lg.window');
  await openFromInbox(page, number);
  await act(page, '登记证照打印');
  await act(page, '通过', '申请人窗口领取');
  await expect(page.getByTestId('case-status')).toHaveText('已办结（准予）');
  const history = page.getByTestId('case-history');
  for (const text of ['已受理', '退回', '暂停计时（补正）', '恢复计时（补正）', '已制证', '已办结']) await expect(history.getByText(text).first()).toBeVisible();
  // Notices: acceptance, supplement, completion — the completion notice downloads as a PDF.
  const download = page.waitForEvent('download');
  await page.getByRole('listitem').filter({ hasText: '办结通知书' }).getByRole('button', { name: '下载PDF' }).click();
  expect((await download).suggestedFilename()).toBe(`办结通知书-${number}.pdf`);
  await page.screenshot({ path: '../test-results/desk-3-completed.png', fullPage: true });
});
