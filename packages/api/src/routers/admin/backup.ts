import { open } from 'node:fs/promises';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { appendAudit, backupFilePath, BackupError, listBackupFiles, type Db } from '@xlgl/db';
import { requires, router } from '../../trpc.js';
import {
  applyBackupSchedule,
  backupRuntimeOf,
  backupSettingsSchema,
  backupTimeZone,
  readBackupSettings,
  runBackup,
  writeBackupSettings,
  type BackupRuntime,
} from '../../services/backup/index.js';

/** Bytes per download chunk (sent base64-encoded inside the JSON answer). */
export const backupChunkBytes = 1024 * 1024;

function runtimeOf(db: Db): BackupRuntime {
  const runtime = backupRuntimeOf(db);
  if (!runtime) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: '服务器未配置备份目录，无法使用备份功能' });
  return runtime;
}

const backupName = z.string({ message: '请指定备份文件' }).max(100, { message: '备份文件名过长' });

/** 系统管理 → 备份与恢复: schedule and retention, list, run now, download. Restore is CLI-only. */
export const backupRouter = router({
  settings: requires('admin.backup').query(async ({ ctx }) => {
    const runtime = runtimeOf(ctx.db);
    return {
      settings: await readBackupSettings(ctx.db),
      directory: runtime.directory,
      timeZone: backupTimeZone,
      scheduler: runtime.boss !== null,
    };
  }),

  saveSettings: requires('admin.backup')
    .input(backupSettingsSchema)
    .mutation(async ({ ctx, input }) => {
      runtimeOf(ctx.db);
      await ctx.db.transaction(async (tx) => {
        await writeBackupSettings(tx, input, ctx.now());
        await appendAudit(tx, { actor: ctx.user!.id, action: 'backup.settings', target: 'system/backup', detail: input }, ctx.now());
      });
      await applyBackupSchedule(ctx.db, input);
      return input;
    }),

  list: requires('admin.backup').query(async ({ ctx }) => listBackupFiles(runtimeOf(ctx.db).directory)),

  runNow: requires('admin.backup').mutation(async ({ ctx }) => {
    runtimeOf(ctx.db);
    const result = await runBackup(ctx.db, { actor: ctx.user!.id, now: ctx.now() });
    return {
      name: result.file,
      bytes: result.bytes,
      rows: result.manifest.totalRows,
      tables: result.manifest.tables.length,
      pruned: result.pruned,
    };
  }),

  /** One chunk of a backup file; the browser fetches chunks until `next` is null. */
  download: requires('admin.backup')
    .input(
      z.object({
        name: backupName,
        offset: z
          .number({ message: '偏移量须为数字' })
          .int({ message: '偏移量须为整数' })
          .min(0, { message: '偏移量不能为负数' })
          .default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const directory = runtimeOf(ctx.db).directory;
      let path: string;
      try {
        path = backupFilePath(directory, input.name);
      } catch (error) {
        if (error instanceof BackupError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
        throw error;
      }
      let file;
      try {
        file = await open(path, 'r');
      } catch {
        throw new TRPCError({ code: 'NOT_FOUND', message: `备份文件“${input.name}”不存在` });
      }
      try {
        const total = (await file.stat()).size;
        if (input.offset > total) throw new TRPCError({ code: 'BAD_REQUEST', message: `偏移量${input.offset}超出文件大小${total}` });
        const buffer = Buffer.alloc(Math.min(backupChunkBytes, total - input.offset));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, input.offset);
        const next = input.offset + bytesRead < total ? input.offset + bytesRead : null;
        return { name: input.name, total, offset: input.offset, data: buffer.subarray(0, bytesRead).toString('base64'), next };
      } finally {
        await file.close();
      }
    }),
});
