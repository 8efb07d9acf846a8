import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times. */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command name (utime is index 11, stime 12, cutime 13, cstime 14). */
function statFields(pid: string): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds the PostgreSQL server on this machine has used so far: every live server process, plus
 * the processes that have exited (the postmaster adds their time to its children's time when it reaps
 * them, so a pgbench run's backends count after they close). Undefined when no server process is
 * visible (a server on another machine). Whole server: on a busy machine it includes other databases.
 */
export function postgresCpuSeconds(): number | undefined {
  let ticks = 0;
  let found = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const postmaster = command.includes('/bin/postgres\0');
    if (!postmaster && !command.startsWith('postgres: ')) continue;
    const fields = statFields(pid);
    if (!fields) continue;
    found = true;
    ticks += Number(fields[11]) + Number(fields[12]);
    if (postmaster) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return found ? ticks / ticksPerSecond : undefined;
}

/**
 * Waits until the server has reaped the backends of a client that just disconnected (pgbench): a backend
 * that has exited but is not reaped yet is a zombie without a command line, so its CPU time would be
 * counted neither as a live process nor in the postmaster's children's time.
 */
export function waitForReapedBackends(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
}

/** CPU seconds of this process's children that have exited and been waited for (pgbench runs). */
export function childrenCpuSeconds(): number {
  const fields = statFields('self')!;
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

/** CPU seconds of this process so far. */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
