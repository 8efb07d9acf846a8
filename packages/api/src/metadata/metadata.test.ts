import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixtureMetadataDir, testDatabaseKinds, type TestApp } from '../testing/index.js';
import { checkMetadata, formatProblem, type MetadataCheck } from './check.js';
import { readMetadataFolder } from './folder.js';
import { documentFileText, exportMetadata, importMetadata, MetadataImportError } from './import-export.js';

async function copyFixture(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'xlgl-metadata-'));
  await cp(fixtureMetadataDir, join(dir, 'metadata'), { recursive: true });
  return dir;
}

async function editJson(path: string, edit: (doc: Record<string, any>) => void): Promise<void> {
  const doc = JSON.parse(await readFile(path, 'utf8'));
  edit(doc);
  await writeFile(path, JSON.stringify(doc, null, 2));
}

describe('checkMetadata', () => {
  it('passes on the fixture', async () => {
    const result = await checkMetadata(fixtureMetadataDir);
    expect(result.problems).toEqual([]);
    expect(result.documents).toHaveLength(16);
  });

  it('prints one precise `file: json-path: message` line per problem in a broken copy', async () => {
    const root = await copyFixture();
    try {
      const dir = join(root, 'metadata');
      await editJson(join(dir, 'users/lg.window.json'), (doc) => {
        doc.roleIds = ['role-window', 'role-ghost'];
      });
      await editJson(join(dir, 'organizations/org-lg-samr.json'), (doc) => {
        doc.regionCode = '152599';
        doc.type = 'bureau';
      });
      await editJson(join(dir, 'roles/role-viewer.json'), (doc) => {
        doc.id = 'role-window';
      });
      await writeFile(join(dir, 'posts/broken.json'), '{ "kind": "post", ');
      await writeFile(join(dir, 'schema-like.json'), '{"kind":"widget","id":"w"}');
      await cp(join(dir, 'users/admin.json'), join(dir, 'users/admin-copy.json'));
      await editJson(join(dir, 'users/admin-copy.json'), (doc) => {
        doc.id = 'admin2';
      });
      // Generated JSON Schemas are not documents.
      await cp(join(dir, 'roles'), join(dir, 'schema'), { recursive: true });

      const result = await checkMetadata(dir);
      const lines = result.problems.map((problem) => formatProblem(problem).replaceAll(`${root}/`, ''));
      expect(result.ok).toBe(false);
      expect(lines).toEqual([
        'metadata/organizations/org-lg-samr.json: $.type: 机构类型应为政务服务中心、进驻部门、窗口或审改部门',
        expect.stringMatching(/^metadata\/posts\/broken\.json: \$: 不是合法的JSON：/),
        'metadata/schema-like.json: $.kind: 未知的文档类型“widget”，应为：region、organization、post、role、user、dictionary、item、form、flow、certificate-template、document-template、report',
        'metadata/roles/role-window.json: $.id: 角色标识“role-window”重复，已在 metadata/roles/role-viewer.json 中使用',
        'metadata/users/admin.json: $.account: 账号“admin”重复，已在 metadata/users/admin-copy.json 中使用',
        'metadata/users/lg.viewer.json: $.roleIds[0]（角色第1项）: 引用的角色“role-viewer”不存在',
        'metadata/users/lg.window.json: $.roleIds[1]（角色第2项）: 引用的角色“role-ghost”不存在',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('runs registered checks', async () => {
    const noWindows: MetadataCheck = {
      name: 'no-windows',
      run: ({ documents }) =>
        documents
          .filter(({ document }) => document.kind === 'organization' && document.type === 'window')
          .map(({ file }) => ({ file, path: ['type'], message: '测试：不允许窗口', severity: 'warning' as const })),
    };
    const result = await checkMetadata(fixtureMetadataDir, { checks: [noWindows] });
    expect(result.ok).toBe(true);
    expect(result.problems.map((problem) => formatProblem({ ...problem, file: relative(fixtureMetadataDir, problem.file) }))).toEqual([
      'organizations/org-lg-window.json: $.type: 警告：测试：不允许窗口',
    ]);
  });
});

describe.each(testDatabaseKinds())('import and export on %s', (kind) => {
  let app: TestApp;
  let root: string;
  beforeAll(async () => {
    app = await createTestApp({ kind });
    root = await mkdtemp(join(tmpdir(), 'xlgl-export-'));
  });
  afterAll(async () => {
    await app?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('exports one file a document that equals the imported file, and re-imports without changes', async () => {
    const exported = join(root, 'exported');
    expect(await exportMetadata(app.db, exported)).toEqual({ files: 16 });
    const source = await readMetadataFolder(fixtureMetadataDir);
    const target = await readMetadataFolder(exported);
    expect(target.map((file) => relative(exported, file.file))).toEqual(source.map((file) => relative(fixtureMetadataDir, file.file)));
    for (const file of source) {
      const written = await readFile(join(exported, relative(fixtureMetadataDir, file.file)), 'utf8');
      expect(written).toBe(documentFileText(file.json as Record<string, unknown>));
    }
    expect(await importMetadata(app.db, exported)).toEqual({ created: 0, updated: 0, unchanged: 16, demoPasswordsSet: 0, documents: 16 });
  });

  it('imports changes as new versions and refuses a broken folder without writing anything', async () => {
    const dir = join(root, 'changed');
    await exportMetadata(app.db, dir);
    await editJson(join(dir, 'roles/role-viewer.json'), (doc) => {
      doc.name = '只读管理员';
    });
    expect(await importMetadata(app.db, dir)).toMatchObject({ created: 0, updated: 1, unchanged: 15 });
    const admin = await app.signIn('admin');
    expect(await admin.api.admin.documents.get({ kind: 'role', id: 'role-viewer' })).toMatchObject({ name: '只读管理员', version: 2 });

    await editJson(join(dir, 'roles/role-viewer.json'), (doc) => {
      doc.name = '不应写入';
    });
    await editJson(join(dir, 'users/lg.viewer.json'), (doc) => {
      doc.organizationId = 'org-ghost';
    });
    const refused = await importMetadata(app.db, dir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MetadataImportError);
    expect((refused as MetadataImportError).problems.map((problem) => formatProblem({ ...problem, file: relative(dir, problem.file) }))).toEqual([
      'users/lg.viewer.json: $.organizationId: 引用的组织机构“org-ghost”不存在',
    ]);
    expect(await admin.api.admin.documents.get({ kind: 'role', id: 'role-viewer' })).toMatchObject({ name: '只读管理员', version: 2 });
  });

  it('resolves references to documents already in the database', async () => {
    const dir = join(root, 'partial');
    await exportMetadata(app.db, dir, { kinds: ['user'] });
    expect(await importMetadata(app.db, dir)).toMatchObject({ documents: 4, unchanged: 4 });
  });
});
