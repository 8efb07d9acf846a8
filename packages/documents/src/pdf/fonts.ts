import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { loadFontkit } from '../libraries.js';

export type FontFamily = 'serif' | 'sans';
export type FontWeight = 'regular' | 'bold';

const require = createRequire(import.meta.url);

const fontFiles: Record<FontFamily, { packageName: string; regular: string; bold: string }> = {
  serif: {
    packageName: '@expo-google-fonts/noto-serif-sc',
    regular: '400Regular/NotoSerifSC_400Regular.ttf',
    bold: '700Bold/NotoSerifSC_700Bold.ttf',
  },
  sans: {
    packageName: '@expo-google-fonts/noto-sans-sc',
    regular: '400Regular/NotoSansSC_400Regular.ttf',
    bold: '700Bold/NotoSansSC_700Bold.ttf',
  },
};

const fontBytesCache = new Map<string, Promise<Uint8Array>>();

/** Reads a Noto CJK TTF once per process (each file is about 15 MB). */
export function loadFontBytes(family: FontFamily, weight: FontWeight = 'regular'): Promise<Uint8Array> {
  const key = `${family}-${weight}`;
  let bytes = fontBytesCache.get(key);
  if (!bytes) {
    const files = fontFiles[family];
    const packageDir = dirname(require.resolve(`${files.packageName}/package.json`));
    bytes = readFile(join(packageDir, files[weight])).then((buffer) => new Uint8Array(buffer));
    fontBytesCache.set(key, bytes);
  }
  return bytes;
}

interface SubsetPrototype {
  _addGlyph(this: SubsetInstance, glyphId: number): number;
  __xlglEvenGlyphs?: true;
}
interface GlyphBuffer {
  length: number;
  copy(target: GlyphBuffer): number;
  constructor: { alloc(size: number): GlyphBuffer };
}
interface SubsetInstance {
  glyf: GlyphBuffer[];
  offset: number;
}

/**
 * @pdf-lib/fontkit 1.1.1 writes a short `loca` table for small subsets (offsets stored halved) but
 * copies glyph records of odd length unpadded from fonts with a long `loca` (Noto CJK), so every glyph
 * after the first odd one is read at the wrong offset and disappears from the PDF. Padding each glyph
 * record to an even length keeps the halved offsets exact.
 */
function padSubsetGlyphs(font: { createSubset(): unknown }): void {
  const prototype = Object.getPrototypeOf(font.createSubset()) as SubsetPrototype;
  if (prototype.__xlglEvenGlyphs) return;
  const addGlyph = prototype._addGlyph;
  prototype._addGlyph = function (this: SubsetInstance, glyphId: number) {
    const index = addGlyph.call(this, glyphId);
    const record = this.glyf[index];
    if (record.length % 2 === 1) {
      // The bundled Buffer polyfill refuses Node's Buffer, so allocate with the record's own class.
      const padded = record.constructor.alloc(record.length + 1);
      record.copy(padded);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  prototype.__xlglEvenGlyphs = true;
}

// Parsing a 15 MB font costs a few hundred milliseconds; a parsed font is only read afterwards
// (subsets are separate objects), so it is shared by every document embedding the same bytes.
const parsedFonts = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();

type Fontkit = typeof fontkit;

/** fontkit with the glyph padding and the parsed-font cache, made once fontkit is loaded. */
function patchFontkit(loaded: Fontkit): Pick<Fontkit, 'create'> {
  return {
    create(bytes: Uint8Array, postscriptName?: string) {
      const cached = postscriptName === undefined ? parsedFonts.get(bytes) : undefined;
      if (cached) return cached;
      const font = loaded.create(bytes, postscriptName);
      if (typeof (font as { createSubset?: unknown }).createSubset === 'function') padSubsetGlyphs(font as never);
      if (postscriptName === undefined) parsedFonts.set(bytes, font);
      return font;
    },
  };
}

/** Registers the fontkit used for subsetted CJK embedding on a document (loading fontkit on first use). */
export async function registerFontkit(document: PDFDocument): Promise<void> {
  const patched = patchFontkit(await loadFontkit());
  document.registerFontkit(patched as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
}

/** Embeds fonts on first use, subsetted to the glyphs drawn. */
export class FontSet {
  private readonly fonts = new Map<string, Promise<PDFFont>>();
  constructor(private readonly document: PDFDocument) {}

  get(family: FontFamily, weight: FontWeight = 'regular'): Promise<PDFFont> {
    const key = `${family}-${weight}`;
    let font = this.fonts.get(key);
    if (!font) {
      font = Promise.all([registerFontkit(this.document), loadFontBytes(family, weight)]).then(([, bytes]) => this.document.embedFont(bytes, { subset: true }));
      this.fonts.set(key, font);
    }
    return font;
  }
}

const characterSets = new WeakMap<PDFFont, Set<number>>();

/**
 * Throws when the font has no glyph for a character of the text: a certificate with an empty box
 * instead of a character of a name must not be issued.
 */
export function assertFontCovers(font: PDFFont, text: string, where: string): void {
  let available = characterSets.get(font);
  if (!available) {
    available = new Set(font.getCharacterSet());
    characterSets.set(font, available);
  }
  const missing = new Set<string>();
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint >= 0x20 && !available.has(codePoint)) missing.add(character);
  }
  if (missing.size === 0) return;
  const listed = [...missing].map((character) => `「${character}」U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  throw new Error(`${where}含字体不支持的字符：${listed.join('、')}`);
}
