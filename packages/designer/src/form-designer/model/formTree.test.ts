import { describe, expect, it } from 'vitest';
import { formDocument } from '@xlgl/schema';
import { sampleForm } from './fixtures.js';
import { allFields, insertField, locateField, moveField, moveSection, removeField, removeSection, updateField } from './formTree.js';
import { createField } from './newField.js';

const ids = (form: ReturnType<typeof sampleForm>, section: number) => form.sections[section].fields.map((field) => field.id);

describe('formTree', () => {
  it('the fixture is a valid form document', () => {
    const result = formDocument.safeParse(sampleForm());
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('locates top-level fields and sub-table columns', () => {
    const form = sampleForm();
    expect(locateField(form, 'f_count')).toMatchObject({ sectionId: 's_applicant', index: 3 });
    expect(locateField(form, 'f_staff_name')).toMatchObject({ sectionId: 's_business', parentFieldId: 'f_staff', index: 0 });
    expect(locateField(form, 'nope')).toBeUndefined();
  });

  it('moves down within a section using indexes read before the move', () => {
    const form = moveField(sampleForm(), 'f_name', { sectionId: 's_applicant', index: 3 });
    expect(ids(form, 0)).toEqual(['f_id', 'f_sex', 'f_name', 'f_count']);
  });

  it('moves up and to the end', () => {
    expect(ids(moveField(sampleForm(), 'f_count', { sectionId: 's_applicant', index: 0 }), 0)).toEqual([
      'f_count',
      'f_name',
      'f_id',
      'f_sex',
    ]);
    expect(ids(moveField(sampleForm(), 'f_name', { sectionId: 's_applicant', index: 4 }), 0)).toEqual([
      'f_id',
      'f_sex',
      'f_count',
      'f_name',
    ]);
  });

  it('dropping a field next to itself changes nothing (same object)', () => {
    const form = sampleForm();
    expect(moveField(form, 'f_id', { sectionId: 's_applicant', index: 1 })).toBe(form);
    expect(moveField(form, 'f_id', { sectionId: 's_applicant', index: 2 })).toBe(form);
  });

  it('moves between sections', () => {
    const form = moveField(sampleForm(), 'f_sex', { sectionId: 's_business', index: 1 });
    expect(ids(form, 0)).toEqual(['f_name', 'f_id', 'f_count']);
    expect(ids(form, 1)).toEqual(['f_price', 'f_sex', 'f_total', 'f_note', 'f_staff']);
  });

  it('moves a field into a sub-table and back out', () => {
    let form = moveField(sampleForm(), 'f_name', { sectionId: 's_business', parentFieldId: 'f_staff', index: 1 });
    expect(locateField(form, 'f_name')).toMatchObject({ parentFieldId: 'f_staff', index: 1 });
    form = moveField(form, 'f_staff_name', { sectionId: 's_applicant', index: 0 });
    expect(ids(form, 0)[0]).toBe('f_staff_name');
    expect(form.sections[1].fields.find((field) => field.id === 'f_staff')?.fields?.map((field) => field.id)).toEqual(['f_name']);
  });

  it('refuses a sub-table inside a sub-table', () => {
    const form = sampleForm();
    const table = createField('sub-table', { taken: new Set(allFields(form).map((field) => field.id)) });
    expect(() =>
      insertField(form, table, { sectionId: 's_business', parentFieldId: 'f_staff', index: 0 }),
    ).toThrowErrorMatchingInlineSnapshot(`[Error: 子表中不能再放子表]`);
    expect(moveField(form, 'f_staff', { sectionId: 's_business', parentFieldId: 'f_staff', index: 0 })).toBe(form);
  });

  it('removes fields with their columns and updates by id', () => {
    let form = removeField(sampleForm(), 'f_staff');
    expect(locateField(form, 'f_staff_name')).toBeUndefined();
    form = updateField(form, 'f_name', (field) => ({ ...field, label: '名称"; drop table x; --' }));
    expect(locateField(form, 'f_name')?.field.label).toBe('名称"; drop table x; --');
  });

  it('keeps at least one section and reorders sections', () => {
    const form = sampleForm();
    expect(moveSection(form, 's_business', 0).sections.map((section) => section.id)).toEqual(['s_business', 's_applicant']);
    const single = removeSection(form, 's_business');
    expect(() => removeSection(single, 's_applicant')).toThrowErrorMatchingInlineSnapshot(
      `[Error: 表单至少要有一个分组，不能删除最后一个分组]`,
    );
  });
});
