import { describe, expect, it } from 'vitest';
import { fieldIdPattern, formDocument } from '@xlgl/schema';
import { sampleForm } from './fixtures.js';
import { clipboardText, copyFields, parseClipboardText, pasteFields } from './clipboard.js';
import { allFields, locateField } from './formTree.js';

describe('clipboard', () => {
  it('pastes a copy with fresh ids after the original and keeps the form valid', () => {
    const form = sampleForm();
    const clipboard = copyFields([locateField(form, 'f_total')!.field]);
    const { form: next, pastedIds } = pasteFields(form, clipboard, { sectionId: 's_business', index: 2 });
    expect(pastedIds).toHaveLength(1);
    expect(pastedIds[0]).toMatch(fieldIdPattern);
    expect(pastedIds[0]).not.toBe('f_total');
    const pasted = locateField(next, pastedIds[0])!;
    expect(pasted.index).toBe(2);
    expect(pasted.field.computed).toEqual(locateField(form, 'f_total')!.field.computed);
    expect(formDocument.safeParse(next).error?.issues ?? []).toEqual([]);
  });

  it('gives sub-table columns new ids too', () => {
    const form = sampleForm();
    const { form: next, pastedIds } = pasteFields(form, copyFields([locateField(form, 'f_staff')!.field]), {
      sectionId: 's_applicant',
      index: 0,
    });
    const ids = allFields(next).map((field) => field.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(locateField(next, pastedIds[0])!.field.fields![0].id).not.toBe('f_staff_name');
    expect(formDocument.safeParse(next).error?.issues ?? []).toEqual([]);
  });

  it('drops rules that read fields the target form does not have', () => {
    const source = sampleForm();
    const clipboard = copyFields([locateField(source, 'f_note')!.field, locateField(source, 'f_id')!.field]);
    const target = { ...sampleForm(), sections: [{ ...sampleForm().sections[1], fields: [] }] };
    const { form: next, pastedIds } = pasteFields(target, clipboard, { sectionId: 's_business', index: 0 });
    expect(locateField(next, pastedIds[0])!.field.visibleWhen).toBeUndefined();
    expect(locateField(next, pastedIds[1])!.field.settings.sexField).toBeUndefined();
  });

  it('skips a sub-table pasted into a sub-table and strips rules of columns', () => {
    const form = sampleForm();
    const clipboard = copyFields([locateField(form, 'f_staff')!.field, locateField(form, 'f_note')!.field]);
    const { form: next, pastedIds } = pasteFields(form, clipboard, { sectionId: 's_business', parentFieldId: 'f_staff', index: 1 });
    expect(pastedIds).toHaveLength(1);
    expect(locateField(next, pastedIds[0])).toMatchObject({ parentFieldId: 'f_staff', index: 1 });
    expect(locateField(next, pastedIds[0])!.field.visibleWhen).toBeUndefined();
    expect(formDocument.safeParse(next).error?.issues ?? []).toEqual([]);
  });

  it('round-trips through text and ignores foreign text', () => {
    const clipboard = copyFields([locateField(sampleForm(), 'f_name')!.field]);
    expect(parseClipboardText(clipboardText(clipboard))).toEqual(clipboard);
    expect(parseClipboardText('名称"; drop table x; --')).toBeUndefined();
    expect(parseClipboardText('{"kind":"other"}')).toBeUndefined();
  });

  it('a copy does not change when the original is edited later', () => {
    const form = sampleForm();
    const clipboard = copyFields([locateField(form, 'f_sex')!.field]);
    (locateField(form, 'f_sex')!.field.settings.options as { label: string }[])[0].label = '改';
    expect((clipboard.fields[0].settings.options as { label: string }[])[0].label).toBe('男');
  });
});

describe('pasted labels', () => {
  it('mark the copy and stay within 200 characters', () => {
    const form = sampleForm();
    const long = { ...locateField(form, 'f_name')!.field, label: '名'.repeat(200) };
    const { form: next, pastedIds } = pasteFields(form, copyFields([long, locateField(form, 'f_count')!.field]), {
      sectionId: 's_applicant',
      index: 0,
    });
    expect(locateField(next, pastedIds[0])!.field.label).toHaveLength(200);
    expect(locateField(next, pastedIds[0])!.field.label.endsWith('（副本）')).toBe(true);
    expect(locateField(next, pastedIds[1])!.field.label).toBe('数量（副本）');
  });
});
