import { expect, test } from '@playwright/test';
import { signIn } from '../support/session';

const areaLabels = ['配置中心', '窗口工作台', '监察与报表', '系统管理'] as const;
type AreaLabel = (typeof areaLabels)[number];

/** Every demo role at league and banner level, and the areas its roles open. */
const accounts: { account: string; name: string; areas: AreaLabel[] }[] = [
  { account: 'admin', name: '系统管理员（盟）', areas: ['系统管理'] },
  { account: 'lg.config', name: '配置员（盟）', areas: ['配置中心'] },
  { account: 'lg.review', name: '审改审核员（盟）', areas: ['配置中心'] },
  { account: 'lg.window', name: '窗口人员（盟）', areas: ['窗口工作台'] },
  { account: 'lg.approver', name: '审批人员（盟）', areas: ['窗口工作台'] },
  { account: 'lg.leader', name: '部门负责人（盟）', areas: ['窗口工作台'] },
  { account: 'lg.super', name: '监察人员（盟）', areas: ['监察与报表'] },
  { account: 'xl.admin', name: '系统管理员（旗县市）', areas: ['系统管理'] },
  { account: 'xl.config', name: '配置员（旗县市）', areas: ['配置中心'] },
  { account: 'xl.window', name: '窗口人员（旗县市）', areas: ['窗口工作台'] },
  { account: 'xl.approver', name: '审批人员（旗县市）', areas: ['窗口工作台'] },
  { account: 'xl.leader', name: '部门负责人（旗县市）', areas: ['窗口工作台'] },
  { account: 'xl.super', name: '监察人员（旗县市）', areas: ['监察与报表'] },
];

const areaPaths: Record<AreaLabel, string> = { 配置中心: '/studio', 窗口工作台: '/desk', 监察与报表: '/supervision', 系统管理: '/admin' };

test.describe('sign-in and areas by role', () => {
  for (const { account, name, areas } of accounts) {
    test(`${name} ${account} signs in and sees exactly their areas`, async ({ page }) => {
      await signIn(page, account);
      const menu = page.getByRole('menu').first();
      for (const label of areaLabels) {
        if (areas.includes(label)) await expect(menu.getByText(label, { exact: true })).toBeVisible();
        else await expect(menu.getByText(label, { exact: true })).toHaveCount(0);
      }
      // A forbidden area opened by URL shows the 403 page, not the area.
      const forbidden = areaLabels.find((label) => !areas.includes(label))!;
      await page.goto(areaPaths[forbidden]);
      await expect(page.getByText(`您没有访问“${forbidden}”的权限`, { exact: false })).toBeVisible();
    });
  }
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('账号').fill('lg.window');
  await page.getByLabel('密码').fill('wrong-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('账号或密码');
  await expect(page).toHaveURL(/\/login/);
});

test('a page reached without a session goes to sign-in and back after it', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('账号').fill('admin');
  await page.getByLabel('密码').fill('Xlgl@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/admin\/users/);
});

test('the administrator lists users with search and pagination', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, 'admin');
  await page.goto('/admin/users');
  await expect(page.getByRole('cell', { name: 'admin', exact: true })).toBeVisible();
  // On a 1280-pixel screen the organisation column keeps a readable width (it was squeezed to one character per line).
  const organizationHeader = await page.getByRole('columnheader', { name: '所属机构' }).boundingBox();
  expect(organizationHeader!.width).toBeGreaterThan(150);
  await expect(page.getByRole('cell', { name: 'xl.window', exact: true })).toHaveCount(0); // not on the first page
  // The keyword box stops at the 100 characters the server accepts (a longer one was refused and the old rows stayed).
  await page.getByPlaceholder('账号或姓名').pressSequentially('z'.repeat(120), { delay: 0 });
  await expect(page.getByPlaceholder('账号或姓名')).toHaveValue('z'.repeat(100));
  await page.getByPlaceholder('账号或姓名').fill('xl.');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('cell', { name: 'xl.window', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'admin', exact: true })).toHaveCount(0);
});

test('the administrator creates, edits and deletes a post and a role; a role still in use is kept', async ({ page }) => {
  await signIn(page, 'admin');
  const drawer = page.locator('.ant-drawer-content');
  const confirmDelete = async (row: string) => {
    await page.getByRole('row', { name: new RegExp(row) }).getByText('删除', { exact: true }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
  };

  // Posts: created under an organisation, listed with its parent, edited, found by name, deleted.
  await page.goto('/admin/posts');
  await expect(page.getByRole('cell', { name: '受理岗' }).first()).toBeVisible();
  await page.getByRole('button', { name: '新增岗位' }).click();
  await expect(drawer.getByText('新增岗位')).toBeVisible();
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer.getByText('请输入岗位名称')).toBeVisible();
  await drawer.getByLabel('岗位名称').fill('e2e 核查岗');
  await drawer.getByLabel('所属机构').click();
  await page.keyboard.type('企业开办专区窗口');
  await page.locator('.ant-select-tree-title', { hasText: '企业开办专区窗口' }).click();
  // A double click on 保存 creates the post once (it used to create two with two new ids).
  await drawer.getByRole('button', { name: /保\s*存/ }).dblclick();
  await expect(page.getByText('已创建岗位“e2e 核查岗”')).toBeVisible();
  await page.getByPlaceholder('岗位名称').fill('e2e');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('cell', { name: '受理岗' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /e2e 核查岗.*企业开办专区窗口/ })).toHaveCount(1);
  await page.getByRole('row', { name: /e2e 核查岗/ }).getByText('编辑', { exact: true }).click();
  await expect(drawer.getByText('编辑岗位“e2e 核查岗”')).toBeVisible();
  await drawer.getByLabel('岗位职责').fill('现场核查经营场所');
  // Closing the drawer with an unsaved change asks first; 继续编辑 keeps the change.
  await drawer.getByRole('button', { name: /取\s*消/ }).click();
  const discard = page.locator('.ant-modal-confirm').filter({ hasText: '放弃未保存的修改？' });
  await expect(discard).toContainText('岗位的修改尚未保存，关闭后将丢失。');
  await discard.getByRole('button', { name: '继续编辑' }).click();
  await expect(discard).toBeHidden();
  await expect(drawer.getByLabel('岗位职责')).toHaveValue('现场核查经营场所');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /e2e 核查岗.*现场核查经营场所/ })).toBeVisible();
  await confirmDelete('e2e 核查岗');
  await expect(page.getByText('已删除岗位“e2e 核查岗”')).toBeVisible();
  await expect(page.getByText('没有符合条件的岗位')).toBeVisible();

  // Roles: a role needs a capability; one that users still hold cannot be deleted.
  await page.goto('/admin/roles');
  await page.getByRole('button', { name: '新增角色' }).click();
  await drawer.getByLabel('角色名称').fill('e2e 抽查员');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer.getByText('角色至少要有一项权限')).toBeVisible();
  await drawer.getByRole('checkbox').first().check();
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('已创建角色“e2e 抽查员”')).toBeVisible();
  await page.getByPlaceholder('角色名称或标识').fill('e2e');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('row', { name: /^窗口人员/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /e2e 抽查员/ })).toBeVisible();
  await confirmDelete('e2e 抽查员');
  await expect(page.getByText('已删除角色“e2e 抽查员”')).toBeVisible();
  await expect(page.getByText('尚未配置角色')).toBeVisible();
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await confirmDelete('^窗口人员');
  await expect(page.getByText(/无法删除.*窗口人员.*仍被.*引用/)).toBeVisible();
  await expect(page.getByRole('row', { name: /^窗口人员/ })).toBeVisible();
});
