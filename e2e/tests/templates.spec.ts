import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { signIn } from '../support/session.js';

// The designer draws 3 px per millimetre.
const scale = 3;

/** Drags with the real mouse from the centre of `source` to a point in millimetres on the template page. */
async function dragToPage(page: Page, source: Locator, at: { x: number; y: number }): Promise<void> {
  const from = (await source.boundingBox())!;
  const sheet = (await page.getByTestId('template-page').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(sheet.x + at.x * scale, sheet.y + at.y * scale, { steps: 12 });
  await page.mouse.up();
}

async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const input = page.getByTestId('element-properties').getByLabel(label, { exact: true });
  await input.fill(String(value));
  await input.press('Tab');
}

async function pick(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** A PPM (P6) raster: width, height and RGB bytes. */
function readPpm(path: string): { width: number; height: number; pixel: (x: number, y: number) => [number, number, number] } {
  const bytes = readFileSync(path);
  const header = bytes.subarray(0, 50).toString('latin1').split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const offset = bytes.indexOf(0x0a, bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1) + 1;
  return { width, height, pixel: (x, y) => { const index = offset + (y * width + x) * 3; return [bytes[index]!, bytes[index + 1]!, bytes[index + 2]!]; } };
}

function countPixels(image: ReturnType<typeof readPpm>, box: { x: number; y: number; width: number; height: number }, dpi: number, test: (rgb: [number, number, number]) => boolean): number {
  const px = (mm: number) => Math.round((mm / 25.4) * dpi);
  let count = 0;
  for (let y = px(box.y); y < px(box.y + box.height); y += 1) for (let x = px(box.x); x < px(box.x + box.width); x += 1) if (test(image.pixel(x, y))) count += 1;
  return count;
}

async function apiCall<T>(page: Page, path: string, input: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'xlgl_csrf')!.value;
  const response = await page.request.post(`/trpc/${path}`, { data: input, headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' } });
  const body = await response.json();
  expect(response.ok(), JSON.stringify(body)).toBe(true);
  return body.result.data as T;
}

async function verifyUpload(browser: Browser, pdf: Buffer, name: string): Promise<Locator> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/verify');
  await expect(page.getByText('电子证照核验')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf });
  const result = page.getByTestId('verify-result');
  await expect(result).toBeVisible();
  return result;
}

