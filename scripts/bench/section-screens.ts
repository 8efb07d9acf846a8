import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './database.js';
import { figure } from './report.js';
import { seedScreens } from './screens-data.js';
import { startServer } from './server.js';
import { seededHandle, type BenchOptions, type Shared } from './section-transitions.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Screens in Chromium through Playwright against the real server and the built web app
 * (apps/web/dist, built first when missing, or WEB_DIST): the desk area's initial JavaScript, a generated form of
 * 100 fields, a 200-node flow in the designer and dragging one of its nodes.
 */
export async function benchScreens(bench: BenchDatabase, _options: BenchOptions, shared: Shared): Promise<void> {
  // WEB_DIST (as the server reads it) points at another build, e.g. a session's own `vite build --outDir`
  const dist = process.env.WEB_DIST ? `${process.env.WEB_DIST.replace(/\/$/, '')}/index.html` : `${root}apps/web/dist/index.html`;
  if (!existsSync(dist) && !process.env.WEB_DIST) execFileSync('npx', ['--yes', 'pnpm@9.15.9', '--filter', '@xlgl/web', 'build'], { cwd: root, stdio: 'inherit' });
  const handle = await seededHandle(bench, shared);
  const { itemId, flowId } = await seedScreens(handle);
  await handle.close();
  const server = await startServer({ databaseUrl: bench.url });
  try {
    // One browser run at a time on this machine (team contract): wait for the e2e lock.
    const output = execFileSync(
      'flock',
      ['/tmp/xlgl-e2e.lock', process.execPath, '--import', 'tsx', 'scripts/bench/screens-browser.ts', server.base, itemId, flowId],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 },
    );
    const printed = JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, number | string>;
    const result = printed as Record<string, number>;
    const samples = { form: String(printed.form100WarmSamples), flow: String(printed.flow200OpenSamples) };
    const built = new Date(statSync(dist).mtimeMs).toISOString();
    figure(
      'form100_render_ms',
      result.form100RenderWarmMs!,
      'ms',
      '<200',
      `受理登记: press on the item (pointerdown) → label of field 100 painted (code cached, median of ${samples.form} ms; of which ${result.form100FetchMs!.toFixed(0)} ms until the server's last answer; that frame painted at ${result.form100AfterFrameMs!.toFixed(0)} ms; ${result.form100HarnessMs!.toFixed(0)} ms counted from before Playwright's click; first time ${result.form100RenderMs!.toFixed(0)} ms incl. loading the renderer)`,
    );
    figure(
      'flow200_open_ms',
      result.flow200OpenMs!,
      'ms',
      '<1000',
      `流程设计器 reload → ${result.flowNodes} nodes rendered (navigation start based, median of ${samples.flow} ms)`,
    );
    figure(
      'flow200_drag_fps',
      result.dragFps!,
      'fps',
      '>30',
      `node dragged ${result.dragMovedPx} px in ${result.dragMs} ms (60 mouse moves)`,
    );
    figure(
      'desk_initial_js_kb',
      result.deskInitialJsKb!,
      'kB gzip',
      '<500',
      `${result.deskScripts} scripts loaded for /desk; web build of ${built}`,
    );
  } finally {
    await server.stop();
  }
}
