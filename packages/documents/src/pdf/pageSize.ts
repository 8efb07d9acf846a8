import type { TemplateDocument } from '../resolveBindings.js';

const standardSizes = { A3: [297, 420], A4: [210, 297], A5: [148, 210] } as const;

/** Page width and height in millimetres, orientation applied. */
export function pageSizeMm(page: TemplateDocument['page']): { width: number; height: number } {
  let width: number;
  let height: number;
  if (page.size === 'custom') {
    if (!page.width || !page.height) throw new Error('自定义纸张必须填写宽度和高度（毫米）');
    // A custom size is taken as entered; landscape only turns a size entered upright.
    if (page.orientation === 'landscape' && page.width < page.height) return { width: page.height, height: page.width };
    return { width: page.width, height: page.height };
  }
  [width, height] = standardSizes[page.size ?? 'A4'];
  if (page.orientation === 'landscape') [width, height] = [height, width];
  return { width, height };
}

/** Millimetres to PDF points. */
export const mmToPt = (mm: number) => (mm * 72) / 25.4;
