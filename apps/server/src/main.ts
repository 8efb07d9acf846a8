import { demoPassword, listDemoAccounts, MetadataImportError } from '@xlgl/api';
import { boot } from './boot.js';
import { readConfig } from './config.js';
import { createAppServer } from './http-server.js';
import { log } from './log.js';

const config = readConfig();
// A signal during start-up waits until the database is open and consistent, then stops.
let signalledDuringBoot: string | null = null;
const onBootSignal = (signal: string) => {
  signalledDuringBoot = signal;
  log('info', 'stop requested during start-up', { signal });
};
process.on('SIGTERM', onBootSignal);
process.on('SIGINT', onBootSignal);
let booted: Awaited<ReturnType<typeof boot>>;
try {
  booted = await boot(config);
} catch (error) {
  if (error instanceof MetadataImportError) console.error(error.message);
  else console.error('启动失败：', error);
  process.exit(1);
}
const { handle, queue, seeded } = booted;
const server = createAppServer(handle, config);

server.on('error', async (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `启动失败：端口 ${config.port} 已被占用，请停止占用它的程序或用 PORT=… 换一个端口`
      : `启动失败：${error.message}`,
  );
  await queue?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await handle.close();
  process.exit(1);
});

server.listen(config.port, config.host, async () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const demo = await listDemoAccounts(handle.db);
  const lines = [
    '',
    '  锡林郭勒盟政务服务综合业务平台 已启动',
    `  地址 URL:      http://${shownHost}:${port}`,
    `  数据库:        ${handle.kind === 'pglite' ? `PGlite（内嵌，数据目录 ${handle.location}）` : `PostgreSQL ${handle.location}`}`,
    `  元数据:        ${seeded ? `首次启动，已从 ${config.metadataDir} 导入 ${seeded.documents} 个文档` : '沿用数据库中的现有配置'}`,
    `  任务队列:      ${queue ? 'pg-boss 已启动' : '未启动'}`,
  ];
  if (demo.length > 0) {
    lines.push('', `  演示账号（初始密码 ${demoPassword}，可在 系统管理 → 用户 中修改）:`);
    const width = Math.max(...demo.map((entry) => entry.account.length));
    for (const entry of demo) {
      lines.push(`    ${entry.account.padEnd(width)}  ${entry.roleNames.join('、')}  ${entry.name}（${entry.organizationName}）`);
    }
  }
  console.log(`${lines.join('\n')}\n`);
  log('info', 'listening', { url: `http://${shownHost}:${port}`, database: handle.kind });
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down', { signal });
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close();
  server.closeIdleConnections();
  try {
    await queue?.stop({ graceful: true, wait: true, timeout: 5_000 });
  } catch (error) {
    log('error', 'queue stop failed', { error: String(error) });
  }
  await handle.close();
  log('info', 'stopped');
  process.exit(0);
}
process.off('SIGTERM', onBootSignal);
process.off('SIGINT', onBootSignal);
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
if (signalledDuringBoot) void shutdown(signalledDuringBoot);
