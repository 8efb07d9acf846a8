const digits = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const smallUnits = ['', '拾', '佰', '仟'];
const groupUnits = ['', '万', '亿', '万亿'];

/**
 * Parses an amount of money (number or decimal string) into integer fen (分), rounding half up.
 * Returns null when the value is not a finite amount.
 */
export function parseAmountToFen(value: unknown): bigint | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // toFixed(3) keeps the third decimal so that 0.005 rounds up instead of drifting down.
    text = value.toFixed(3);
  } else if (typeof value === 'string') {
    text = value.trim().replace(/[,，\s]/g, '').replace(/^[¥￥]/, '').replace(/元$/, '');
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else {
    return null;
  }
  const match = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, sign, integerPart, fractionPart = ''] = match;
  const padded = (fractionPart + '000').slice(0, 3);
  let fen = BigInt(integerPart) * 100n + BigInt(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) fen += 1n;
  return sign === '-' ? -fen : fen;
}

/** Writes a group of up to four digits (0–9999) in capitals; leading zeros give a single 零. */
function writeGroup(group: number): string {
  let out = '';
  let pendingZero = false;
  for (let position = 3; position >= 0; position--) {
    const digit = Math.floor(group / 10 ** position) % 10;
    if (digit === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += digits[digit] + smallUnits[position];
  }
  return out;
}

/**
 * Amount in Chinese capitals as written on receipts and certificates (人民币大写):
 * 1234.5 → 壹仟贰佰叁拾肆元伍角整, 1004.05 → 壹仟零肆元零伍分, 10 → 壹拾元整, 0 → 零元整.
 * Returns null when the value is not an amount.
 */
export function formatMoneyChinese(value: unknown): string | null {
  const fen = parseAmountToFen(value);
  if (fen === null) return null;
  const negative = fen < 0n;
  const absolute = negative ? -fen : fen;
  const yuan = absolute / 100n;
  const jiao = Number((absolute / 10n) % 10n);
  const cent = Number(absolute % 10n);
  if (yuan >= 10n ** 16n) throw new Error('金额超出可转换为大写的范围（最大 9999 万亿）');

  let integerText = '';
  if (yuan > 0n) {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0n; rest /= 10000n) groups.push(Number(rest % 10000n));
    let pendingZero = false;
    for (let index = groups.length - 1; index >= 0; index--) {
      const group = groups[index];
      if (group === 0) {
        pendingZero = integerText !== '';
        continue;
      }
      // A zero is spoken between groups when digits were skipped: 100010 → 壹拾万零壹拾.
      if (integerText && (pendingZero || group < 1000)) integerText += '零';
      pendingZero = false;
      integerText += writeGroup(group) + groupUnits[index];
    }
    integerText += '元';
  }

  let fractionText = '';
  if (jiao === 0 && cent === 0) {
    fractionText = integerText ? '整' : '零元整';
  } else {
    if (jiao > 0) fractionText += digits[jiao] + '角';
    else if (integerText) fractionText += '零';
    if (cent > 0) fractionText += digits[cent] + '分';
    else fractionText += '整';
  }
  return (negative ? '负' : '') + integerText + fractionText;
}

/** Plain money with thousands separators and two decimals: 1234.5 → 1,234.50元. */
export function formatMoney(value: unknown): string | null {
  const fen = parseAmountToFen(value);
  if (fen === null) return null;
  const negative = fen < 0n;
  const absolute = negative ? -fen : fen;
  const yuan = (absolute / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (absolute % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${fraction}元`;
}
