import { describe, expect, it } from 'vitest';
import { fieldIdPattern, fieldTypes, formDocument } from '@xlgl/schema';
import { createField, defaultSpan } from './newField.js';
import { sampleForm } from './fixtures.js';
import { dependentsOf } from './dependents.js';
import { settingDescriptors, settingsIssues } from './settingsSchema.js';
import { fieldTypeDefinition } from '@xlgl/schema';

describe('createField', () => {
  it.each(fieldTypes)('a new %s field is valid in a form as it stands', (type) => {
    const form = sampleForm();
    const field = createField(type, { taken: new Set(['f_name']), columns: 3 });
    expect(field.id).toMatch(fieldIdPattern);
    expect(field.label).toBe(fieldTypeDefinition(type).label);
    form.sections[0].fields.push(field);
    expect(formDocument.safeParse(form).error?.issues ?? []).toEqual([]);
  });

  it('never reuses a taken id and spans by columns', () => {
    const taken = new Set<string>();
    const ids = Array.from({ length: 200 }, () => createField('text', { taken }).id);
    expect(new Set(ids).size).toBe(200);
    expect(defaultSpan('text', 3)).toBe(8);
    expect(defaultSpan('textarea', 3)).toBe(24);
  });
});

describe('settingDescriptors', () => {
  it('reads kinds, bounds and defaults from the zod settings schema', () => {
    const text = settingDescriptors(fieldTypeDefinition('text'));
    expect(text.find((entry) => entry.key === 'maxLength')).toMatchObject({
      kind: 'number',
      integer: true,
      min: 1,
      max: 2000,
      defaultValue: 200,
    });
    expect(text.find((entry) => entry.key === 'placeholder')).toMatchObject({ kind: 'string', optional: true, maxLength: 100 });
    expect(settingDescriptors(fieldTypeDefinition('select')).map((entry) => entry.kind)).toEqual(['object-list', 'enum']);
    expect(settingDescriptors(fieldTypeDefinition('material')).find((entry) => entry.key === 'accept')).toMatchObject({
      kind: 'string-list',
    });
  });

  it('reports settings problems with the schema’s own messages', () => {
    expect(settingsIssues(fieldTypeDefinition('text'), { maxLength: 5000 })).toEqual([
      { key: 'maxLength', message: '单行文本最长2000个字符' },
    ]);
    expect(settingsIssues(fieldTypeDefinition('text'), {})).toEqual([]);
  });
});

describe('dependentsOf', () => {
  it('lists rules in the form and what the host reports, without the deleted fields themselves', () => {
    const form = sampleForm();
    expect(dependentsOf(form, ['f_count'], { f_count: ['流程“食品经营许可”的条件“数量大于10”'] })).toEqual([
      '流程“食品经营许可”的条件“数量大于10”',
      '字段“总价”的计算公式',
      '字段“备注”的显示条件',
      '校验规则“数量须为正数”',
    ]);
    expect(dependentsOf(form, ['f_count', 'f_total', 'f_note'])).toEqual(['校验规则“数量须为正数”']);
    expect(dependentsOf(form, ['f_sex'])).toEqual(['身份证号码“身份证号码”自动填入性别']);
  });
});

describe('dropReferences', () => {
  it('removes what reads deleted fields so the form stays valid', async () => {
    const { dropReferences } = await import('./dependents.js');
    const { removeField } = await import('./formTree.js');
    let form = sampleForm();
    form = removeField(dropReferences(form, ['f_count', 'f_sex']), 'f_count');
    form = removeField(form, 'f_sex');
    expect(formDocument.safeParse(form).error?.issues ?? []).toEqual([]);
    expect(form.rules).toEqual([]);
    expect(form.sections[0].fields.find((field) => field.id === 'f_id')?.settings).toEqual({});
  });
});

describe('emptyForm', () => {
  it('is a valid form document with generated ids', async () => {
    const { emptyForm } = await import('./emptyForm.js');
    const form = emptyForm({ name: '名称"; drop table x; --' });
    expect(formDocument.safeParse(form).error?.issues ?? []).toEqual([]);
    expect(form.id).toMatch(/^form_[0-9a-z]{10}$/);
    expect(emptyForm().sections[0].id).not.toBe(form.sections[0].id);
  });
});
