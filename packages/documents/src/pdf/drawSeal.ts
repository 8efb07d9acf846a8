import type { BlendMode, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { loadPdfLib } from '../libraries.js';
import { assertFontCovers } from './fonts.js';
import { printableText } from './printableText.js';

/** What the visible seal shows. */
export interface SealAppearance {
  /** Name set around the upper rim, e.g. 锡林郭勒盟市场监督管理局. */
  departmentName: string;
  /** Optional line under the star, e.g. 行政审批专用章. */
  subtitle?: string;
  /** Optional small code at the bottom (seal serial number). */
  code?: string;
}

export interface SealBox {
  /** Centre and radius in points (PDF coordinates). */
  centerX: number;
  centerY: number;
  radius: number;
}

/**
 * Draws a round official seal with vector operations: red rim, five-pointed star, the department
 * name along the upper arc (one glyph at a time, each turned to face the centre), and optional
 * horizontal text under the star. Drawn with Multiply so text underneath stays legible.
 */
export async function drawSeal(page: PDFPage, appearance: SealAppearance, options: SealBox & { font: PDFFont }): Promise<void> {
  const { BlendMode, degrees, rgb } = await loadPdfLib();
  const sealRed = rgb(0.88, 0.07, 0.1);
  const { centerX, centerY, radius, font } = options;
  const oneLine = (text: string | undefined) => (text === undefined ? undefined : printableText(text).replace(/\n/g, ''));
  const seal = { ...appearance, departmentName: oneLine(appearance.departmentName)!, subtitle: oneLine(appearance.subtitle), code: oneLine(appearance.code) };
  assertFontCovers(font, [seal.departmentName, seal.subtitle ?? '', seal.code ?? ''].join(''), '印章文字');
  const paint = { color: sealRed, blendMode: BlendMode.Multiply, opacity: 0.95 };
  const rim = radius * 0.065;
  page.drawCircle({
    x: centerX,
    y: centerY,
    size: radius - rim / 2,
    borderColor: sealRed,
    borderWidth: rim,
    borderOpacity: 0.95,
    blendMode: BlendMode.Multiply,
  });

  const starRadius = radius * 0.3;
  page.drawSvgPath(starPath(starRadius), { x: centerX, y: centerY + starRadius * 0.08, ...paint });

  const characters = Array.from(seal.departmentName.trim());
  if (characters.length > 0) {
    const sweep = (Math.min(250, Math.max(80, characters.length * 22)) * Math.PI) / 180;
    const gap = radius * 0.06;
    // Characters get smaller as the name gets longer, so they never touch each other.
    const chordPerCharacter = (radius * 0.72 * sweep) / characters.length;
    const size = Math.min(radius * 0.27, chordPerCharacter * 0.92);
    const baseline = radius - rim - gap - size * 0.86;
    characters.forEach((character, index) => {
      const angle = -sweep / 2 + (sweep * (index + 0.5)) / characters.length;
      const width = font.widthOfTextAtSize(character, size);
      const sin = Math.sin(angle);
      const cos = Math.cos(angle);
      // Baseline centre on the circle, glyph turned clockwise by `angle` (tops point outwards).
      const baseX = centerX + baseline * sin;
      const baseY = centerY + baseline * cos;
      page.drawText(character, {
        x: baseX - (width / 2) * cos,
        y: baseY + (width / 2) * sin,
        size,
        font,
        rotate: degrees((-angle * 180) / Math.PI),
        ...paint,
      });
    });
  }

  drawCenteredLine(page, seal.subtitle, { y: centerY - radius * 0.54, size: radius * 0.15, centerX, font, paint, maxWidth: radius * 1.3 });
  drawCenteredLine(page, seal.code, { y: centerY - radius * 0.74, size: radius * 0.08, centerX, font, paint, maxWidth: radius * 0.9 });
}

function drawCenteredLine(
  page: PDFPage,
  text: string | undefined,
  options: { y: number; size: number; centerX: number; font: PDFFont; maxWidth: number; paint: { color: RGB; blendMode: BlendMode; opacity: number } },
): void {
  if (!text) return;
  let size = options.size;
  while (size > 3 && options.font.widthOfTextAtSize(text, size) > options.maxWidth) size -= 0.25;
  const width = options.font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: options.centerX - width / 2, y: options.y, size, font: options.font, ...options.paint });
}

/** SVG path of a five-pointed star centred on the origin (SVG y axis points down). */
function starPath(outerRadius: number): string {
  const innerRadius = outerRadius * 0.382;
  const points: string[] = [];
  for (let index = 0; index < 10; index++) {
    const radius = index % 2 === 0 ? outerRadius : innerRadius;
    const angle = (Math.PI / 5) * index;
    points.push(`${(radius * Math.sin(angle)).toFixed(3)} ${(-radius * Math.cos(angle)).toFixed(3)}`);
  }
  return `M ${points.join(' L ')} Z`;
}
