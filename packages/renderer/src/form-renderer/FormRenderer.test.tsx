// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Field } from '@formily/core';
import { departmentView, fieldTypeShowcaseForm, formDocument, rowRulesExampleForm, type FormView } from '@xlgl/schema';
import { FormRenderer, type FormRendererApi, type FormRendererProps } from './FormRenderer.js';
import { SubmitError } from './submitRecord.js';
import { domMounter, installDomPolyfills } from './testing.js';

const form = formDocument.parse(fieldTypeShowcaseForm());
const regionTree = [
  {
    code: '152500',
    name: '锡林郭勒盟',
    children: [
      { code: '152502', name: '锡林浩特市', children: [{ code: '152502100', name: '阿尔善宝拉格镇' }, { code: '152502200', name: '宝力根苏木' }] },
      { code: '152501', name: '二连浩特市' },
    ],
  },
];

const dom = domMounter();
let container: HTMLElement;

beforeAll(() => installDomPolyfills());
afterEach(() => dom.cleanup());

async function render(props: Partial<FormRendererProps> & { view?: FormView } = {}): Promise<FormRendererApi> {
  let api: FormRendererApi | undefined;
  container = await dom.mount(<FormRenderer form={form} regionTree={regionTree} {...props} onReady={(ready) => (api = ready)} />);
  return api!;
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('FormRenderer', () => {
  it('renders sections, labels and tabs in Chinese', async () => {
    await render();
    expect(container.textContent).toContain('申请人信息');
    expect(container.textContent).toContain('申请人姓名');
    expect(container.textContent).toContain('部门审查');
    expect(container.querySelector('[data-section="applicant"]')).not.toBeNull();
  });

  it('draws a plain field as a formily field with the state its schema node describes, sub-tables through the schema', async () => {
    const api = await render({ initialValues: { applicant_name: '张三' } });
    const name = api.form.query('applicant_name').take() as Field;
    // under the section card and grid, as the schema layer placed it
    expect(name.address.toString()).toBe('__section_applicant.__grid.applicant_name');
    expect(name.title).toBe('申请人姓名');
    expect(name.value).toBe('张三');
    expect(name.decoratorProps).toEqual({ style: { gridColumn: 'span 1' }, asterisk: true });
    expect((api.form.query('sex').take() as Field).dataSource).toEqual([{ value: '男', label: '男' }, { value: '女', label: '女' }]);
    expect(api.form.query('fee').take()?.pattern).toBe('readPretty');
    expect(api.form.query('staff').take()?.componentType).toBe('ArrayTable');
    expect(container.querySelectorAll('[data-section="applicant"] .ant-formily-item-label').length).toBeGreaterThan(3);
  });

  it('fills sex and birth date from the ID number', async () => {
    const api = await render();
    await act(async () => api.form.setValuesIn('id_number', '11010519491231002X'));
    await settle();
    expect(api.form.values.sex).toBe('女');
    expect(api.form.values.birth_date).toBe('1949-12-31');
  });

  it('shows a field by its visibility rule and computes values', async () => {
    const api = await render();
    expect(api.form.query('chain_name').take()?.display).toBe('hidden');
    await act(async () => api.form.setValuesIn('chain', true));
    expect(api.form.query('chain_name').take()?.display).toBe('visible');
    await act(async () => api.form.setValuesIn('employees', 7));
    expect(api.form.values.fee).toBe(700);
  });

  it('refuses an incomplete record with the server’s Chinese messages', async () => {
    const api = await render();
    await act(async () => {
      api.form.setValuesIn('phone', '123');
    });
    const error = await act(async () => api.submit().catch((caught: unknown) => caught));
    expect(error).toBeInstanceOf(SubmitError);
    const messages = (error as SubmitError).issues.map((issue) => issue.message);
    expect(messages).toContain('请填写“申请人姓名”');
    expect(messages).toContain('“联系电话”应为以1开头、第二位为3至9的11位手机号码');
    expect((api.form.query('applicant_name').take() as Field | undefined)?.selfErrors).toEqual(['请填写“申请人姓名”']);
  });

  it('returns a clean record: sub-table rows without ArrayTable’s index key, rules checked', async () => {
    const api = await render();
    await act(async () => {
      api.form.setValues({
        applicant_name: '张三',
        id_number: '11010519491231002x',
        phone: '13904790000',
        region: '152502100',
        staff: [{ name: '李四', staff_id: '11010519491231002X' }],
      });
    });
    await settle();
    // ArrayTable writes its row index into the row objects while rendering
    expect(Object.keys(api.form.values.staff[0])).toContain('__DO_NOT_USE_THIS_PROPERTY_index__');
    expect([...container.querySelectorAll('input')].map((input) => input.value)).toContain('李四');
    const record = await act(async () => api.submit());
    expect(record.staff).toEqual([{ name: '李四', staff_id: '11010519491231002X' }]);
    expect(record).toMatchObject({ id_number: '11010519491231002X', sex: '女', birth_date: '1949-12-31', fee: 0 });

    await act(async () => api.form.setValuesIn('tax_credit_code', '91350100M000100Y43'));
    await act(async () => api.form.setValuesIn('credit_code', '91330102MA28NBU477'));
    const broken = await act(async () => api.submit().catch((caught: unknown) => caught));
    expect((broken as SubmitError).issues).toEqual([{ path: 'tax_credit_code', message: '各部门填写的统一社会信用代码必须一致' }]);
  });

  it('一表制: the tax office edits its section and sees the others read-only', async () => {
    const api = await render({ view: departmentView(form, 'org.tax'), initialValues: { applicant_name: '张三' } });
    expect(api.form.query('tax_credit_code').take()?.pattern).toBe('editable');
    expect(api.form.query('applicant_name').take()?.pattern).toBe('readPretty');
    expect(container.textContent).toContain('张三');
    // nothing of the tax section is required, so the view submits without the applicant's fields
    await expect(act(async () => api.submit())).resolves.toMatchObject({ applicant_name: '张三' });
  });

  it('renders the region cascader from the region tree and everything read-only on request', async () => {
    await render({ readOnly: true, initialValues: { region: '152502200', capital: 123456, chain: true, valid_period: { start: '2026-03-01', end: '2031-02-28' } } });
    expect(container.textContent).toContain('锡林浩特市 / 宝力根苏木');
    expect(container.textContent).toContain('1234.56 元');
    expect(container.textContent).toContain('2026-03-01 至 2031-02-28');
    expect(container.querySelector('input')).toBeNull();
  });

  it('evaluates rules inside a sub-table row: visibility, computed amount from the row and a top-level field', async () => {
    const equipment = formDocument.parse(rowRulesExampleForm());
    const api = await render({ form: equipment });
    await act(async () => {
      api.form.setValues({ tax_rate: 0.5, devices: [{ name: '办公桌', special: false, quantity: 2, price: 100 }, { name: '锅炉', special: true, quantity: 4, price: 100 }] });
    });
    await settle();
    expect(api.form.query('devices.0.inspected_on').take()?.display).toBe('hidden');
    expect(api.form.query('devices.1.inspected_on').take()?.display).toBe('visible');
    expect(api.form.values.devices.map((row: { amount?: number }) => row.amount)).toEqual([300, 600]);
    await act(async () => api.form.setValuesIn('tax_rate', 0));
    await settle();
    expect(api.form.values.devices.map((row: { amount?: number }) => row.amount)).toEqual([200, 400]);
    // the shown row's required date is asked for; the hidden one is not
    const broken = await act(async () => api.submit().catch((caught: unknown) => caught));
    expect((broken as SubmitError).issues).toEqual([{ path: 'devices.1.inspected_on', message: '请选择“检定日期”' }]);
    await act(async () => api.form.setValuesIn('devices.1.inspected_on', '2026-01-05'));
    await expect(act(async () => api.submit())).resolves.toMatchObject({ devices: [{ name: '办公桌', amount: 200 }, { name: '锅炉', amount: 400, inspected_on: '2026-01-05' }] });
  });

  it('多选 with 最多选择几项 as boxes: the others are disabled once the maximum is ticked, and free again when one is cleared', async () => {
    const limited = formDocument.parse({
      kind: 'form',
      id: 'form.limited',
      version: 1,
      schemaVersion: 1,
      name: '经营项目登记',
      sections: [
        {
          id: 'business',
          title: '经营信息',
          columns: 1,
          fields: [
            {
              id: 'scope',
              type: 'multi-select',
              label: '经营项目',
              settings: { display: 'checkbox', maxItems: 2, options: [{ value: 'catering', label: '餐饮' }, { value: 'retail', label: '零售' }, { value: 'lodging', label: '住宿' }] },
            },
          ],
        },
      ],
    });
    const api = await render({ form: limited });
    const boxes = () => [...container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes().map((box) => box.disabled)).toEqual([false, false, false]);
    await act(async () => boxes()[0]!.click());
    await act(async () => boxes()[2]!.click());
    await settle();
    expect(api.form.values.scope).toEqual(['catering', 'lodging']);
    expect(boxes().map((box) => box.disabled)).toEqual([false, true, false]);
    expect(container.textContent).toContain('最多选择2项（已选2项）');
    await act(async () => boxes()[1]!.click());
    expect(api.form.values.scope).toEqual(['catering', 'lodging']);
    await act(async () => boxes()[0]!.click());
    await settle();
    expect(api.form.values.scope).toEqual(['lodging']);
    expect(boxes().map((box) => box.disabled)).toEqual([false, false, false]);
    // The limit is the form's, not only the widget's: no unknown attribute reaches the page.
    expect(container.querySelector('[maxcount]')).toBeNull();
  });
});
