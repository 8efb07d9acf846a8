// Starts the server for the browser tests on a fresh embedded database under .data-e2e/: the production
// bundle apps/server/dist/main.js, as `npm start` runs it (`npm run build` writes it; `npm run e2e` builds first).
import { existsSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.data-e2e');
const entry = join(root, 'apps/server/dist/main.js');
if (!existsSync(entry)) {
  console.error('服务器尚未构建：请先运行 npm run build（或 pnpm --filter @xlgl/server build）');
  process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });
const child = spawn(process.execPath, [entry], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => process.exit(code ?? 0));
