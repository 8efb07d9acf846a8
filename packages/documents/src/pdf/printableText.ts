/**
 * The text as it is printed: hostile or pasted input is reduced to characters a font draws.
 *
 * - Line and paragraph separators (CR LF, CR, U+2028, U+2029, vertical tab, form feed) become `\n`.
 * - A tab becomes a space.
 * - Other control characters (C0, DEL, C1) are removed: they have no glyph and no meaning on paper.
 * - Invisible format characters (Unicode category Cf: bidi marks and embeddings such as U+200F and
 *   U+202E, zero-width spaces and joiners, the BOM, soft hyphen) are removed, so a right-to-left
 *   override cannot reorder what a reader sees: the PDF shows the characters in stored order.
 * - A lone surrogate (broken UTF-16) becomes U+FFFD, which the font check then names.
 *
 * Everything else is kept as it is; characters the font lacks (emoji, CJK Extension B) are refused by
 * `assertFontCovers` rather than printed as empty boxes.
 */
export function printableText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\v\f]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/\p{Cc}/gu, (character) => (character === '\n' ? character : ''))
    .replace(/\p{Cf}/gu, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
