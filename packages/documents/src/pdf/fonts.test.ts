import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FontSet } from './fonts.js';

/** The embedded font programs (FontFile2 streams) of a PDF, parsed back with fontkit. */
async function embeddedFonts(pdf: Uint8Array) {
  const document = await PDFDocument.load(pdf);
  const fonts = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
      const program = object.lookup(PDFName.of('FontFile2'));
      if (!(program instanceof PDFRawStream)) throw new Error('FontFile2 missing');
      fonts.push(fontkit.create(Buffer.from(decodePDFRawStream(program).decode())));
    }
  }
  return fonts;
}

describe('FontSet', () => {
  it.each(['serif', 'sans'] as const)('embeds a %s subset in which every drawn CJK glyph keeps its outline', async (family) => {
    const text = '食品经营许可证锡林郭勒盟市场监督管理局壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整年月日（正本）';
    const document = await PDFDocument.create();
    const fonts = new FontSet(document);
    const font = await fonts.get(family);
    document.addPage([300, 300]).drawText(text, { x: 10, y: 150, size: 8, font });
    const pdf = await document.save();
    expect(pdf.length).toBeLessThan(60_000);
    const [subset] = await embeddedFonts(pdf);
    // .notdef plus one glyph per distinct character (some may share glyphs; none may be empty).
    expect(subset.numGlyphs).toBeGreaterThanOrEqual(new Set(text).size);
    const empty: number[] = [];
    for (let glyphId = 1; glyphId < subset.numGlyphs; glyphId++) {
      if ((subset.getGlyph(glyphId).path as unknown as { commands: unknown[] }).commands.length === 0) empty.push(glyphId);
    }
    expect(empty).toEqual([]);
  });
});
