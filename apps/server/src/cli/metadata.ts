// `npm run metadata -- check|import|export [dir]` — validate a metadata folder, or move configuration
// between files and the database (DATABASE_URL, else the embedded database under DATA_DIR or ./data).
import { relative, resolve } from 'node:path';
import { checkMetadata, exportMetadata, formatProblem, importMetadata, MetadataImportError, readMetadataFolder } from '@xlgl/api';
import { migrateDatabase, openDatabase } from '@xlgl/db';
import { readConfig } from '../config.js';

const usage = `用法：metadata <check|import|export> [目录]
  check  [目录] [--no-context]
                校验目录中的全部元数据（模式、引用、重复标识、流程审查等），每个问题一行：文件: JSON路径: 说明；有错误时退出码为1。
                目录只含部分类型（例如只有流程）时，缺少的类型以仓库 metadata/ 中的配置为上下文（--no-context 关闭）
  import [目录]  校验后在一个事务中导入数据库（DATABASE_URL，或内嵌数据库 ./data）
  export [目录]  把数据库中的当前配置导出为文件，每个文档一个文件（<目录>/<类型>s/<标识>.json）
目录默认为仓库中的 metadata/。注意：内嵌数据库（PGlite）不能被两个进程同时打开，导入导出前请先停止服务。`;

/** Paths in messages: relative to where the command was run, like the directory argument. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((argument) => argument.startsWith('--'));
  const [command, dirArgument] = argv.filter((argument) => !argument.startsWith('--'));
  const config = readConfig();
  const dir = dirArgument ? resolve(dirArgument) : config.metadataDir;
  if (command === 'check') {
    const useContext = !flags.includes('--no-context') && resolve(dir) !== resolve(config.metadataDir);
    const contextFiles = useContext ? await readMetadataFolder(shown(config.metadataDir)) : undefined;
    const result = await checkMetadata(shown(dir), { contextFiles });
    for (const problem of result.problems) console.log(formatProblem(problem));
    const errors = result.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = result.problems.length - errors;
    console.log(
      errors === 0
        ? `元数据校验通过：${result.documents.length} 个文档${warnings ? `，${warnings} 条警告` : ''}（${shown(dir)}）`
        : `元数据校验未通过：${errors} 处错误${warnings ? `，${warnings} 条警告` : ''}（${shown(dir)}）`,
    );
    return errors === 0 ? 0 : 1;
  }
  if (command === 'import' || command === 'export') {
    const handle = config.databaseUrl ? await openDatabase({ url: config.databaseUrl }) : await openDatabase({ dataDir: config.dataDir });
    try {
      await migrateDatabase(handle);
      if (command === 'import') {
        const summary = await importMetadata(handle.db, shown(dir), { actor: 'cli' });
        console.log(
          `已导入 ${shown(dir)} → ${handle.location}：新增 ${summary.created}，更新 ${summary.updated}，未变 ${summary.unchanged}` +
            (summary.demoPasswordsSet ? `，为 ${summary.demoPasswordsSet} 个演示账号设置了初始密码` : ''),
        );
      } else {
        const { files } = await exportMetadata(handle.db, dir);
        console.log(`已导出 ${files} 个文档：${handle.location} → ${shown(dir)}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof MetadataImportError) {
        for (const problem of error.problems) console.log(formatProblem(problem));
        console.log(`未导入：元数据有 ${error.problems.filter((problem) => problem.severity === 'error').length} 处错误`);
        return 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  }
  console.error(usage);
  return command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('执行失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
