const levels = { info: 0, warn: 1, error: 2, silent: 3 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

/** Whether `log(level, …)` writes anything under the current `LOG_LEVEL`. */
export function logs(level: Level): boolean {
  const threshold = levels[(process.env.LOG_LEVEL as keyof typeof levels) ?? 'info'] ?? 0;
  return levels[level] >= threshold;
}

/** Lines for stdout not written yet: one write for the lines of a few milliseconds, not one per request. */
let pending = '';
let flushTimer: NodeJS.Timeout | null = null;
const flushAfterMs = 20;
const flushAtBytes = 64 * 1024;

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (!pending) return;
  const text = pending;
  pending = '';
  process.stdout.write(text);
}
// Whatever way the process ends (process.exit, the last handle closed, an uncaught error), the lines go out first.
process.on('exit', flush);

/**
 * One JSON object a line on stdout (errors on stderr); `LOG_LEVEL` = info (default), warn, error or
 * silent. Lines for stdout are written together at most 20 ms later; an error line is written at
 * once, after the lines before it.
 */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (!logs(level)) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === 'error') {
    flush();
    process.stderr.write(`${line}\n`);
    return;
  }
  pending += `${line}\n`;
  if (pending.length >= flushAtBytes) flush();
  else if (!flushTimer) {
    flushTimer = setTimeout(flush, flushAfterMs);
    flushTimer.unref();
  }
}
