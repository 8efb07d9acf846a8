import { expect, type Page } from '@playwright/test';
import { apiAs } from './api';

/** Gives a department an active electronic seal (the administrator's job, done once) unless it has one. */
export async function ensureSeal(baseURL: string, organizationId: string): Promise<void> {
  const admin = await apiAs(baseURL, 'admin');
  try {
    const seals = await admin.query<Array<{ organizationId: string; status: string }>>('certificates.seals.list');
    if (!seals.some((seal) => seal.organizationId === organizationId && seal.status === 'active')) {
      await admin.mutate('certificates.seals.create', { organizationId });
    }
  } finally {
    await admin.dispose();
  }
}

/**
 * On the open case screen, at the print gate: 签发证照 in the certificate panel (confirming the dialog),
 * then 打印 — the print is recorded, the PDF opens in a new tab, and the case passes its gate.
 * Returns the certificate number.
 */
export async function issueAndPrintOnCase(page: Page, options: { variant?: '正本' | '副本' } = {}): Promise<string> {
  const panel = page.getByTestId('certificate-panel');
  await expect(panel.getByText('签发证照并打印后自动进入下一环节')).toBeVisible();
  // The gate is no longer a free button in the action bar.
  await expect(page.getByTestId('actions').getByRole('button', { name: '登记证照打印' })).toHaveCount(0);
  await panel.getByRole('button', { name: '签发证照' }).click();
  const dialog = page.locator('.ant-modal').filter({ hasText: '加盖发证部门电子印章' });
  if (options.variant) await dialog.getByText(options.variant, { exact: true }).click();
  // Rendering, sealing and signing take a few seconds; a refusal shows as an error message and keeps the dialog open.
  // A click landing while the dialog is still opening can be missed on a loaded machine (seen in CI): click
  // again while it stays open; while issuing, the button is loading and ignores clicks.
  const refused = page.locator('.ant-message-error');
  await expect(async () => {
    if (await refused.isVisible()) throw new Error(`签发被拒绝：${await refused.textContent()}`);
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: '确认签发' }).click({ timeout: 5_000 });
    await expect(dialog).toBeHidden({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  const row = panel.getByTestId('case-certificates').locator('[data-certificate-number]').first();
  await expect(row.getByText('未打印')).toBeVisible();
  const number = (await row.getAttribute('data-certificate-number'))!;
  const popup = page.waitForEvent('popup');
  await row.getByRole('button', { name: /^打\s*印$/ }).click();
  await (await popup).close();
  await expect(page.locator('.ant-message').getByText(`已登记打印 ${number}`)).toBeVisible();
  await expect(row.getByText('已打印 1 次')).toBeVisible();
  return number;
}
