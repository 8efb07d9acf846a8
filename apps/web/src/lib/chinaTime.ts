/**
 * Times as the centres read them: China Standard Time (Asia/Shanghai), whatever the time zone of the
 * browser's machine (a window PC or kiosk set to UTC showed acceptance times eight hours off the
 * process diagram, which is drawn in China time). One formatter each, built once.
 */
const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

type Instant = string | number | Date;

/** `2026-11-27T16:31:20Z` → `2026/11/28 00:31:20`. */
export function chinaDateTime(value: Instant): string {
  return dateTimeFormat.format(new Date(value));
}

/** `2026-11-27T16:31:20Z` → `2026/11/28`. */
export function chinaDate(value: Instant): string {
  return dateFormat.format(new Date(value));
}
