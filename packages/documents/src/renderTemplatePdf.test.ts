import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTemplatePdf, type RenderTemplateOptions } from './renderTemplatePdf.js';
import { resolveBindings } from './resolveBindings.js';
import { foodBusinessCase, listTemplates, loadTemplate } from './testing/fixtures.js';
import { countPixels, pdfText, renderPng } from './testing/poppler.js';

const template = loadTemplate('certificate-templates', 'cert-food-business');
const verificationUrl = 'https://zwfw.xlgl.gov.cn/verify/JY11525020001234';
const sealed: RenderTemplateOptions = {
  variant: 'original',
  seal: { departmentName: '锡林郭勒盟市场监督管理局', subtitle: '行政审批专用章' },
  qrUrl: verificationUrl,
};
const mmToPx = (mm: number, dpi: number) => (mm / 25.4) * dpi;
const compact = (text: string) => text.replace(/\s+/g, '');

describe('renderTemplatePdf', () => {
  let original: Uint8Array;
  beforeAll(async () => {
    original = await renderTemplatePdf(template, foodBusinessCase, sealed);
  });

  it('renders a shipped certificate to an A4 PDF with subsetted Chinese fonts', () => {
    expect(Buffer.from(original.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // Each Noto CJK TTF is about 15 MB; only the glyphs used are embedded.
    expect(original.length).toBeLessThan(150_000);
    const text = pdfText(original);
    for (const expected of ['食品经营许可证', '（正本）', '锡林浩特市草原印象餐饮有限公司', '91152502MA0N8XYZ3K', '2031年11月26日', '2026年11月27日', 'JY11525020001234']) {
      expect(compact(text)).toContain(expected);
    }
    expect(text).not.toContain('副本');
  });

  it('rasterises with pdftoppm to a non-blank page with the red seal where the template puts it', () => {
    const png = renderPng(original, 60);
    expect(png.width).toBeCloseTo(mmToPx(210, 60), -0.5);
    expect(png.height).toBeCloseTo(mmToPx(297, 60), -0.5);
    const pixels = countPixels(png);
    expect(pixels.dark).toBeGreaterThan(3000);
    expect(pixels.red).toBeGreaterThan(800);
    const seal = template.elements.find((element) => element.type === 'seal')!;
    // All red ink lies inside the seal element's box (1 px tolerance for anti-aliasing).
    expect(pixels.redBox!.left).toBeGreaterThanOrEqual(Math.floor(mmToPx(seal.x, 60)) - 1);
    expect(pixels.redBox!.right).toBeLessThanOrEqual(Math.ceil(mmToPx(seal.x + seal.width, 60)) + 1);
    expect(pixels.redBox!.top).toBeGreaterThanOrEqual(Math.floor(mmToPx(seal.y, 60)) - 1);
    expect(pixels.redBox!.bottom).toBeLessThanOrEqual(Math.ceil(mmToPx(seal.y + seal.height, 60)) + 1);
    // The rim is round: the box of red ink is (nearly) square and fills the element.
    expect(pixels.redBox!.right - pixels.redBox!.left).toBeGreaterThan(mmToPx(seal.width, 60) - 4);
    expect(Math.abs(pixels.redBox!.right - pixels.redBox!.left - (pixels.redBox!.bottom - pixels.redBox!.top))).toBeLessThanOrEqual(2);
  });

  it('draws a QR code that decodes to the verification URL', async () => {
    // The acceptance notice has its QR code clear of other elements.
    const notice = loadTemplate('document-templates', 'doc-acceptance');
    const pdf = await renderTemplatePdf(notice, foodBusinessCase, sealed);
    const qr = notice.elements.find((element) => element.type === 'qr')!;
    const dpi = 200;
    const crop = { x: Math.floor(mmToPx(qr.x, dpi)) - 10, y: Math.floor(mmToPx(qr.y, dpi)) - 10, width: Math.ceil(mmToPx(qr.width, dpi)) + 20, height: Math.ceil(mmToPx(qr.height, dpi)) + 20 };
    const png = renderPng(pdf, dpi, crop);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(verificationUrl);
  });

  it('prints the copy variant with its own elements', async () => {
    const copy = await renderTemplatePdf(template, foodBusinessCase, { ...sealed, variant: 'copy' });
    const text = compact(pdfText(copy));
    expect(text).toContain('（副本）');
    expect(text).not.toContain('（正本）');
  });

  it('shifts everything by the window printer offset', async () => {
    const shifted = await renderTemplatePdf(template, foodBusinessCase, { ...sealed, offsetMm: { x: 10, y: 5 } });
    const before = countPixels(renderPng(original, 60));
    const after = countPixels(renderPng(shifted, 60));
    expect(after.darkBox!.left - before.darkBox!.left).toBeCloseTo(mmToPx(10, 60), -0.5);
    expect(after.darkBox!.top - before.darkBox!.top).toBeCloseTo(mmToPx(5, 60), -0.5);
    expect(after.redBox!.left - before.redBox!.left).toBeCloseTo(mmToPx(10, 60), -0.5);
  });

  it('leaves seal elements empty without a seal and never prints the background scan', async () => {
    const draft = await renderTemplatePdf({ ...template, backgroundHash: 'sha256-scan' }, foodBusinessCase, { variant: 'original' });
    const pixels = countPixels(renderPng(draft, 60));
    expect(pixels.red).toBe(0);
    expect(pixels.dark).toBeGreaterThan(3000);
    await expect(
      renderTemplatePdf(template, foodBusinessCase, { variant: 'original', includeBackground: true as unknown as false }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: 套打底图仅用于设计时定位，不能打印]`);
  });

  it('refuses characters the font cannot show instead of printing empty boxes', async () => {
    const data = { ...foodBusinessCase, form: { ...foodBusinessCase.form, f_legal_rep: '巴特尔 ᠪᠠᠲᠤ' } };
    await expect(renderTemplatePdf(template, data, sealed)).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: 元素「value-legal」含字体不支持的字符：「ᠪ」U+182A、「ᠠ」U+1820、「ᠲ」U+1832、「ᠤ」U+1824]`);
    await expect(
      renderTemplatePdf(template, foodBusinessCase, { ...sealed, seal: { departmentName: 'ᠰᠢᠯᠢ市场监督管理局' } }),
    ).rejects.toThrow('印章文字含字体不支持的字符：「ᠰ」U+1830');
    // Noto Serif SC has no CJK Extension B: such name characters need a fallback font (not shipped yet).
    const extensionB = { ...foodBusinessCase, form: { ...foodBusinessCase.form, f_legal_rep: '𠮷野' } };
    await expect(renderTemplatePdf(template, extensionB, sealed)).rejects.toThrow('「𠮷」U+20BB7');
    // Rarer characters of names that Noto SC does cover are fine.
    const rare = { ...foodBusinessCase, form: { ...foodBusinessCase.form, f_legal_rep: '堃 喆 犇 淼 昇' } };
    expect(compact(pdfText(await renderTemplatePdf(template, rare, sealed)))).toContain('堃喆犇淼昇');
  });

  it('honours landscape and custom page sizes', async () => {
    const landscape = await renderTemplatePdf({ ...template, page: { size: 'A5', orientation: 'landscape' } }, foodBusinessCase, sealed);
    const png = renderPng(landscape, 60);
    expect(png.width).toBeCloseTo(mmToPx(210, 60), -0.5);
    expect(png.height).toBeCloseTo(mmToPx(148, 60), -0.5);
    await expect(
      renderTemplatePdf({ ...template, page: { size: 'custom', orientation: 'portrait' } }, foodBusinessCase, sealed),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[Error: 自定义纸张必须填写宽度和高度（毫米）]`);
  });

  it('renders every shipped document and certificate template with all its text', async () => {
    const ids = [
      ...listTemplates('certificate-templates').map((id) => ['certificate-templates', id] as const),
      ...listTemplates('document-templates').map((id) => ['document-templates', id] as const),
    ];
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const [kind, id] of ids) {
      const shipped = loadTemplate(kind, id);
      const pdf = await renderTemplatePdf(shipped, foodBusinessCase, sealed);
      // -raw keeps drawing order, so each element's (possibly wrapped) text stays contiguous.
      const text = compact(pdfText(pdf, 'raw'));
      for (const value of resolveBindings(shipped, foodBusinessCase)) {
        if ((value.type === 'text' || value.type === 'field') && value.text && shipped.elements.find((element) => element.id === value.id)!.variants.includes('original')) {
          expect(text, `${id}/${value.id}`).toContain(compact(value.text));
        }
      }
    }
  });
});
