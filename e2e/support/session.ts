import { expect, type Page } from '@playwright/test';

/** The documented demo password of every shipped demo account. */
export const demoPassword = 'Xlgl@2026';

/** Signs in through the real sign-in page and waits until the app shell is shown. */
export async function signIn(page: Page, account: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Signs out through the user menu. */
export async function signOut(page: Page): Promise<void> {
  await page.context().clearCookies();
}
