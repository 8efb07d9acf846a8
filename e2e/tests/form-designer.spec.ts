import { expect, test } from '@playwright/test';
import { pageApi } from '../support/api';
import { confirmPublication, dragFormField } from '../support/designers';
import { signIn } from '../support/session';

const hostile = ['order', '名称"; drop table metadata_heads; --'];

test('lg.config builds a form with ten field types and a sub-table, publishes, evolves it with records kept', async ({ page }) => {
  await signIn(page, 'lg.config');
  await page.goto('/studio/forms');
  await page.getByRole('button', { name: /新建表单/ }).click();
  await page.getByLabel('表单名称').fill('E2E申请表');
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await page.waitForURL(/\/studio\/forms\/form_[0-9a-z]+$/);
  const formId = page.url().split('/').pop()!;

  for (const type of ['text', 'textarea', 'number', 'money', 'date', 'switch', 'mobile', 'email', 'credit-code', 'id-number', 'sub-table']) {
    await dragFormField(page, type);
  }
  // Hostile labels are only text.
  for (const [index, label] of hostile.entries()) {
    await page.locator('[data-testid^="field-f_"]').nth(index).click();
    await page.getByTestId('field-label').fill(label);
  }
  await page.screenshot({ path: 'test-results/form-designer-built.png' });

  await page.getByRole('button', { name: /发\s*布/ }).first().click();
  const confirm = page.locator('.ant-modal').filter({ hasText: '发布表单' });
  await expect(confirm.getByTestId('db-plan')).toContainText('将新建数据表');
  await confirmPublication(page, confirm, '已发布第1版');
  const table = page.getByTestId('form-table');
  await expect(table).toContainText(hostile[1]!);
  await expect(table).toContainText('__');
  await page.screenshot({ path: 'test-results/form-designer-table.png' });
  await page.locator('.ant-drawer-close').click();
  await expect(table).toBeHidden();

  // Records already in the table.
  const published = (await pageApi<{ published: { sections: Array<{ fields: unknown[] }> } }>(page, 'studio.forms.get', { id: formId })).published;
  const fields = published.sections[0]!.fields as Array<{ id: string; type: string }>;
  const text = fields.find((field) => field.type === 'text')!.id;
  const number = fields.find((field) => field.type === 'number')!.id;
  for (const [index, value] of ['第一条', '第二条', '第三条'].entries()) {
    await pageApi(page, 'studio.forms.records.insert', { id: formId, values: { [text]: value, [number]: index + 10 } }, true);
  }

  // Add a field and change a type, publish again.
  await dragFormField(page, 'date-range', text);
  await page.locator(`[data-testid="field-${number}"]`).click();
  await page.getByTestId('field-type').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '单行文本' }).first().click();
  await page.getByRole('button', { name: /数据库变更计划/ }).click();
  await expect(page.getByTestId('db-plan').first()).toContainText('将修改数据表');
  await page.getByRole('button', { name: /发\s*布/ }).first().click();
  await confirmPublication(page, page.locator('.ant-modal').filter({ hasText: '发布表单' }), '已发布第2版');
  await expect(page.getByTestId('form-table')).toContainText('3条记录');
  await page.screenshot({ path: 'test-results/form-designer-evolved.png' });

  const records = await pageApi<Array<{ values: Record<string, unknown> }>>(page, 'studio.forms.records.list', { id: formId });
  expect(records.map((record) => [record.values[text], record.values[number]]).sort()).toEqual([
    ['第一条', '10'],
    ['第三条', '12'],
    ['第二条', '11'],
  ]);
  expect((await page.request.get('/healthz')).ok()).toBe(true);

  // Unsaved changes: leaving through the menu asks first; 留在此页 keeps the work, 离开 drops it.
  await page.locator('.ant-drawer-close').click();
  await expect(page.getByTestId('form-table')).toBeHidden();
  await page.locator(`[data-testid="field-${text}"]`).click();
  await page.getByTestId('field-label').fill('改过的标签');
  await page.getByRole('menuitem', { name: '表单设计', exact: true }).click();
  const leave = page.locator('.ant-modal-confirm').filter({ hasText: '离开此页面？' });
  await expect(leave).toContainText('有未保存的表单修改');
  await leave.getByRole('button', { name: '留在此页' }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/studio/forms/${formId}$`));
  await page.getByRole('menuitem', { name: '表单设计', exact: true }).click();
  await page.locator('.ant-modal-confirm').filter({ hasText: '离开此页面？' }).getByRole('button', { name: '离开' }).click();
  await expect(page).toHaveURL(/\/studio\/forms$/);
});

test('a double click on 创建 makes one form draft and one flow draft, not two', async ({ page }) => {
  await signIn(page, 'lg.config');
  for (const [list, button, label, name] of [
    ['/studio/forms', '新建表单', '表单名称', 'E2E双击表单'],
    ['/studio/flows', '新建流程', '流程名称', 'E2E双击流程'],
  ] as const) {
    await page.goto(list);
    await page.getByRole('button', { name: button }).click();
    await page.getByRole('dialog').getByLabel(label).fill(name);
    await page.getByRole('dialog').getByRole('button', { name: /创\s*建/ }).dblclick();
    await page.waitForURL(new RegExp(`${list}/(form|flow)_[0-9a-z]+$`));
    await page.goto(list);
    await page.getByPlaceholder(/名称或标识/).fill(name);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(1);
  }
  // The certificate template dialog too; the template list is searchable.
  await page.goto('/studio/templates');
  await page.getByRole('button', { name: '新建证照模板' }).click();
  await page.getByRole('dialog').getByLabel('模板名称').fill('E2E双击证照模板');
  await page.getByRole('dialog').getByLabel('证照名称').fill('E2E双击证照');
  await page.getByRole('dialog').getByRole('button', { name: /创\s*建/ }).dblclick();
  await page.waitForURL(/\/studio\/templates\/certificate\/[0-9a-z_-]+$/);
  await page.goto('/studio/templates');
  await page.getByLabel('搜索模板').fill('E2E双击');
  await page.getByLabel('搜索模板').press('Enter');
  await expect(page.getByRole('row', { name: /E2E双击证照模板/ })).toHaveCount(1);
  await expect(page.getByRole('row', { name: /公共场所卫生许可证/ })).toHaveCount(0);
});
