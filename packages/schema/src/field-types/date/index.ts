import { z } from 'zod';
import { defineFieldType, SettingsUpgradeError } from '../definition.js';
import { fail, keep } from '../convert.js';
import { chinaDate, dateLimit, isoDate } from '../dates.js';

/** Named settings versions (tldraw style): what changed in each. */
export const dateSettingsVersions = {
  /** `min`/`max` absolute dates plus a separate `notAfterToday` switch. */
  Initial: 1,
  /** `min`/`max` each take a date or `today`; `notAfterToday: true` became `max: 'today'`. */
  TodayAsLimit: 2,
} as const;

/** 日期: a calendar date `YYYY-MM-DD`, stored as `date`. */
export const dateField = defineFieldType({
  type: 'date',
  label: '日期',
  group: 'basic',
  settings: z.object({
    /** Earliest date: `YYYY-MM-DD`, or `today` (appointments, planned dates). */
    min: dateLimit,
    /** Latest date: `YYYY-MM-DD`, or `today` (birth dates, past events). */
    max: dateLimit,
  }),
  settingsVersion: dateSettingsVersions.TodayAsLimit,
  settingsMigrations: [
    {
      from: dateSettingsVersions.Initial,
      name: 'notAfterToday → max: today',
      up: ({ notAfterToday, ...settings }) => {
        if (notAfterToday !== true) return settings;
        if (typeof settings.max === 'string' && settings.max !== 'today') {
          throw new SettingsUpgradeError(`同时设置了最晚日期${settings.max}和“不能晚于今天”，请只保留其中一个`);
        }
        return { ...settings, max: 'today' };
      },
    },
  ],
  value: (field, context) => {
    const { min, max } = field.settings;
    // the centre works in China Standard Time: "today" is the date in UTC+8
    const today = () => context.today ?? chinaDate(new Date().toISOString());
    let schema = isoDate(field.label);
    if (min === 'today') schema = schema.refine((value) => value >= today(), { message: `“${field.label}”不能早于今天` });
    else if (min) schema = schema.refine((value) => value >= min, { message: `“${field.label}”不能早于${min}` });
    if (max === 'today') schema = schema.refine((value) => value <= today(), { message: `“${field.label}”不能晚于今天` });
    else if (max) schema = schema.refine((value) => value <= max, { message: `“${field.label}”不能晚于${max}` });
    return schema;
  },
  checkField: (field) => {
    const { min, max } = field.settings;
    if (min && max && min !== 'today' && max !== 'today' && min > max) {
      return [{ path: ['settings', 'min'], message: `“${field.label}”的最早日期晚于最晚日期` }];
    }
    return [];
  },
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'date' }],
  convertTo: {
    text: keep,
    textarea: keep,
    // midnight in China Standard Time
    datetime: (value) => (typeof value === 'string' ? { ok: true, value: `${value}T00:00:00+08:00` } : fail('值不是日期')),
  },
  example: () => '2026-03-02',
});
