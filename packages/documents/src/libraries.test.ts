import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForge, loadPdfLib } from './libraries.js';

const heavy = ['pdf-lib', '@pdf-lib/fontkit', 'node-forge', 'sm-crypto-v2', 'qrcode', '@signpdf/placeholder-pdf-lib', '@signpdf/signpdf', '@signpdf/utils'];

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('heavy libraries', () => {
  it('are not imported statically by the package sources (only as types), so importing the package does not load them', () => {
    const root = import.meta.dirname;
    const staticImports: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      // `import x from 'lib'`, `import { a, type B } from 'lib'`, `export { a } from 'lib'`, `import 'lib'`; not `import type …`.
      for (const match of text.matchAll(/^\s*(import|export)\s+(?!type\s)([^;]*?\bfrom\s+)?['"]([^'"]+)['"]/gm)) {
        if (heavy.includes(match[3]!)) staticImports.push(`${relative(root, file)}: ${match[0].trim()}`);
      }
    }
    expect(staticImports).toEqual([]);
  });

  it('load once per process', async () => {
    expect(loadPdfLib()).toBe(loadPdfLib());
    const [forge, again] = await Promise.all([loadForge(), loadForge()]);
    expect(forge).toBe(again);
    expect(typeof forge.pki.certificateFromPem).toBe('function');
    expect(typeof (await loadPdfLib()).PDFDocument.create).toBe('function');
  });
});
