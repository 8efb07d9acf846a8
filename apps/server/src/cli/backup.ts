// `npm run backup [-- --out file]` — writes a logical backup of DATABASE_URL or the embedded database
// (./data) to ./data/backups (BACKUP_DIR) or to --out. With the embedded database, run it while the
// server is stopped, or use 系统管理 → 备份与恢复 → 立即备份 while it runs.
import { join, resolve } from 'node:path';
import { backupFileName, migrateDatabase, openDatabase, writeBackup } from '@xlgl/db';
import { readConfig } from '../config.js';
import { backupDirectory } from '../backup-directory.js';

function parseArguments(argv: string[]): { out?: string } | string {
  const options: { out?: string } = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--out' || argument === '-o') {
      const value = argv[index + 1];
      if (!value) return '--out 后缺少文件名';
      options.out = value;
      index += 1;
    } else if (argument.startsWith('--out=')) {
      options.out = argument.slice('--out='.length);
    } else {
      return `未知参数：${argument}`;
    }
  }
  return options;
}

async function main(argv: string[]): Promise<number> {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    console.error(`${options}\n用法：backup [--out 文件]    备份 DATABASE_URL 或内嵌数据库（默认写入 ./data/backups）`);
    return 2;
  }
  const config = readConfig();
  const file = options.out ? resolve(options.out) : join(backupDirectory(config), backupFileName(new Date()));
  const handle = config.databaseUrl ? await openDatabase({ url: config.databaseUrl }) : await openDatabase({ dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    const sidecar = await writeBackup({ db: handle.db, kind: handle.kind, file });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `备份完成：${file}\n  数据库：${handle.location}\n  ${sidecar.manifest.tables.length} 张表，${sidecar.manifest.totalRows} 行，${sidecar.bytes} 字节，用时 ${seconds} 秒\n  SHA-256：${sidecar.sha256}`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('备份失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
