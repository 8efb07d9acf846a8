import { expect, type Page } from '@playwright/test';

/** A control of the generated acceptance form by its field label (formily items: label and control are siblings). */
export function acceptanceField(page: Page, label: string) {
  const escaped = label.replace(/[()（）]/g, (char) => `\\${char}`);
  return page
    .getByTestId('acceptance-form')
    .locator('.ant-formily-item')
    .filter({ has: page.locator('.ant-formily-item-label', { hasText: new RegExp(`^\\*?\\s*${escaped}\\s*[：:]?$`) }) })
    .first();
}

/** Opens the acceptance screen of an item found by search (name or pinyin initials). */
export async function openAcceptance(page: Page, search: string, itemId: string) {
  await page.goto('/desk/accept');
  await page.getByLabel('搜索事项').fill(search);
  await page.getByLabel('搜索事项').press('Enter');
  await page.locator(`[data-item-id="${itemId}"]`).click();
}

/** Opens 企业设立登记 (found by its initials), enters `applicant` and fills the generated form for it. */
export async function fillEnterpriseRegistration(page: Page, applicant: { creditCode: string; name: string }) {
  const field = (label: string) => acceptanceField(page, label);
  await openAcceptance(page, 'QYSL', 'item-enterprise-registration');
  await page.getByLabel('证件号码').fill(applicant.creditCode);
  await page.getByLabel('申请人名称').fill(applicant.name);
  await field('企业名称').locator('input').fill(applicant.name, { timeout: 15_000 });
  await field('企业类型').locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await field('住所').getByPlaceholder('街道、门牌号等详细地址').fill('锡林浩特市额尔敦路18号');
  await field('注册资本（元）').locator('input').fill('500000');
  await field('法定代表人').locator('input').fill('巴图');
  await field('法定代表人身份证号码').locator('input').fill('11010519491231002X');
  await field('联系电话（手机）').locator('input').fill('13904791234');
  await field('经营范围').locator('textarea').fill('牛羊肉加工、销售');
}

/** Marks every material received and decides 受理 on the acceptance screen; waits for the confirmation. */
export async function acceptWithAllMaterials(page: Page) {
  await page.getByRole('button', { name: '全部已收' }).click();
  await page.getByTestId('accept-button').click();
  await expect(page.getByText('已受理', { exact: true })).toBeVisible();
}
