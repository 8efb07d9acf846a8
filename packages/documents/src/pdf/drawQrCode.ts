import type { PDFPage } from 'pdf-lib';
import { loadPdfLib, loadQrCode } from '../libraries.js';

export interface QrBox {
  /** Lower-left corner and side length in points (PDF coordinates). */
  x: number;
  y: number;
  size: number;
}

/**
 * Draws a QR code as vector rectangles (one per horizontal run of dark modules), with a two-module
 * quiet zone inside the box, so it stays sharp at any printer resolution.
 */
export async function drawQrCode(page: PDFPage, content: string, box: QrBox): Promise<void> {
  const [QRCode, { rgb }] = await Promise.all([loadQrCode(), loadPdfLib()]);
  const code = QRCode.create(content, { errorCorrectionLevel: 'M' });
  const count = code.modules.size;
  const quietZone = 2;
  const moduleSize = box.size / (count + quietZone * 2);
  const color = rgb(0, 0, 0);
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!code.modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && code.modules.get(row, column)) column++;
      page.drawRectangle({
        x: box.x + (quietZone + start) * moduleSize,
        // Rows count downwards from the top of the box.
        y: box.y + box.size - (quietZone + row + 1) * moduleSize,
        width: (column - start) * moduleSize,
        // A hair of overlap so adjacent rows do not show seams in viewers.
        height: moduleSize * 1.02,
        color,
      });
    }
  }
}
