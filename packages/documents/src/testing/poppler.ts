import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Runs a poppler-utils tool on PDF bytes in a scratch directory. */
function withPdfFile<T>(pdf: Uint8Array, run: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'xlgl-documents-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return run(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A crop in pixels at the render resolution. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Rasterises page 1 with `pdftoppm -png -r <dpi>` (optionally cropped) and decodes the PNG. */
export function renderPng(pdf: Uint8Array, dpi = 60, crop?: Crop): PNG {
  return withPdfFile(pdf, (file, dir) => {
    const cropArgs = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.width), '-H', String(crop.height)] : [];
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', ...cropArgs, '-singlefile', file, join(dir, 'page')]);
    return PNG.sync.read(readFileSync(join(dir, 'page.png')));
  });
}

/** Text layer of the PDF as poppler extracts it (needs correct ToUnicode maps). */
export function pdfText(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): string {
  return withPdfFile(pdf, (file) => execFileSync('/usr/bin/pdftotext', [`-${mode}`, file, '-'], { encoding: 'utf8' }));
}

/** `pdfsig` report (poppler's own signature check). */
export function pdfsig(pdf: Uint8Array): string {
  return withPdfFile(pdf, (file) => {
    try {
      return execFileSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' });
    } catch (error) {
      // pdfsig exits non-zero when a signature does not validate; its report is still on stdout.
      return String((error as { stdout?: string }).stdout ?? '');
    }
  });
}

export interface PixelCounts {
  dark: number;
  red: number;
  /** Bounding box of dark pixels. */
  darkBox: { left: number; top: number; right: number; bottom: number } | null;
  redBox: { left: number; top: number; right: number; bottom: number } | null;
}

const isDark = (r: number, g: number, b: number) => r < 100 && g < 100 && b < 100;
const isRed = (r: number, g: number, b: number) => r > 170 && g < 110 && b < 110;

export function countPixels(png: PNG): PixelCounts {
  const counts: PixelCounts = { dark: 0, red: 0, darkBox: null, redBox: null };
  const grow = (box: PixelCounts['darkBox'], x: number, y: number) =>
    box ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) } : { left: x, top: y, right: x, bottom: y };
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const index = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[index], png.data[index + 1], png.data[index + 2]];
      if (isDark(r, g, b)) {
        counts.dark++;
        counts.darkBox = grow(counts.darkBox, x, y);
      } else if (isRed(r, g, b)) {
        counts.red++;
        counts.redBox = grow(counts.redBox, x, y);
      }
    }
  }
  return counts;
}

/** A word of the text layer with its box in points from the page's top-left corner (`pdftotext -bbox`). */
export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const entities: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (match, name: string) =>
    name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (entities[name] ?? match),
  );

/** Words of page 1 with their positions, as poppler extracts them. */
export function pdfWords(pdf: Uint8Array): PdfWord[] {
  const html = withPdfFile(pdf, (file) => execFileSync('/usr/bin/pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }));
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
    xMin: Number(match[1]),
    yMin: Number(match[2]),
    xMax: Number(match[3]),
    yMax: Number(match[4]),
    text: unescapeXml(match[5]!),
  }));
}

/** Font names embedded in the PDF (`pdffonts`), without the subset prefix. */
export function pdfFontNames(pdf: Uint8Array): string[] {
  const report = withPdfFile(pdf, (file) => execFileSync('/usr/bin/pdffonts', [file], { encoding: 'utf8' }));
  return report
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]!)
    .filter(Boolean)
    .map((name) => name.replace(/^[A-Z]{6}\+/, ''));
}
