/** `1536` → `1.5 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

const pad = (value: string) => value.padStart(2, '0');
const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** A plain-language reading of the common cron shapes (daily, weekly, monthly, hourly); else the expression. */
export function describeCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `cron“${cron}”`;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  const numeric = (value: string) => /^\d{1,2}$/.test(value);
  if (numeric(minute) && numeric(hour) && month === '*') {
    const time = `${hour}:${pad(minute)}`;
    if (day === '*' && weekday === '*') return `每天${time}`;
    if (day === '*' && /^[0-6]$/.test(weekday)) return `每周${weekdays[Number(weekday)]}${time}`;
    if (numeric(day) && weekday === '*') return `每月${day}日${time}`;
  }
  if (numeric(minute) && hour === '*' && day === '*' && month === '*' && weekday === '*') return `每小时第${minute}分`;
  return `按 cron“${cron}”`;
}
