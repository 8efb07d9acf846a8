const levels = { info: 0, warn: 1, error: 2, silent: 3 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

/** One JSON object a line on stdout (errors on stderr); `LOG_LEVEL` = info (default), warn, error or silent. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const threshold = levels[(process.env.LOG_LEVEL as keyof typeof levels) ?? 'info'] ?? 0;
  if (levels[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === 'error') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}
