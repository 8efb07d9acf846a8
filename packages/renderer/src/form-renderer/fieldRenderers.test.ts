import { describe, expect, it } from 'vitest';
import { fieldTypeRegistry, fieldTypeShowcaseForm, formDocument, activeFields, fieldTypes } from '@xlgl/schema';
import { fieldRenderer, fieldRenderers } from './fieldRenderers.js';
import { idNumberFill } from './idNumberFill.js';

describe('React field-type registry', () => {
  it('has exactly the keys of the server-safe registry', () => {
    expect(Object.keys(fieldRenderers).sort()).toEqual(Object.keys(fieldTypeRegistry).sort());
    expect(Object.keys(fieldRenderers).sort()).toEqual([...fieldTypes].sort());
  });

  it('registers every component under its own name', () => {
    const names = Object.values(fieldRenderers).map((renderer) => renderer.componentName);
    expect(new Set(names).size).toBe(names.length);
    for (const renderer of Object.values(fieldRenderers)) expect(renderer.component).toBeTruthy();
  });

  it('builds component props from every showcase field’s settings', () => {
    const form = formDocument.parse(fieldTypeShowcaseForm());
    const context = { services: {}, childSchema: () => ({}) };
    for (const field of activeFields(form)) {
      const renderer = fieldRenderer(field.type);
      expect(() => renderer.props?.(field, context)).not.toThrow();
      expect(() => renderer.schema?.(field, context)).not.toThrow();
    }
    const money = activeFields(form).find((field) => field.id === 'capital')!;
    expect(fieldRenderer('money').props?.(money, context)).toEqual({ minFen: 0, maxFen: undefined });
  });
});

describe('idNumberFill', () => {
  const form = formDocument.parse(fieldTypeShowcaseForm());
  const fields = activeFields(form);
  const idField = fields.find((field) => field.id === 'id_number')!;

  it('fills sex by option label and the birth date once the number is valid', () => {
    expect(idNumberFill(idField, '11010519491231002X', { fields })).toEqual({ sex: '女', birth_date: '1949-12-31' });
    expect(idNumberFill(idField, '1101051949123100', { fields })).toEqual({});
    expect(idNumberFill(idField, '110105194912310021', { fields })).toEqual({});
  });

  it('uses GB/T 2261.1 codes for a dictionary-backed sex field', () => {
    const sex = { ...fields.find((field) => field.id === 'sex')!, settings: { options: [], display: 'select' }, dictionaryId: 'dict.sex' };
    const dictionaries = { 'dict.sex': [{ value: '1', label: '男性' }, { value: '2', label: '女性' }] };
    expect(idNumberFill(idField, '11010519491231002X', { fields: [idField, sex], dictionaries })).toEqual({ sex: '2' });
  });
});
