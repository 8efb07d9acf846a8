/** Offset of China Standard Time; the platform runs in one time zone (UTC+8, no daylight saving). */
const chinaOffsetMs = 8 * 60 * 60 * 1000;

/**
 * Date in the Chinese form used on documents: 2026年11月27日.
 * Accepts a calendar date string (2026-11-27), an ISO timestamp (converted to China time), a Date,
 * or epoch milliseconds. Returns null when the value is not a date.
 */
export function formatDateChinese(value: unknown): string | null {
  const parts = toChinaCalendarDate(value);
  if (!parts) return null;
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

/** Year, month and day of a value in China time, or null when it is not a date. */
export function toChinaCalendarDate(value: unknown): { year: number; month: number; day: number } | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    // A bare calendar date has no time zone: take it literally.
    const plain = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(trimmed);
    if (plain) return checkedDate(Number(plain[1]), Number(plain[2]), Number(plain[3]));
    if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return null;
    return fromInstant(Date.parse(trimmed));
  }
  if (value instanceof Date) return fromInstant(value.getTime());
  if (typeof value === 'number') return fromInstant(value);
  return null;
}

function fromInstant(epochMs: number) {
  if (!Number.isFinite(epochMs)) return null;
  const shifted = new Date(epochMs + chinaOffsetMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function checkedDate(year: number, month: number, day: number) {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}
