import { describe, expect, it } from 'vitest';
import type { FormDocument, ItemDocument } from '@xlgl/schema';
import { feeQuantityCheck } from '../../metadata/fee-quantity-check.js';
import { feeLines } from './case-service.js';
import { feeQuantityProblems, quantityFromForm } from './fee-quantities.js';

const form = {
  id: 'form-x',
  name: '征占用申请表',
  sections: [
    {
      id: 's1',
      title: '用地',
      fields: [
        { id: 'f_area', type: 'number', label: '面积', settings: {} },
        { id: 'f_amount', type: 'money', label: '工程造价（元）', settings: {} },
        { id: 'f_name', type: 'text', label: '项目名称', settings: {} },
      ],
    },
  ],
} as unknown as FormDocument;

const fee = (extra: Partial<ItemDocument['fees'][number]>) => ({ id: 'fee-a', name: '恢复费', basis: '依据', amountFen: 300, unit: '平方米', waivable: false, ...extra });
const item = (fees: ItemDocument['fees'], formId: string | null = 'form-x') => ({ id: 'item-x', kind: 'item', fees, formId: formId ?? undefined, charges: true }) as unknown as ItemDocument;

describe('fee quantities from a form field', () => {
  it('accepts a number or money field of the bound form and names every other problem', () => {
    expect(feeQuantityProblems(item([fee({ quantityFieldId: 'f_area' }), fee({ id: 'fee-b', quantityFieldId: 'f_amount' })]), form)).toEqual([]);
    expect(feeQuantityProblems(item([fee({ quantityFieldId: 'f_name' })]), form)).toEqual([{ path: ['fees', 0, 'quantityFieldId'], message: '收费项目“恢复费”的数量字段“项目名称”是text类型，只能取数字或金额字段' }]);
    expect(feeQuantityProblems(item([fee({ quantityFieldId: 'f_missing' })]), form)).toEqual([{ path: ['fees', 0, 'quantityFieldId'], message: '收费项目“恢复费”的数量字段“f_missing”不在表单“征占用申请表”中（须为表单顶层字段）' }]);
    expect(feeQuantityProblems(item([fee({ quantityFieldId: 'f_area' })], null), undefined)[0]?.message).toBe('收费项目“恢复费”的数量取自表单字段，但事项没有绑定申请表单');
  });

  it('is part of the metadata check', async () => {
    const itemDocument = item([fee({ quantityFieldId: 'f_name' })]);
    const problems = await feeQuantityCheck.run({
      documents: [{ file: 'items/item-x.json', document: itemDocument as never }],
      resolve: (kind, id) => (kind === 'form' && id === 'form-x' ? { file: 'forms/form-x.json', document: form as never } : undefined),
    });
    expect(problems).toEqual([{ file: 'items/item-x.json', path: ['fees', 0, 'quantityFieldId'], message: expect.stringContaining('只能取数字或金额字段'), severity: 'error' }]);
  });

  it('takes the quantity from the form values (money in yuan) and bills it', () => {
    expect(quantityFromForm(fee({ quantityFieldId: 'f_area' }), form, { f_area: 1250.5 })).toEqual({ quantity: 1250.5 });
    expect(quantityFromForm(fee({ quantityFieldId: 'f_amount' }), form, { f_amount: 123_400 })).toEqual({ quantity: 1234 });
    expect(quantityFromForm(fee({ quantityFieldId: 'f_area' }), form, {})).toEqual({ error: '收费项目“恢复费”按平方米计收，数量取自表单“面积”，请填写该字段' });
    const lines = feeLines(item([fee({ quantityFieldId: 'f_area' }), fee({ id: 'fee-b', name: '工本费', unit: '件', amountFen: 1000 })]), { 'fee-a': 1 }, { form, values: { f_area: 1000 } });
    expect(lines.map((line) => [line.quantity, line.amountFen])).toEqual([
      [1000, 300_000],
      [1, 1000],
    ]);
    expect(() => feeLines(item([fee({ quantityFieldId: 'f_area' })]), {}, { form, values: { f_area: -3 } })).toThrow('必须大于0');
  });
});
