// `tsx apps/server/src/cli/audit.ts verify` — walks the hash-chained audit log of DATABASE_URL or the
// embedded database and reports altered, inserted or deleted rows; exit code 1 when the chain is broken.
import { migrateDatabase, openDatabase, verifyAuditChain } from '@xlgl/db';
import { readConfig } from '../config.js';

async function main(argv: string[]): Promise<number> {
  if (argv[0] !== 'verify') {
    console.error('用法：audit verify    校验审计日志的哈希链（DATABASE_URL，或内嵌数据库 ./data）');
    return 2;
  }
  const config = readConfig();
  const handle = config.databaseUrl ? await openDatabase({ url: config.databaseUrl }) : await openDatabase({ dataDir: config.dataDir });
  try {
    await migrateDatabase(handle);
    const result = await verifyAuditChain(handle.db);
    for (const problem of result.problems) console.log(`审计记录 ${problem.seq}: ${problem.message}`);
    console.log(
      result.ok ? `审计日志完整：已校验 ${result.checked} 条记录（${handle.location}）` : `审计日志已被破坏：${result.problems.length} 处问题（${handle.location}）`,
    );
    return result.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('执行失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
