import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { systemSettings, type Db } from '@xlgl/db';

const cronField = /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?(,(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?)*$/;

/** Five cron fields (minute hour day month weekday), digits, `*`, ranges, lists and steps only. */
export const backupCron = z
  .string({ message: '请填写备份时间（cron 表达式）' })
  .trim()
  .max(100, { message: 'cron 表达式不能超过100个字符' })
  .refine(
    (value) => {
      const fields = value.split(/\s+/);
      return fields.length === 5 && fields.every((field) => cronField.test(field));
    },
    { message: 'cron 表达式须为5段（分 时 日 月 周），例如“30 2 * * *”表示每天2:30' },
  );

/** Scheduled backups, set in 系统管理 → 备份与恢复 and kept in `system_settings`. */
export const backupSettingsSchema = z.object({
  enabled: z.boolean({ message: '请选择是否启用定时备份' }),
  cron: backupCron,
  /** Times are Beijing time. */
  keep: z
    .number({ message: '保留份数须为数字' })
    .int({ message: '保留份数须为整数' })
    .min(1, { message: '保留份数至少为1' })
    .max(365, { message: '保留份数不能超过365' }),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const defaultBackupSettings: BackupSettings = { enabled: true, cron: '30 2 * * *', keep: 7 };
const settingsKey = 'backup.settings';

export async function readBackupSettings(db: Db): Promise<BackupSettings> {
  const [row] = await db.select().from(systemSettings).where(eq(systemSettings.key, settingsKey));
  const parsed = backupSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultBackupSettings;
}

export async function writeBackupSettings(db: Db, settings: BackupSettings, now: Date): Promise<void> {
  await db
    .insert(systemSettings)
    .values({ key: settingsKey, value: settings, updatedAt: now })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value: settings, updatedAt: now } });
}