test('a configurator designs, previews and publishes a certificate; the issued PDF verifies, and one changed byte fails', async ({ page, browser }, testInfo) => {
  // The department's seal first (own department: a template designer may generate it).
  await signIn(page, 'lg.config');
  await page.goto('/studio/seals');
  await page.getByRole('button', { name: '生成印章' }).click();
  await page.getByLabel('印章下方文字（可选）').fill('行政审批专用章');
  await page.getByRole('button', { name: '生成', exact: true }).click();
  await expect(page.getByText('已为“锡林郭勒盟市场监督管理局”生成电子印章')).toBeVisible();

  // A new certificate template for the shipped item 药品零售企业许可 (form-drug-retail).
  await page.goto('/studio/templates');
  await page.getByRole('button', { name: '新建证照模板' }).click();
  await page.getByLabel('模板名称').fill('药品经营许可证（盟市场监督管理局）');
  await page.getByLabel('证照名称').fill('药品经营许可证');
  await pick(page, '所属部门（用印部门）', '锡林郭勒盟市场监督管理局');
  await pick(page, '绑定表单（可绑定其字段）', '药品');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByTestId('template-page')).toBeVisible();
  await expect(page.locator('[data-palette="form:f_applicant_name"]')).toBeVisible();

  // Fixed title text.
  await dragToPage(page, page.locator('[data-palette="text"]'), { x: 30, y: 20 });
  await page.getByTestId('element-properties').getByLabel('文字').fill('药品经营许可证');
  await setNumber(page, '左边距', 20);
  await setNumber(page, '宽', 170);
  await setNumber(page, '高', 16);
  await setNumber(page, '字号（磅）', 28);
  await page.locator('div[aria-label="水平对齐"]').click();
  await page.locator('.ant-select-dropdown:visible').getByText('居中', { exact: true }).click();

  // Form fields and case data dragged in with the real mouse.
  await dragToPage(page, page.locator('[data-palette="form:f_applicant_name"]'), { x: 30, y: 60 });
  const nameElement = page.locator('[data-element-type="field"]').filter({ hasText: '企业名称' });
  await expect(nameElement).toBeVisible();
  await expect(page.getByTestId('element-properties').getByLabel('左边距', { exact: true })).toHaveValue('30');
  await dragToPage(page, page.locator('[data-palette="form:f_credit_code"]'), { x: 30, y: 75 });
  await dragToPage(page, page.locator('[data-palette="form:f_premises"]'), { x: 30, y: 90 });
  await dragToPage(page, page.locator('[data-palette="case:certificateNumber"]'), { x: 120, y: 42 });
  await dragToPage(page, page.locator('[data-palette="case:validUntil"]'), { x: 30, y: 110 });
  await dragToPage(page, page.locator('[data-palette="qr"]'), { x: 30, y: 140 });
  await dragToPage(page, page.locator('[data-palette="seal"]'), { x: 130, y: 130 });
  const seal = { x: 130, y: 130, width: 42, height: 42 };
  await expect(page.locator('[data-element-type="seal"]')).toHaveCount(1);
  await expect(page.getByTestId('element-properties').getByLabel('上边距', { exact: true })).toHaveValue(String(seal.y));

  // Move the applicant name by dragging it 10 mm right and 5 mm down (snapped to the millimetre grid), then widen it.
  const box = (await nameElement.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 20 + 10 * scale, box.y + box.height / 2 + 5 * scale, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByTestId('element-properties').getByLabel('左边距', { exact: true })).toHaveValue('40');
  await expect(page.getByTestId('element-properties').getByLabel('上边距', { exact: true })).toHaveValue('65');
  const handle = page.getByTestId('resize-handle');
  const handleBox = (await handle.boundingBox())!;
  await page.mouse.move(handleBox.x + 5, handleBox.y + 5);
  await page.mouse.down();
  await page.mouse.move(handleBox.x + 5 + 40 * scale, handleBox.y + 5, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByTestId('element-properties').getByLabel('宽', { exact: true })).toHaveValue('120');
  // Undo the resize and redo it.
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByTestId('element-properties').getByLabel('宽', { exact: true })).toHaveValue('80');
  await page.getByRole('button', { name: '重做' }).click();
  await expect(page.getByTestId('element-properties').getByLabel('宽', { exact: true })).toHaveValue('120');
  await page.screenshot({ path: testInfo.outputPath('designer.png') });

  // Preview: the server's renderer with sample data, drawn by PDF.js on a canvas in the browser.
  const previewResponse = page.waitForResponse((response) => response.url().includes('templates.preview'));
  await page.getByRole('button', { name: '预览' }).click();
  expect((await previewResponse).ok()).toBe(true);
  const previewCanvas = page.getByTestId('template-preview').getByTestId('pdf-canvas');
  await expect(previewCanvas).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await expect(previewCanvas).toBeVisible();
  // The pixels the canvas holds: Chinese title ink where the title is, the red sample seal inside the seal box only.
  const title = { x: 20, y: 20, width: 170, height: 16 };
  const drawn = await previewCanvas.evaluate((node, boxes) => {
    const canvas = node as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const perMm = canvas.width / 210;
    const inside = (box: { x: number; y: number; width: number; height: number }, x: number, y: number) =>
      x >= box.x * perMm && x < (box.x + box.width) * perMm && y >= box.y * perMm && y < (box.y + box.height) * perMm;
    const counts = { dark: 0, titleDark: 0, red: 0, redInSeal: 0, width: canvas.width, height: canvas.height };
    for (let y = 0; y < canvas.height; y += 1) {
      for (let x = 0; x < canvas.width; x += 1) {
        const index = (y * canvas.width + x) * 4;
        const [r, g, b] = [pixels[index]!, pixels[index + 1]!, pixels[index + 2]!];
        if (r + g + b < 300) {
          counts.dark += 1;
          if (inside(boxes.title, x, y)) counts.titleDark += 1;
        } else if (r > 170 && g < 110 && b < 110) {
          counts.red += 1;
          if (inside(boxes.seal, x, y)) counts.redInSeal += 1;
        }
      }
    }
    return counts;
  }, { title, seal });
  expect(drawn.height / drawn.width).toBeCloseTo(297 / 210, 2);
  expect(drawn.titleDark, 'title ink on the preview canvas').toBeGreaterThan(300);
  expect(drawn.dark).toBeGreaterThan(drawn.titleDark + 300);
  expect(drawn.red, 'red seal pixels on the preview canvas').toBeGreaterThan(500);
  expect(drawn.redInSeal / drawn.red).toBeGreaterThan(0.98);
  // And what the screen shows: a screenshot of the canvas decoded in the page is not blank either.
  const shot = await previewCanvas.screenshot({ path: testInfo.outputPath('preview-canvas.png') });
  const onScreen = await page.evaluate(async (base64) => {
    // Decoded from bytes (the page's CSP allows no data: fetches).
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let dark = 0;
    let red = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      const [r, g, b] = [pixels[index]!, pixels[index + 1]!, pixels[index + 2]!];
      if (r + g + b < 300) dark += 1;
      else if (r > 170 && g < 110 && b < 110) red += 1;
    }
    return { dark, red, width: bitmap.width };
  }, shot.toString('base64'));
  expect(onScreen.width).toBeGreaterThan(600);
  expect(onScreen.dark).toBeGreaterThan(500);
  expect(onScreen.red).toBeGreaterThan(200);
  await page.screenshot({ path: testInfo.outputPath('preview.png') });
  // The copy variant renders too (the same generator, other elements).
  await page.locator('.ant-drawer').getByRole('button', { name: '副本', exact: true }).click();
  await expect(page.getByTestId('template-preview')).toHaveAttribute('data-variant', 'copy');
  await expect(previewCanvas).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await page.locator('.ant-drawer-close').click();

  // Publish.
  await page.getByRole('button', { name: '发布' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '发布' }).click();
  await expect(page.locator('.ant-message').getByText('已发布第 1 版')).toBeVisible();
  await expect(page.locator('.ant-tag').getByText('已发布第 1 版')).toBeVisible();
  const templateId = page.url().split('/').pop()!;

  // A window clerk issues a certificate from the published template.
  const windowContext = await browser.newContext({ locale: 'zh-CN' });
  const windowPage = await windowContext.newPage();
  await signIn(windowPage, 'lg.window');
  const issued = await apiCall<{ certificate: { id: string; number: string }; base64: string }>(windowPage, 'certificates.issue', {
    templateId,
    holder: { name: '锡林浩特市百草堂大药房有限公司', idNumber: '91152502MA0P1ABC2D' },
    data: { form: { f_applicant_name: '锡林浩特市百草堂大药房有限公司', f_credit_code: '91152502MA0P1ABC2D', f_premises: '锡林浩特市锡林大街56号' } },
  });
  expect(issued.certificate.number).toMatch(/^152500\d{4}\d{6}$/);
  const pdf = Buffer.from(issued.base64, 'base64');
  const pdfPath = testInfo.outputPath('certificate.pdf');
  writeFileSync(pdfPath, pdf);

  // The certificate library lists it.
  await windowPage.goto('/desk/certificates');
  await expect(windowPage.getByText(issued.certificate.number, { exact: true })).toBeVisible();
  await windowContext.close();

  // Rendered to a raster: Chinese text and the red seal are there.
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('药品经营许可证');
  expect(text).toContain('锡林浩特市百草堂大药房有限公司');
  const dpi = 60;
  execFileSync('pdftoppm', ['-r', String(dpi), '-singlefile', pdfPath, testInfo.outputPath('certificate')]);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', pdfPath, testInfo.outputPath('certificate')]);
  const image = readPpm(testInfo.outputPath('certificate.ppm'));
  const red = countPixels(image, seal, dpi, ([r, g, b]) => r > 170 && g < 110 && b < 110);
  expect(red, 'red seal pixels').toBeGreaterThan(150);
  const titleInk = countPixels(image, { x: 20, y: 20, width: 170, height: 16 }, dpi, ([r, g, b]) => r + g + b < 300);
  expect(titleInk, 'dark pixels of the Chinese title').toBeGreaterThan(150);
  const redOutsideSeal = countPixels(image, { x: 20, y: 20, width: 100, height: 50 }, dpi, ([r, g, b]) => r > 170 && g < 110 && b < 110);
  expect(redOutsideSeal).toBe(0);

  // The public verification page (no sign-in): valid, and altered after one changed byte.
  const valid = await verifyUpload(browser, pdf, 'certificate.pdf');
  await expect(valid).toHaveAttribute('data-outcome', 'valid');
  await expect(valid.getByText('证照有效', { exact: true })).toBeVisible();
  await expect(valid.getByText(issued.certificate.number)).toBeVisible();
  await valid.page().screenshot({ path: testInfo.outputPath('verify-valid.png'), fullPage: true });

  const changed = Buffer.from(pdf);
  const position = Math.floor(changed.length / 3);
  changed[position] = changed[position]! ^ 0x01;
  const altered = await verifyUpload(browser, changed, 'certificate-changed.pdf');
  await expect(altered).toHaveAttribute('data-outcome', 'altered');
  await expect(altered.getByText('文件已被篡改', { exact: true })).toBeVisible();
  await altered.page().screenshot({ path: testInfo.outputPath('verify-altered.png'), fullPage: true });
});
