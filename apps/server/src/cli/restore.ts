// `npm run restore -- <file> [--yes]` — restores a backup into an EMPTY database (DATABASE_URL, or the
// embedded database in DATA_DIR/./data) in one transaction. Only from the command line: the running
// server must be stopped, and the target must be a new database.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { BackupError, migrateDatabase, openDatabase, restoreBackup } from '@xlgl/db';
import { readConfig } from '../config.js';

const usage = '用法：restore <备份文件> [--yes]    把备份恢复到空的 DATABASE_URL 数据库或内嵌数据目录（DATA_DIR，默认 ./data）';

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const yes = argv.includes('--yes') || argv.includes('-y');
  const files = argv.filter((argument) => argument !== '--yes' && argument !== '-y');
  if (files.length !== 1 || files[0]!.startsWith('-')) {
    console.error(usage);
    return 2;
  }
  const file = resolve(files[0]!);
  if (!existsSync(file)) {
    console.error(`备份文件不存在：${file}`);
    return 1;
  }
  const config = readConfig();
  const target = config.databaseUrl ?? config.dataDir;
  console.log(
    [
      '警告：恢复会把备份中的全部数据写入目标数据库。',
      `  备份文件：${file}`,
      `  目标数据库：${config.databaseUrl ? '（DATABASE_URL）' : ''}${target.replace(/:[^:@/]*@/, ':***@')}`,
      '  目标必须是空库（新建的 PostgreSQL 数据库，或空的/不存在的 PGlite 数据目录）；请先停止服务器。',
      '  恢复在一个事务中完成：任何错误都会全部回滚，不会留下一半的数据。',
    ].join('\n'),
  );
  if (!yes && !(await confirm('输入 yes 继续：'))) {
    console.error('已取消：未确认恢复（非交互运行时请加 --yes）');
    return 1;
  }
  const handle = config.databaseUrl ? await openDatabase({ url: config.databaseUrl }) : await openDatabase({ dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    const summary = await restoreBackup({ db: handle.db, file });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `恢复完成：${summary.tables} 张表，${summary.rows} 行（备份时间 ${summary.backupCreatedAt}），用时 ${seconds} 秒；` +
        `逐表校验行数与校验和一致${summary.createdTables.length ? `；重建了 ${summary.createdTables.length} 张运行时表` : ''}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`恢复失败：${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('恢复失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
