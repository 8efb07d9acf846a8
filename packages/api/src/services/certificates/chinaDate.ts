/** A calendar date (YYYY-MM-DD) in China time (UTC+8, no daylight saving). */
export function chinaDateOf(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
