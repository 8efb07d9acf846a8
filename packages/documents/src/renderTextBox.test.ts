import { describe, expect, it } from 'vitest';
import type { TemplateElement } from '@xlgl/schema';
import { renderTemplatePdf } from './renderTemplatePdf.js';
import type { TemplateDocument } from './resolveBindings.js';
import { countPixels, pdfFontNames, pdfText, pdfWords, renderPng } from './testing/poppler.js';

const ptPerMm = 72 / 25.4;
const dpi = 100;
const px = (mm: number) => (mm / 25.4) * dpi;

function template(elements: Array<Partial<TemplateElement> & Pick<TemplateElement, 'id' | 'x' | 'y' | 'width' | 'height'>>): TemplateDocument {
  return {
    kind: 'document-template',
    id: 'text-box-test',
    version: 1,
    schemaVersion: 1,
    name: '文字排版测试',
    purpose: 'other',
    page: { size: 'A4', orientation: 'portrait' },
    elements: elements.map((element) => ({
      type: 'text',
      format: 'plain',
      font: 'serif',
      fontSize: 12,
      fontWeight: 'normal',
      align: 'left',
      wrap: true,
      variants: ['original', 'copy'],
      ...element,
    })) as TemplateElement[],
  } as TemplateDocument;
}

/** Dark ink inside a box given in mm (pixels at `dpi`), as a box in mm. */
function inkBox(pdf: Uint8Array, box: { x: number; y: number; width: number; height: number }) {
  const crop = { x: Math.floor(px(box.x)), y: Math.floor(px(box.y)), width: Math.ceil(px(box.width)), height: Math.ceil(px(box.height)) };
  const counts = countPixels(renderPng(pdf, dpi, crop));
  const ink = counts.darkBox!;
  const mm = (pixels: number) => (pixels / dpi) * 25.4;
  return { top: box.y + mm(ink.top), bottom: box.y + mm(ink.bottom + 1), left: box.x + mm(ink.left), right: box.x + mm(ink.right + 1), dark: counts.dark };
}

