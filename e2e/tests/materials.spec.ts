import { expect, test, type Page } from '@playwright/test';
import { acceptWithAllMaterials, fillEnterpriseRegistration } from '../support/acceptance';
import { signIn, signOut } from '../support/session';

/** A real 48×32 PNG (red): shown inline on the case screen. */
const licencePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAANklEQVR4nO3OQQ0AAAgEIJPYP4qxbOH5YCMANd2vVHwgJCQklB4ICQkJpQdCQkJC6YGQkNCxBcrgGFt1WfHkAAAAAElFTkSuQmCC',
  'base64',
);
/** An applicant no other spec uses, so the library offers only what this spec put there. */
const creditCode = '91150000MA0N7XRC36';
const company = '锡林郭勒盟白音锡勒牧业有限公司';

/** Decides 受理 and returns the new case's id (from the 查看办件 link). */
async function acceptCase(page: Page): Promise<string> {
  await acceptWithAllMaterials(page);
  const href = await page.getByRole('link', { name: '查看办件' }).getAttribute('href');
  return href!.split('/').pop()!;
}

test('材料库: uploaded at case 1, reused with one click at case 2, opened by the approver', async ({ page }) => {
  test.setTimeout(240_000);
  page.setDefaultTimeout(20_000);

  // 1. Case 1: the window uploads the licence for 公司章程 through the file chooser; a fake PDF is refused.
  await signIn(page, 'lg.window');
  await fillEnterpriseRegistration(page, { creditCode, name: company });
  const articles = page.getByTestId('material-m-articles');
  await articles.locator('input[type=file]').setInputFiles({ name: '公司章程.png', mimeType: 'image/png', buffer: licencePng });
  await expect(articles.getByTestId('material-file')).toContainText('公司章程.png');
  // 有效期至: past days cannot be picked; a date in the future is kept with the file in the library.
  const validity = articles.getByLabel('公司章程.png有效期至');
  await validity.click();
  await validity.fill('2099-12-31');
  await validity.press('Enter');
  await expect(validity).toHaveValue('2099-12-31');
  const premises = page.getByTestId('material-m-premises');
  await premises.locator('input[type=file]').setInputFiles({ name: '住所证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await expect(page.getByText('文件类型不被接受：只接受PDF、JPEG、PNG、OFD文件').first()).toBeVisible();
  await expect(premises.getByTestId('material-file')).toHaveCount(0);
  const firstCase = await acceptCase(page);

  // 2. Case 2, same applicant: the library offers the file; one click reuses it.
  await page.getByRole('button', { name: '继续受理' }).click();
  await fillEnterpriseRegistration(page, { creditCode, name: company });
  const offer = page.getByTestId('material-m-articles').getByTestId('material-offer');
  await expect(offer).toContainText('公司章程.png');
  await expect(offer).toContainText('有效期至2099-12-31');
  await offer.getByRole('button', { name: '复用' }).click();
  await expect(page.getByTestId('material-m-articles').getByTestId('material-file')).toContainText('复用材料库');
  await expect(page.getByTestId('material-m-articles').getByTestId('material-file')).toContainText('有效期至2099-12-31');
  await page.getByTestId('materials-checklist').screenshot({ path: '../test-results/materials-validity.png' });
  const secondCase = await acceptCase(page);
  expect(secondCase).not.toBe(firstCase);

  // 3. The approver of the next step opens case 2 and sees the reused image inline.
  await signOut(page);
  await signIn(page, 'lg.approver');
  await page.goto(`/desk/case/${secondCase}`);
  const material = page.getByTestId('case-material-m-articles');
  await expect(material).toContainText('复用材料库');
  const image = material.locator('img').first();
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(48);
  const src = await image.getAttribute('src');
  const response = await page.request.get(src!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('公司章程.png')}`);
  await page.screenshot({ path: '../test-results/materials-approver.png', fullPage: true });

  // 4. An approver of another centre may not open it.
  await signOut(page);
  await signIn(page, 'xl.approver');
  expect((await page.request.get(src!)).status()).toBe(403);
});
