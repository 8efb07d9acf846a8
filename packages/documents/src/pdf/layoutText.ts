/** Width of a string at a font size, in points. */
export type MeasureText = (text: string, fontSize: number) => number;

export interface TextLayout {
  fontSize: number;
  lineHeight: number;
  lines: string[];
}

export interface LayoutTextOptions {
  /** Box size in points. */
  width: number;
  height: number;
  fontSize: number;
  wrap: boolean;
  measure: MeasureText;
  /** Line height as a multiple of the font size (default 1.5). */
  lineHeight?: number;
}

export const defaultLineHeight = 1.5;
const minimumFontSize = 5;
// Punctuation that must not start a line (避头点) is kept on the line before.
const noLineStart = /^[，。、；：！？）】》」』”’,.;:!?)\]%]$/;
// Opening brackets and quotes that must not end a line (避尾点) move to the next line.
const noLineEnd = /[（【《「『“‘([]$/u;

/**
 * Breaks text into lines that fit a box: CJK characters break anywhere, Latin words and numbers stay
 * whole, closing punctuation never starts a line, `\n` forces a break. When the text does not fit the
 * box the font shrinks (by 0.5 pt, down to 5 pt) — certificates print on fixed pre-printed boxes.
 */
export function layoutText(text: string, options: LayoutTextOptions): TextLayout {
  let fontSize = options.fontSize;
  const factor = options.lineHeight ?? defaultLineHeight;
  for (;;) {
    const lineHeight = fontSize * factor;
    const lines = options.wrap ? wrapLines(text, options.width, (part) => options.measure(part, fontSize)) : text.split('\n');
    const widest = Math.max(0, ...lines.map((line) => options.measure(line, fontSize)));
    const maxLines = Math.max(1, Math.floor((options.height + 0.01) / lineHeight));
    const fits = widest <= options.width + 0.01 && lines.length <= maxLines;
    if (fits || fontSize - 0.5 < minimumFontSize) return { fontSize, lineHeight, lines };
    fontSize -= 0.5;
  }
}

function tokenize(paragraph: string): string[] {
  return paragraph.match(/[A-Za-z0-9@#&_\-+.,:/%]+|\s+|./gu) ?? [];
}

function wrapLines(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const token of tokenize(paragraph)) {
      if (measure(line + token) <= width || (line !== '' && noLineStart.test(token))) {
        line += token;
        continue;
      }
      let carried = '';
      while (noLineEnd.test(line) && line.length > 1) {
        carried = line.slice(-1) + carried;
        line = line.slice(0, -1);
      }
      if (line !== '') lines.push(line.trimEnd());
      line = carried;
      if (/^\s+$/.test(token)) continue;
      // A word longer than the whole line is cut by characters.
      for (const character of token) {
        if (line !== '' && measure(line + character) > width) {
          lines.push(line);
          line = '';
        }
        line += character;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
