import { describe, expect, it } from 'vitest';
import { formDocument, type FormDocument } from '../kinds/form.js';
import { computeValues } from './computeValues.js';
import { recordSchema } from './recordSchema.js';
import { rowRulesExampleForm } from './rowRulesExampleForm.js';

const equipmentForm = rowRulesExampleForm;

const issuesOf = (raw: Record<string, unknown>) => {
  const result = formDocument.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('rules inside sub-table fields', () => {
  it('accepts rules over the same row and top-level fields', () => {
    expect(issuesOf(equipmentForm())).toEqual([]);
  });

  it('refuses unknown references, other sub-tables, wrong types and cycles among computed columns', () => {
    const raw = equipmentForm([
      { id: 'ghost_ref', type: 'text', label: '幽灵', visibleWhen: { op: 'notEmpty', arg: { op: 'field', field: 'ghost' } } },
      { id: 'own_ref', type: 'text', label: '整表', visibleWhen: { op: 'notEmpty', arg: { op: 'field', field: 'devices' } } },
      { id: 'bad_sum', type: 'number', label: '名称加一', computed: { op: 'add', left: { op: 'field', field: 'name' }, right: { op: 'literal', value: 1 } } },
      { id: 'loop_a', type: 'number', label: '甲', computed: { op: 'field', field: 'loop_b' } },
      { id: 'loop_b', type: 'number', label: '乙', computed: { op: 'field', field: 'loop_a' } },
    ]);
    expect(issuesOf(raw)).toEqual([
      { path: 'sections.0.fields.1.fields.6.visibleWhen', message: '规则引用了不存在的字段“ghost”（子表中的规则可引用同一行的列和表单的字段）' },
      { path: 'sections.0.fields.1.fields.7.visibleWhen', message: '子表中的规则不能引用子表“设备清单”' },
      { path: 'sections.0.fields.1.fields.8.computed', message: '“设备名称”不是数字，不能参与加减乘除' },
      { path: 'sections.0.fields.1.fields', message: '子表“设备清单”的计算列循环引用：甲 → 乙 → 甲' },
    ]);
  });

  it('computes row values from the row and the top-level fields', () => {
    const form = formDocument.parse(equipmentForm()) as FormDocument;
    const values = computeValues(form, {
      tax_rate: 0.06,
      devices: [
        { name: '锅炉', quantity: 2, price: 10000, amount: 1 },
        { name: '叉车', quantity: 1 },
      ],
    });
    expect(values.devices).toEqual([
      { name: '锅炉', quantity: 2, price: 10000, amount: 21200 },
      { name: '叉车', quantity: 1, amount: 0 },
    ]);
  });

  it('requires a column only in the rows that show it', () => {
    const form = formDocument.parse(equipmentForm()) as FormDocument;
    const check = (devices: unknown[]) => {
      const result = recordSchema(form).safeParse(computeValues(form, { tax_rate: 0, devices }));
      return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    };
    expect(check([{ name: '办公桌', special: false }])).toEqual([]);
    expect(check([{ name: '办公桌' }, { name: '锅炉', special: true }])).toEqual([{ path: 'devices.1.inspected_on', message: '请选择“检定日期”' }]);
    expect(check([{ name: '锅炉', special: true, inspected_on: '2026-01-05' }])).toEqual([]);
    // the row's other required columns stay required as before
    expect(check([{ special: false }])).toEqual([{ path: 'devices.0.name', message: '请填写“设备名称”' }]);
  });
});
