import { z } from 'zod';
import { defineFieldType, SettingsUpgradeError } from '../definition.js';
import { fail, keep } from '../convert.js';
import { chinaDate, isoDateTime } from '../dates.js';

/** Named settings versions: what changed in each. */
export const datetimeSettingsVersions = {
  /** `withSeconds: boolean`. */
  Initial: 1,
  /** `precision: 'minute' | 'second'` (room for coarser precisions later). */
  Precision: 2,
} as const;

/** 日期时间: an instant (ISO 8601 with offset), stored as `timestamp with time zone`. */
export const datetimeField = defineFieldType({
  type: 'datetime',
  label: '日期时间',
  group: 'basic',
  settings: z.object({
    /** Minute precision is usual at the window; seconds on request. */
    precision: z.enum(['minute', 'second'], { message: '精度应为分钟或秒' }).default('minute'),
  }),
  settingsVersion: datetimeSettingsVersions.Precision,
  settingsMigrations: [
    {
      from: datetimeSettingsVersions.Initial,
      name: 'withSeconds → precision',
      up: ({ withSeconds, ...settings }) => {
        if (withSeconds === undefined) return settings;
        if (typeof withSeconds !== 'boolean') throw new SettingsUpgradeError('“精确到秒”应为是或否');
        return { ...settings, precision: withSeconds ? 'second' : 'minute' };
      },
    },
  ],
  value: (field) => isoDateTime(field.label),
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'timestamptz' }],
  convertTo: {
    date: (value) => (typeof value === 'string' ? { ok: true, value: chinaDate(value) } : fail('值不是日期时间')),
    text: keep,
    textarea: keep,
  },
  example: () => '2026-03-02T09:30:00+08:00',
});
