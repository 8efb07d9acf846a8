// `npm run doctor` — checks the invariants of DATABASE_URL or the embedded database (./data) and
// prints one line per violation; exit code 1 when any is found. Read-only: it never repairs.
import { runDoctor } from '@xlgl/api';
import { migrateDatabase, openDatabase } from '@xlgl/db';
import { readConfig } from '../config.js';

async function main(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    console.error('用法：doctor    检查 DATABASE_URL 或内嵌数据库（./data）的数据一致性，发现问题时退出码为1');
    return 2;
  }
  const config = readConfig();
  const handle = config.databaseUrl ? await openDatabase({ url: config.databaseUrl }) : await openDatabase({ dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const report = await runDoctor(handle.db);
    for (const check of report.checks) {
      const status =
        check.status === 'ok' ? '通过' : check.status === 'skipped' ? '跳过（相关数据表不存在）' : `${check.violations} 处问题`;
      console.log(`${check.status === 'violations' ? '✗' : check.status === 'ok' ? '✓' : '-'} ${check.title}：${status}`);
    }
    for (const violation of report.violations) console.log(`  [${violation.check}] ${violation.message}`);
    console.log(
      report.ok
        ? `数据一致性检查通过（${handle.location}）`
        : `数据一致性检查发现 ${report.violations.length} 处问题（${handle.location}）`,
    );
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('检查失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