describe('text boxes: vertical alignment, bold, line height', () => {
  const box = { x: 20, y: 30, width: 120, height: 40 };

  it('places one line at the top, in the middle or at the bottom of its box', async () => {
    const positions: Record<string, ReturnType<typeof inkBox>> = {};
    for (const verticalAlign of ['top', 'middle', 'bottom'] as const) {
      const pdf = await renderTemplatePdf(template([{ id: 'value', ...box, text: '准予行政许可', fontSize: 16, verticalAlign }]), {}, { variant: 'original' });
      positions[verticalAlign] = inkBox(pdf, box);
    }
    const em = (16 / ptPerMm); // 16 pt in mm
    // Top: the ink starts within a quarter em of the box's upper edge (line gap + glyph side bearing).
    expect(positions.top!.top - box.y).toBeGreaterThanOrEqual(0);
    expect(positions.top!.top - box.y).toBeLessThan(em * 0.5);
    // Bottom: the ink ends just above the lower edge.
    expect(box.y + box.height - positions.bottom!.bottom).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height - positions.bottom!.bottom).toBeLessThan(em * 0.5);
    // Middle: the ink is centred on the box (within 0.6 mm).
    const middle = (positions.middle!.top + positions.middle!.bottom) / 2;
    expect(Math.abs(middle - (box.y + box.height / 2))).toBeLessThan(0.6);
    // Same glyphs, only moved vertically.
    expect(positions.top!.left).toBeCloseTo(positions.bottom!.left, 1);
    expect(positions.bottom!.top - positions.top!.top).toBeGreaterThan(box.height - 2 * em);
  });

  it('keeps the default: one line centred, several lines from the top', async () => {
    const one = inkBox(await renderTemplatePdf(template([{ id: 'value', ...box, text: '准予行政许可', fontSize: 16 }]), {}, { variant: 'original' }), box);
    expect(Math.abs((one.top + one.bottom) / 2 - (box.y + box.height / 2))).toBeLessThan(0.6);
    const several = inkBox(await renderTemplatePdf(template([{ id: 'value', ...box, text: '第一行\n第二行', fontSize: 16 }]), {}, { variant: 'original' }), box);
    expect(several.top - box.y).toBeLessThan(16 / ptPerMm / 2);
  });

  it('moves a block of several lines to the bottom as a whole', async () => {
    const pdf = await renderTemplatePdf(template([{ id: 'value', ...box, text: '第一行\n第二行\n第三行', fontSize: 12, verticalAlign: 'bottom' }]), {}, { variant: 'original' });
    const words = pdfWords(pdf);
    expect(words.map((word) => word.text)).toEqual(['第一行', '第二行', '第三行']);
    // The last line's baseline sits one line-gap above the bottom edge (poppler's word box spans the font's ascent and descent).
    const bottomPt = (box.y + box.height) * ptPerMm;
    expect(bottomPt - words[2]!.yMax).toBeGreaterThanOrEqual(-0.5);
    expect(bottomPt - words[2]!.yMax).toBeLessThan(12 * 0.5);
    expect(words[1]!.yMin - words[0]!.yMin).toBeCloseTo(12 * 1.5, 1);
  });

  it('spaces wrapped lines by lineHeight × font size', async () => {
    const text = '经审查，申请材料齐全，符合法定条件，准予行政许可。许可有效期五年，期满前三十个工作日内申请延续。';
    const spacing: number[] = [];
    for (const lineHeight of [1, 1.5, 2.4]) {
      const pdf = await renderTemplatePdf(template([{ id: 'value', x: 20, y: 30, width: 60, height: 120, text, fontSize: 12, lineHeight }]), {}, { variant: 'original' });
      const words = pdfWords(pdf);
      expect(words.length).toBeGreaterThanOrEqual(3);
      expect(compact(words.map((word) => word.text).join(''))).toBe(compact(text));
      const steps = words.slice(1).map((word, index) => word.yMin - words[index]!.yMin);
      for (const step of steps) expect(step).toBeCloseTo(12 * lineHeight, 1);
      spacing.push(steps[0]!);
    }
    expect(spacing[0]!).toBeLessThan(spacing[1]!);
    expect(spacing[1]!).toBeLessThan(spacing[2]!);
  });

  it('shrinks text whose lines at a large line height do not fit the box', async () => {
    // Two lines at 12 pt × 3 need 72 pt (25.4 mm); the box is 20 mm high, so the font shrinks.
    const pdf = await renderTemplatePdf(template([{ id: 'value', x: 20, y: 30, width: 100, height: 20, text: '第一行\n第二行', fontSize: 12, lineHeight: 3 }]), {}, { variant: 'original' });
    const words = pdfWords(pdf);
    expect(words).toHaveLength(2);
    // 20 mm = 56.7 pt holds two lines of 3 × 9 pt: the font shrinks from 12 to 9 pt, lines 27 pt apart.
    expect(words[1]!.yMin - words[0]!.yMin).toBeCloseTo(27, 1);
    expect(words[1]!.yMax).toBeLessThanOrEqual(50 * ptPerMm + 1);
  });

  it('prints bold with the real Noto Bold face: heavier strokes, same text', async () => {
    const elements = (fontWeight: 'normal' | 'bold') => [{ id: 'value', ...box, text: '食品经营许可证', fontSize: 24, fontWeight, align: 'center' as const }];
    const regular = await renderTemplatePdf(template(elements('normal')), {}, { variant: 'original' });
    const bold = await renderTemplatePdf(template(elements('bold')), {}, { variant: 'original' });
    expect(pdfFontNames(regular).some((name) => name.startsWith('NotoSerifSC-Regular'))).toBe(true);
    expect(pdfFontNames(bold).some((name) => name.startsWith('NotoSerifSC-Bold'))).toBe(true);
    expect(pdfFontNames(bold).some((name) => name.startsWith('NotoSerifSC-Regular'))).toBe(false);
    expect(compact(pdfText(bold))).toBe('食品经营许可证');
    const regularInk = inkBox(regular, box);
    const boldInk = inkBox(bold, box);
    expect(boldInk.dark).toBeGreaterThan(regularInk.dark * 1.25);
    // Sans bold as well.
    const sans = await renderTemplatePdf(template([{ ...elements('bold')[0]!, font: 'sans' }]), {}, { variant: 'original' });
    expect(pdfFontNames(sans).some((name) => name.startsWith('NotoSansSC-Bold'))).toBe(true);
  });

  it('draws list elements as numbered lines', async () => {
    const doc = template([{ id: 'items', type: 'list', x: 20, y: 30, width: 150, height: 40, binding: { source: 'case', key: 'supplementItems' }, verticalAlign: 'top' }]);
    const pdf = await renderTemplatePdf(doc, { case: { supplementItems: ['营业执照复印件', '经营场所平面图'] } }, { variant: 'original' });
    expect(pdfText(pdf, 'raw').trim().split('\n')).toEqual(['1. 营业执照复印件', '2. 经营场所平面图']);
  });
});

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
