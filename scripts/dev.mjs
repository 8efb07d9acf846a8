// Development: the API server with reload and Vite's dev server with a proxy to it, side by side.
import { spawn } from 'node:child_process';

const children = [
  spawn('pnpm', ['--filter', '@xlgl/server', 'dev'], { stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@xlgl/web', 'dev'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
