import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureMetadataDir } from '@xlgl/api/testing';
import { repositoryRoot } from '../config.js';

const run = promisify(execFile);
// Resolved here, since the CLI runs from a temporary folder where `tsx` cannot be found by name.
const tsxLoader = import.meta.resolve('tsx');

async function cli(script: string, args: string[], options: { cwd: string; env?: Record<string, string> }) {
  try {
    const { stdout } = await run(process.execPath, ['--import', tsxLoader, join(repositoryRoot, 'apps/server/src/cli', script), ...args], {
      cwd: options.cwd,
      env: { ...process.env, DATABASE_URL: '', ...options.env },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout + failed.stderr };
  }
}

describe('metadata and audit CLI', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'xlgl-cli-'));
    await cp(fixtureMetadataDir, join(root, 'metadata'), { recursive: true });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('check passes on a good folder and fails with one precise line per problem on a broken copy', async () => {
    const good = await cli('metadata.ts', ['check', 'metadata'], { cwd: root });
    expect(good).toEqual({ code: 0, stdout: '元数据校验通过：16 个文档（metadata）\n' });

    const file = join(root, 'metadata/posts/post-lg-food.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...doc, organizationId: 'org-nowhere', name: '' }, null, 2));
    const broken = await cli('metadata.ts', ['check', 'metadata'], { cwd: root });
    expect(broken).toEqual({
      code: 1,
      stdout: ['metadata/posts/post-lg-food.json: $.name: 岗位名称不能为空', '元数据校验未通过：1 处错误（metadata）', ''].join('\n'),
    });
    await writeFile(file, JSON.stringify({ ...doc, organizationId: 'org-nowhere' }, null, 2));
    const dangling = await cli('metadata.ts', ['check', 'metadata'], { cwd: root });
    expect(dangling.stdout.split('\n')[0]).toBe('metadata/posts/post-lg-food.json: $.organizationId: 引用的组织机构“org-nowhere”不存在');
    await writeFile(file, JSON.stringify(doc, null, 2));
  });

  it('imports, exports and verifies the audit chain on an embedded database', async () => {
    const env = { DATA_DIR: join(root, 'data'), LOG_LEVEL: 'warn' };
    const imported = await cli('metadata.ts', ['import', 'metadata'], { cwd: root, env });
    expect(imported).toEqual({ code: 0, stdout: expect.stringMatching(/^已导入 metadata → .+：新增 16，更新 0，未变 0，为 3 个演示账号设置了初始密码\n$/) });
    const exported = await cli('metadata.ts', ['export', 'exported'], { cwd: root, env });
    expect(exported.stdout).toMatch(/^已导出 16 个文档：.+ → exported\n$/);
    expect(await readFile(join(root, 'exported/roles/role-admin.json'), 'utf8')).toBe(await readFile(join(root, 'metadata/roles/role-admin.json'), 'utf8'));
    const verified = await cli('audit.ts', ['verify'], { cwd: root, env });
    expect(verified).toEqual({ code: 0, stdout: expect.stringMatching(/^审计日志完整：已校验 1 条记录/) });
  });
});
