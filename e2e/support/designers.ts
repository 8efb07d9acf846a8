import { expect, type Locator, type Page } from '@playwright/test';

/** A flow-designer node by its exact label. */
export const flowNode = (page: Page, label: string) => page.locator('.react-flow__node').filter({ has: page.getByText(label, { exact: true }) });

/** Drags a flow-palette entry onto the canvas with real mouse moves (HTML5 drag and drop). */
export async function dragFlowNode(page: Page, key: string, at: { x: number; y: number }) {
  const canvas = (await page.getByTestId('flow-canvas').boundingBox())!;
  const source = (await page.locator(`[data-palette-key="${key}"]`).boundingBox())!;
  const before = await page.locator('.react-flow__node').count();
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + at.x, canvas.y + at.y, { steps: 12 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
}

/** Connects two flow nodes by dragging from the source handle to the target handle. */
export async function connectNodes(page: Page, from: string, to: string) {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  for (let attempt = 0; attempt < 3 && (await edges.count()) === before; attempt += 1) {
    const source = (await flowNode(page, from).locator('.react-flow__handle.source').boundingBox())!;
    const target = (await flowNode(page, to).locator('.react-flow__handle.target').boundingBox())!;
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
    await page.mouse.up();
    await expect(edges).not.toHaveCount(before, { timeout: 1500 }).catch(() => undefined);
  }
  await expect(edges).toHaveCount(before + 1);
}

/** Fits the whole flow into the canvas (nodes near the border or under the minimap are not clickable). */
export async function fitFlowView(page: Page) {
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForTimeout(400);
}

/**
 * Opens `select`, searches for `text` and picks the option. It first waits until no other dropdown is
 * shown: one closed a moment ago fades out, and its options would still match.
 */
export async function pickInSelect(page: Page, select: Locator, text: string) {
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await select.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text, visible: true }).first().click();
  await page.keyboard.press('Escape');
}

/** Picks `text` in the settings-panel select showing `placeholder`. */
export async function chooseInPanel(page: Page, placeholder: string, text: string) {
  const panel = page.getByTestId('settings-panel');
  await pickInSelect(page, panel.locator('.ant-select').filter({ hasText: placeholder }).first(), text);
}

/** Sets the assignee (by role or by department) and the time limit of a human step. */
export async function configureStep(page: Page, label: string, options: { by: '按角色' | '按部门'; pick: string; days: number }) {
  await fitFlowView(page);
  await flowNode(page, label).click();
  const panel = page.getByTestId('settings-panel');
  await panel.getByText(options.by, { exact: true }).click();
  await chooseInPanel(page, options.by === '按角色' ? '选择角色' : '选择部门', options.pick);
  const days = panel.locator('.ant-input-number-input').first();
  await days.fill(String(options.days));
  await days.press('Tab');
}

/** Drags a form-palette field type into the first section, or onto the field `onto` (by id). */
export async function dragFormField(page: Page, type: string, onto?: string) {
  const fields = page.locator('[data-testid^="field-f_"]');
  const before = await fields.count();
  const source = (await page.locator(`[data-field-type="${type}"]`).boundingBox())!;
  const drop = onto ? page.locator(`[data-testid="field-${onto}"]`) : page.locator('[data-testid^="section-"]').first();
  const target = (await drop.boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, onto ? target.y + target.height / 2 : target.y + target.height - 12, { steps: 12 });
  await page.mouse.up();
  await expect(fields).toHaveCount(before + 1);
}

/** Drags `source` to a point in millimetres on the certificate template page (3 px per mm). */
export async function dragToTemplate(page: Page, source: Locator, at: { x: number; y: number }) {
  const from = (await source.boundingBox())!;
  const sheet = (await page.getByTestId('template-page').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(sheet.x + at.x * 3, sheet.y + at.y * 3, { steps: 12 });
  await page.mouse.up();
}

/** Picks an option in an antd select labelled `label` by typing `text`. */
export async function pickByLabel(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Picks an option in the antd Form.Item select whose label is exactly `label` (types to filter searchable selects). */
export async function selectInForm(page: Page, label: string, text: string) {
  const item = page.locator(`.ant-form-item:has(label[title="${label}"])`).first();
  await item.locator('.ant-select-selector').click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/**
 * Clicks `button` in a confirmation dialog until `done` shows. A click landing while the dialog is still
 * opening can be missed on a loaded machine (seen in CI on the flow designer's 发布): click again while
 * the dialog stays open (a pending confirm shows as loading and ignores clicks, so nothing runs twice).
 */
export async function confirmUntil(dialog: Locator, button: RegExp | string, done: Locator) {
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: button }).click({ timeout: 5_000 });
    await expect(done).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * Confirms a publication dialog until the page reports `published`. A confirm clicked while the dialog
 * is still opening can be missed on a loaded machine: confirm again while it stays open (a pending
 * confirm shows as loading and ignores clicks).
 */
export async function confirmPublication(page: Page, dialog: Locator, published: string) {
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: /确认发布/ }).click({ timeout: 5_000 });
    await expect(page.getByTestId('publish-report')).toContainText(published, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}
