import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { auditLog, startQueue, type PgBoss } from '@xlgl/db';
import { createTestApp, refusal, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';
import { attachBackups, backupQueue } from './runtime.js';

describe.each(testDatabaseKinds())('admin.backup on %s', (kind) => {
  let app: TestApp;
  let admin: TestClient;
  let directory: string;
  let boss: PgBoss;

  beforeAll(async () => {
    app = await createTestApp({ kind });
    admin = await app.signIn('admin');
    directory = await mkdtemp(join(tmpdir(), 'xlgl-backups-'));
  }, 60_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await app?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('is refused until the server configures a backup directory', async () => {
    expect(await refusal(admin.api.admin.backup.list())).toEqual({
      code: 'PRECONDITION_FAILED',
      message: '服务器未配置备份目录，无法使用备份功能',
    });
  });

  it('schedules through pg-boss, validates the settings and records them in the audit log', async () => {
    boss = await startQueue(app.handle, { supervise: false, schedule: false });
    await attachBackups(app.db, { directory, kind, boss });
    expect(await admin.api.admin.backup.settings()).toEqual({
      settings: { enabled: true, cron: '30 2 * * *', keep: 7 },
      directory,
      timeZone: 'Asia/Shanghai',
      scheduler: true,
    });
    expect((await boss.getSchedules()).map((schedule) => [schedule.name, schedule.cron, schedule.options?.tz])).toEqual([
      [backupQueue, '30 2 * * *', 'Asia/Shanghai'],
    ]);

    expect(await refusal(admin.api.admin.backup.saveSettings({ enabled: true, cron: '每天两点', keep: 7 }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('cron 表达式须为5段（分 时 日 月 周），例如“30 2 * * *”表示每天2:30'),
    });
    expect((await refusal(admin.api.admin.backup.saveSettings({ enabled: true, cron: '0 3 * * 0', keep: 0 }))).message).toContain(
      '保留份数至少为1',
    );

    await admin.api.admin.backup.saveSettings({ enabled: true, cron: '0 3 * * 0', keep: 2 });
    expect((await boss.getSchedules()).map((schedule) => schedule.cron)).toEqual(['0 3 * * 0']);
    const [entry] = await app.db.select().from(auditLog).where(eq(auditLog.action, 'backup.settings')).orderBy(desc(auditLog.seq)).limit(1);
    expect(entry).toMatchObject({ actor: 'admin', target: 'system/backup', detail: { enabled: true, cron: '0 3 * * 0', keep: 2 } });

    await admin.api.admin.backup.saveSettings({ enabled: false, cron: '0 3 * * 0', keep: 2 });
    expect(await boss.getSchedules()).toEqual([]);
    await admin.api.admin.backup.saveSettings({ enabled: true, cron: '0 3 * * 0', keep: 2 });
  });

  it('runs now, keeps the newest N, lists and downloads in chunks; names outside the directory are refused', async () => {
    const times = ['2026-03-02T02:00:00Z', '2026-03-02T02:01:00Z', '2026-03-02T02:02:00Z'];
    const results = [];
    try {
      for (const time of times) {
        app.setNow(new Date(time));
        results.push(await admin.api.admin.backup.runNow());
      }
    } finally {
      app.setNow(null);
    }
    expect(results.map((result) => result.name)).toEqual([
      'xlgl-backup-20260302-020000.jsonl.gz',
      'xlgl-backup-20260302-020100.jsonl.gz',
      'xlgl-backup-20260302-020200.jsonl.gz',
    ]);
    expect(results[2]!.pruned).toEqual(['xlgl-backup-20260302-020000.jsonl.gz']);
    const listed = await admin.api.admin.backup.list();
    expect(listed.map((backup) => backup.name)).toEqual(['xlgl-backup-20260302-020200.jsonl.gz', 'xlgl-backup-20260302-020100.jsonl.gz']);
    expect(listed[0]).toMatchObject({ createdAt: '2026-03-02T02:02:00.000Z', rows: results[2]!.rows, tables: results[2]!.tables });
    expect(listed[0]!.bytes).toBeGreaterThan(1000);

    const audited = await app.db.select().from(auditLog).where(eq(auditLog.action, 'backup.create'));
    expect(audited.map((row) => row.target)).toEqual(results.map((result) => `backup/${result.name}`));

    const name = listed[0]!.name;
    const chunks: Buffer[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const chunk: { data: string; next: number | null; total: number } = await admin.api.admin.backup.download({ name, offset });
      chunks.push(Buffer.from(chunk.data, 'base64'));
      offset = chunk.next;
    }
    expect(Buffer.concat(chunks).equals(await readFile(join(directory, name)))).toBe(true);

    for (const hostile of ['../../package.json', 'xlgl-backup-20260302-020200.jsonl.gz/../../x', '/etc/passwd']) {
      expect(await refusal(admin.api.admin.backup.download({ name: hostile, offset: 0 }))).toEqual({
        code: 'BAD_REQUEST',
        message: `备份文件名不合法：“${hostile}”`,
      });
    }
    expect(await refusal(admin.api.admin.backup.download({ name: 'xlgl-backup-20200101-000000.jsonl.gz', offset: 0 }))).toEqual({
      code: 'NOT_FOUND',
      message: '备份文件“xlgl-backup-20200101-000000.jsonl.gz”不存在',
    });
  });

  it('the scheduled job takes a backup when pg-boss delivers it', async () => {
    const before = (await admin.api.admin.backup.list()).map((backup) => backup.name);
    await boss.send(backupQueue, {});
    let after = before;
    for (let waited = 0; waited < 15_000 && after.every((name) => before.includes(name)); waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = (await admin.api.admin.backup.list()).map((backup) => backup.name);
    }
    // keep = 2: the new backup replaced the oldest one.
    expect(after.filter((name) => !before.includes(name))).toHaveLength(1);
    const [entry] = await app.db.select().from(auditLog).where(eq(auditLog.action, 'backup.create')).orderBy(desc(auditLog.seq)).limit(1);
    expect(entry?.actor).toBe('system');
  });

  it('is for administrators with the backup capability only', async () => {
    const viewer = await app.signIn('lg.viewer');
    expect(await refusal(viewer.api.admin.backup.list())).toEqual({ code: 'FORBIDDEN', message: '没有权限：此操作需要“备份与恢复”权限' });
  });
});
