/**
 * Pinyin initials of Chinese text (食品经营许可 → SPJYXK) for item search at the window. Uses the
 * zh-CN collation (ICU, which orders hanzi by pinyin) against the first character of each initial's
 * range — no dictionary to ship. Letters and digits are kept, other characters dropped.
 */
const boundaries = '阿八嚓哒妸发旮哈讥咔垃痳拏噢妑七呥仨他穵夕丫帀';
const letters = 'ABCDEFGHJKLMNOPQRSTWXYZ';
const collator = new Intl.Collator('zh-CN-u-co-pinyin');

export function pinyinInitials(text: string): string {
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9]/.test(char)) {
      out += char.toUpperCase();
      continue;
    }
    if (!/\p{Script=Han}/u.test(char)) continue;
    let index = -1;
    for (let i = 0; i < boundaries.length; i += 1) {
      if (collator.compare(char, boundaries[i]!) >= 0) index = i;
      else break;
    }
    if (index >= 0) out += letters[index];
  }
  return out;
}
