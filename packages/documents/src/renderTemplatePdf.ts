import type { LineCapStyle, PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { loadPdfLib } from './libraries.js';
import { drawQrCode } from './pdf/drawQrCode.js';
import { drawSeal, type SealAppearance } from './pdf/drawSeal.js';
import { assertFontCovers, FontSet } from './pdf/fonts.js';
import { layoutText } from './pdf/layoutText.js';
import { printableText } from './pdf/printableText.js';
import { mmToPt, pageSizeMm } from './pdf/pageSize.js';
import {
  elementsForVariant,
  resolveBindings,
  type TemplateData,
  type TemplateDocument,
  type TemplateElement,
  type TemplateVariant,
} from './resolveBindings.js';

export interface RenderTemplateOptions {
  variant: TemplateVariant;
  /** Per-window printer calibration: shifts every element (x to the right, y downwards), in mm. */
  offsetMm?: { x: number; y: number };
  /** The background scan (套打底图) is for positioning in the designer only and is never printed. */
  includeBackground?: false;
  /** Seal drawn in `seal` elements; without it seal elements stay empty (e.g. a draft). */
  seal?: SealAppearance;
  /** Content of `qr` elements (the public verification URL); defaults to the element's bound value. */
  qrUrl?: string;
  /** Bytes (PNG or JPEG) of `image` elements, by `imageHash`. */
  images?: Record<string, Uint8Array>;
  /** PDF title metadata; defaults to the template name. */
  title?: string;
}

/**
 * Renders a certificate or document template filled with case data to a one-page PDF, with the
 * Chinese fonts embedded as subsets. The same function backs printing and the preview.
 */
export async function renderTemplatePdf(template: TemplateDocument, data: TemplateData, options: RenderTemplateOptions): Promise<Uint8Array> {
  if ((options.includeBackground as boolean | undefined) === true) throw new Error('套打底图仅用于设计时定位，不能打印');
  const pdfLib = await loadPdfLib();
  const document = await pdfLib.PDFDocument.create();
  document.setTitle(options.title ?? template.name);
  document.setCreator('锡林郭勒盟政务服务平台');
  document.setProducer('@xlgl/documents');
  // A fixed date keeps identical inputs byte-identical (signing adds its own time).
  document.setCreationDate(new Date(0));
  document.setModificationDate(new Date(0));

  const size = pageSizeMm(template.page);
  const page = document.addPage([mmToPt(size.width), mmToPt(size.height)]);
  const fonts = new FontSet(document);
  const offset = options.offsetMm ?? { x: 0, y: 0 };
  const black = pdfLib.rgb(0, 0, 0);
  const resolved = new Map(resolveBindings(template, data).map((value) => [value.id, value]));
  const visible = elementsForVariant(template.elements, options.variant);
  // Seals go on top of everything, as stamped by hand after printing.
  const ordered = [...visible.filter((element) => element.type !== 'seal'), ...visible.filter((element) => element.type === 'seal')];

  for (const element of ordered) {
    const box = toPdfBox(element, { pageHeightMm: size.height, offset });
    const text = resolved.get(element.id)?.text ?? '';
    switch (element.type) {
      case 'text':
      case 'field':
      case 'list': {
        const printable = printableText(text);
        if (printable.trim()) drawTextBox(page, printable, { box, element, font: await fonts.get(element.font ?? 'serif', element.fontWeight === 'bold' ? 'bold' : 'regular'), color: black });
        break;
      }
      case 'line':
        drawLine(page, box, { color: black, lineCap: pdfLib.LineCapStyle.Butt });
        break;
      case 'qr': {
        const content = options.qrUrl ?? text;
        if (!content) break;
        const side = Math.min(box.width, box.height);
        await drawQrCode(page, content, { x: box.x + (box.width - side) / 2, y: box.y + (box.height - side) / 2, size: side });
        break;
      }
      case 'seal':
        if (options.seal) {
          await drawSeal(page, options.seal, {
            centerX: box.x + box.width / 2,
            centerY: box.y + box.height / 2,
            radius: Math.min(box.width, box.height) / 2,
            font: await fonts.get('serif', 'bold'),
          });
        }
        break;
      case 'image':
        await drawImage(document, page, { element, box, images: options.images ?? {} });
        break;
    }
  }
  return document.save({ useObjectStreams: false });
}

interface PdfBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Element box in PDF points (origin bottom-left), printer offset applied. */
function toPdfBox(element: TemplateElement, context: { pageHeightMm: number; offset: { x: number; y: number } }): PdfBox {
  const x = element.x + context.offset.x;
  const top = element.y + context.offset.y;
  return {
    x: mmToPt(x),
    y: mmToPt(context.pageHeightMm - top - element.height),
    width: mmToPt(element.width),
    height: mmToPt(element.height),
  };
}

/**
 * Text wrapped inside its box. Vertical placement: `verticalAlign` top / middle / bottom; without it
 * one line is centred (fields on pre-printed forms) and several lines start at the top. Bold uses the
 * real Noto Bold face (`fontWeight: 'bold'`), line spacing is `lineHeight` × the font size (1.5).
 */
function drawTextBox(page: PDFPage, text: string, context: { box: PdfBox; element: TemplateElement; font: PDFFont; color: RGB }): void {
  const { box, element, font, color } = context;
  assertFontCovers(font, text, `元素「${element.id}」`);
  const layout = layoutText(text, {
    width: box.width,
    height: box.height,
    fontSize: element.fontSize ?? 12,
    wrap: element.wrap ?? true,
    lineHeight: element.lineHeight,
    measure: (part, size) => font.widthOfTextAtSize(part, size),
  });
  const blockHeight = layout.lines.length * layout.lineHeight;
  const vertical = element.verticalAlign ?? (layout.lines.length === 1 ? 'middle' : 'top');
  const top = vertical === 'top' ? box.y + box.height : vertical === 'bottom' ? box.y + blockHeight : box.y + box.height / 2 + blockHeight / 2;
  // Noto CJK glyphs sit in an em box from -0.12 to 0.88 of the size: centre that box in the line.
  const baselineInLine = (layout.lineHeight - layout.fontSize) / 2 + layout.fontSize * 0.88;
  layout.lines.forEach((line, index) => {
    if (!line) return;
    const width = font.widthOfTextAtSize(line, layout.fontSize);
    const align = element.align ?? 'left';
    const x = align === 'center' ? box.x + (box.width - width) / 2 : align === 'right' ? box.x + box.width - width : box.x;
    page.drawText(line, { x, y: top - index * layout.lineHeight - baselineInLine, size: layout.fontSize, font, color });
  });
}

function drawLine(page: PDFPage, box: PdfBox, paint: { color: RGB; lineCap: LineCapStyle }): void {
  const thickness = 0.75;
  const horizontal = box.width >= box.height;
  page.drawLine({
    start: horizontal ? { x: box.x, y: box.y + box.height / 2 } : { x: box.x + box.width / 2, y: box.y },
    end: horizontal ? { x: box.x + box.width, y: box.y + box.height / 2 } : { x: box.x + box.width / 2, y: box.y + box.height },
    thickness,
    ...paint,
  });
}

async function drawImage(
  document: PDFDocument,
  page: PDFPage,
  context: { element: TemplateElement; box: PdfBox; images: Record<string, Uint8Array> },
): Promise<void> {
  const { element, box } = context;
  if (!element.imageHash) throw new Error(`图片元素「${element.id}」未选择图片`);
  const bytes = context.images[element.imageHash];
  if (!bytes) throw new Error(`图片元素「${element.id}」缺少图片数据（${element.imageHash}）`);
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!isPng && !isJpeg) throw new Error(`图片元素「${element.id}」只支持 PNG 或 JPEG 图片`);
  const image = isPng ? await document.embedPng(bytes) : await document.embedJpg(bytes);
  // Fit inside the box keeping the aspect ratio.
  const scale = Math.min(box.width / image.width, box.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height });
}
