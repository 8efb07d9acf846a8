import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../registry.js';
import type { FormDocument } from '../kinds/form.js';
import { nonEmptyValueSchema } from './fieldValueSchema.js';
import { upgradeFieldSettings, upgradeFormSettings } from './settingsUpgrade.js';

/** Shipped forms written before date and datetime settings were versioned (real old shapes). */
const shipped = (name: string) => JSON.parse(readFileSync(new URL(`../../../../metadata/forms/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const findField = (doc: FormDocument, id: string) => doc.sections.flatMap((section) => section.fields).find((field) => field.id === id)!;

describe('field settings up-migrations', () => {
  it('upgrades a shipped date field from notAfterToday to max: today (version 1 → 2) and keeps the rule', () => {
    const raw = shipped('form-xl-individual-business');
    const old = (raw.sections as { fields: Record<string, unknown>[] }[]).flatMap((section) => section.fields).find((field) => field.id === 'f_birth_date')!;
    expect(old.settings).toEqual({ notAfterToday: true });
    expect(old.settingsVersion).toBeUndefined();
    const parsed = parseDocument(raw);
    expect(parsed.ok).toBe(true);
    const field = findField((parsed as { document: FormDocument }).document, 'f_birth_date');
    expect(field.settings).toEqual({ max: 'today' });
    expect(field.settingsVersion).toBe(2);
    const schema = nonEmptyValueSchema(field, { today: '2026-03-01' });
    expect(schema.safeParse('2026-03-01').success).toBe(true);
    expect(schema.safeParse('2026-03-02').error?.issues[0]?.message).toBe('“出生日期”不能晚于今天');
  });

  it('upgrades a shipped datetime field from withSeconds to precision', () => {
    const parsed = parseDocument(shipped('form-grassland-occupation'));
    expect(parsed.ok).toBe(true);
    const field = findField((parsed as { document: FormDocument }).document, 'f_inspection_time');
    expect(field.settings).toEqual({ precision: 'minute' });
    expect(field.settingsVersion).toBe(2);
    expect(upgradeFieldSettings({ id: 'f_at', type: 'datetime', label: '办结时间', settings: { withSeconds: true } }).field.settings).toEqual({ precision: 'second' });
  });

  it('upgrades sub-table columns and leaves current and version-1 fields untouched', () => {
    const raw = {
      kind: 'form',
      sections: [
        {
          id: 's',
          fields: [
            { id: 'f_name', type: 'text', label: '姓名', settings: { maxLength: 50 } },
            { id: 'f_day', type: 'date', label: '日期', settings: { max: 'today' }, settingsVersion: 2 },
            { id: 'f_rows', type: 'sub-table', label: '明细', fields: [{ id: 'r_day', type: 'date', label: '发生日期', settings: { notAfterToday: false, min: '2020-01-01' } }] },
          ],
        },
      ],
    };
    const { document, issues } = upgradeFormSettings(raw);
    expect(issues).toEqual([]);
    const fields = (document.sections as { fields: Record<string, unknown>[] }[])[0]!.fields;
    expect(fields[0]).toBe(raw.sections[0]!.fields[0]);
    expect(fields[1]).toBe(raw.sections[0]!.fields[1]);
    expect((fields[2]!.fields as Record<string, unknown>[])[0]).toEqual({ id: 'r_day', type: 'date', label: '发生日期', settings: { min: '2020-01-01' }, settingsVersion: 2 });
    const unchanged = { kind: 'form', sections: [raw.sections[0]!.fields.slice(0, 2)].map((fieldsOnly) => ({ id: 's', fields: fieldsOnly })) };
    expect(upgradeFormSettings(unchanged).document).toBe(unchanged);
  });

  it('reports settings that cannot be upgraded at the field, in Chinese', () => {
    const raw = shipped('form-xl-individual-business');
    const sections = raw.sections as { fields: Record<string, unknown>[] }[];
    const index = sections.findIndex((section) => section.fields.some((field) => field.id === 'f_birth_date'));
    const position = sections[index]!.fields.findIndex((field) => field.id === 'f_birth_date');
    sections[index]!.fields[position] = { ...sections[index]!.fields[position], settings: { notAfterToday: true, max: '2030-12-31' } };
    expect(parseDocument(raw)).toEqual({
      ok: false,
      issues: [
        {
          path: ['sections', index, 'fields', position, 'settings'],
          message: '日期字段“出生日期”的设置无法从版本1自动升级：同时设置了最晚日期2030-12-31和“不能晚于今天”，请只保留其中一个',
        },
      ],
    });
    sections[index]!.fields[position] = { ...sections[index]!.fields[position], settings: { max: 'today' }, settingsVersion: 7 };
    expect(parseDocument(raw)).toMatchObject({
      ok: false,
      issues: [{ path: ['sections', index, 'fields', position, 'settingsVersion'], message: '字段“出生日期”的设置版本7高于本系统支持的日期设置版本2' }],
    });
  });
});
