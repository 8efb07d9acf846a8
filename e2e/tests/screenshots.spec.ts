import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { apiAs, enterpriseCase } from '../support/api';
import { signIn, signOut } from '../support/session';

/** README screenshots (1440×900, zh-CN), written to docs/screenshots/ so they stay current with the UI. */
const dir = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: join(dir, `${name}.png`) });

test.describe.configure({ mode: 'serial' });

test('README screenshots: designers, desk, certificate, report, users', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(240_000);
  page.setDefaultTimeout(20_000);
  mkdirSync(dir, { recursive: true });

  await test.step('flow designer with the shipped 食品经营许可 flow', async () => {
    await signIn(page, 'lg.config');
    await page.goto('/studio/flows/flow-food-business');
    await expect(page.getByTestId('flow-canvas')).toBeVisible();
    await expect(page.locator('.react-flow__node').nth(3)).toBeVisible();
    await page.waitForTimeout(500);
    await shot(page, 'flow-designer');
  });

  await test.step('form designer with the shipped 企业设立登记 form', async () => {
    await page.goto('/studio/forms/form-enterprise-registration');
    await expect(page.locator('[data-testid^="field-f_"]').first()).toBeVisible();
    await page.locator('[data-testid^="field-f_"]').nth(1).click();
    await page.waitForTimeout(300);
    await shot(page, 'form-designer');
  });

  await test.step('certificate: issued from the shipped template, PDF page rendered with pdftoppm', async () => {
    // The department's seal (a template designer of the department may generate it).
    await page.goto('/studio/seals');
    await page.getByRole('button', { name: '生成印章' }).click();
    await page.getByLabel('印章下方文字（可选）').fill('行政审批专用章');
    await page.getByRole('button', { name: '生成', exact: true }).click();
    await expect(page.getByText('已为“锡林郭勒盟市场监督管理局”生成电子印章')).toBeVisible();
    const window = await apiAs(baseURL!, 'lg.window');
    const issued = await window.mutate<{ certificate: { number: string }; base64: string }>('certificates.issue', {
      templateId: 'cert-food-business',
      holder: { name: '锡林浩特市草原人家餐饮有限公司', idNumber: '91152502MA0P2XYZ3K' },
      data: {
        form: {
          f_applicant_name: '锡林浩特市草原人家餐饮有限公司',
          f_credit_code: '91152502MA0P2XYZ3K',
          f_legal_rep: '其其格',
          f_address: { regionCode: '152502', detail: '锡林浩特市锡林大街88号' },
          f_premises: { regionCode: '152502', detail: '锡林浩特市锡林大街88号一层' },
          // certificates.issue prints the values it is given: dictionary labels, not codes.
          f_business_form: '餐饮服务经营者（餐馆）',
          f_business_scope: '预包装食品销售、散装食品销售',
        },
      },
    });
    await window.dispose();
    const pdf = testInfo.outputPath('certificate.pdf');
    writeFileSync(pdf, Buffer.from(issued.base64, 'base64'));
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('食品经营许可证');
    // A4 at 108 dpi is 893×1263; the README shows it beside the screen shots.
    execFileSync('pdftoppm', ['-png', '-r', '108', '-singlefile', pdf, join(dir, 'certificate')]);
  });

  await test.step('desk: the acceptance screen with item, applicant and generated form', async () => {
    await signOut(page);
    await signIn(page, 'lg.window');
    await page.goto('/desk/accept');
    await page.getByLabel('搜索事项').fill('QYSL');
    await page.getByLabel('搜索事项').press('Enter');
    await page.locator('[data-item-id="item-enterprise-registration"]').click();
    await page.getByLabel('证件号码').fill('91330102MA28NBU477');
    await page.getByLabel('申请人名称').fill('锡林郭勒草原牧业有限公司');
    await expect(page.getByTestId('acceptance-form')).toBeVisible();
    await page.waitForTimeout(500);
    await shot(page, 'desk-accept');
  });

  await test.step('desk: a case screen after acceptance', async () => {
    const window = await apiAs(baseURL!, 'lg.window');
    const accepted = await window.mutate<{ caseId: string; number: string }>('desk.accept', enterpriseCase);
    await window.dispose();
    await page.goto(`/desk/case/${accepted.caseId}`);
    await expect(page.getByTestId('case-number')).toHaveText(accepted.number);
    await page.waitForTimeout(500);
    await shot(page, 'desk-case');
  });

  await test.step('supervision: shipped report with data, and the supervision board', async () => {
    await signOut(page);
    await signIn(page, 'lg.super');
    await page.goto('/supervision/reports/report-item-statistics');
    await expect(page.locator('.ant-page-header-heading-title')).toBeVisible();
    await expect(page.getByTestId('report-chart').locator('canvas')).toBeVisible();
    await page.waitForTimeout(1200);
    await shot(page, 'report');
    await page.goto('/supervision/board');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(800);
    await shot(page, 'supervision-board');
  });

  await test.step('administration: the users list', async () => {
    await signOut(page);
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    await expect(page.getByText('lg.config').first()).toBeVisible();
    await page.waitForTimeout(300);
    await shot(page, 'admin-users');
  });
});
