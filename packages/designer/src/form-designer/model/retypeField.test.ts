import { describe, expect, it } from 'vitest';
import { formDocument } from '@xlgl/schema';
import { sampleForm } from './fixtures.js';
import { locateField, updateField } from './formTree.js';
import { retypeField } from './retypeField.js';

describe('retypeField', () => {
  it('select → multi-select keeps the options and the id', () => {
    const field = locateField(sampleForm(), 'f_sex')!.field;
    const next = retypeField(field, 'multi-select');
    expect(next.id).toBe('f_sex');
    expect(next.settings.options).toEqual(field.settings.options);
    // `radio` is not a multi-select display: the default is used
    expect(next.settings.display).toBe('checkbox');
  });

  it('money → number drops the computed value only when the target cannot compute', () => {
    const total = locateField(sampleForm(), 'f_total')!.field;
    expect(retypeField(total, 'number').computed).toEqual(total.computed);
    expect(retypeField(total, 'text').computed).toBeUndefined();
  });

  it('drops a default value the new type refuses and keeps one it accepts', () => {
    const field = { ...locateField(sampleForm(), 'f_name')!.field, defaultValue: 'abc' };
    expect(retypeField(field, 'number').defaultValue).toBeUndefined();
    expect(retypeField(field, 'textarea').defaultValue).toBe('abc');
  });

  it('a retyped field its rules cannot use any more is reported by the form schema (the designer lists it first)', () => {
    let form = sampleForm();
    form = updateField(form, 'f_sex', (field) => retypeField(field, 'text'));
    expect(formDocument.safeParse(form).success).toBe(true);
    form = updateField(form, 'f_count', (field) => retypeField(field, 'text'));
    expect(formDocument.safeParse(form).error?.issues.map((issue) => issue.message)).toEqual([
      '“数量”不是数字，不能参与加减乘除',
      '“数量”与表达式不能比较大小（须同为数字或同为日期/文字）',
      '“数量”与表达式不能比较大小（须同为数字或同为日期/文字）',
    ]);
  });
});
