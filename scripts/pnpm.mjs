// Runs pnpm without a global install: fetches a pinned pnpm through npm (npx), installs the
// workspace from the lockfile when node_modules is missing or older than the lockfile, then
// forwards the arguments to pnpm.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@9.15.9';

function pnpm(args) {
  const result = spawnSync('npx', ['--yes', PNPM, ...args], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const marker = join(root, 'node_modules', '.modules.yaml');
const lock = join(root, 'pnpm-lock.yaml');
const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
if (stale) {
  console.log('[setup] 安装依赖 / installing dependencies with', PNPM);
  const status = pnpm(['install', existsSync(lock) ? '--frozen-lockfile' : '--no-frozen-lockfile']);
  if (status !== 0) process.exit(status);
}
process.exit(pnpm(process.argv.slice(2)));
