import type { FormDocument, FormField } from '@xlgl/schema';

/** A small form used by the designer's tests and harness: two sections, a sub-table, rules. */
export function sampleForm(): FormDocument {
  const field = (id: string, type: FormField['type'], label: string): FormField => ({
    id,
    type,
    label,
    required: false,
    span: 12,
    settings: {},
  });
  return {
    kind: 'form',
    id: 'form-sample',
    version: 1,
    schemaVersion: 1,
    name: '示例表单',
    sections: [
      {
        id: 's_applicant',
        title: '申请人信息',
        columns: 2,
        fields: [
          { ...field('f_name', 'text', '姓名'), required: true, settings: { maxLength: 50, minLength: 0 } },
          { ...field('f_id', 'id-number', '身份证号码'), settings: { sexField: 'f_sex' } },
          {
            ...field('f_sex', 'select', '性别'),
            settings: {
              options: [
                { value: '1', label: '男' },
                { value: '2', label: '女' },
              ],
              display: 'radio',
            },
          },
          { ...field('f_count', 'number', '数量'), settings: { decimals: 0 } },
        ],
      },
      {
        id: 's_business',
        title: '经营信息',
        columns: 2,
        fields: [
          { ...field('f_price', 'money', '单价'), settings: { minFen: 0 } },
          {
            ...field('f_total', 'money', '总价'),
            settings: { minFen: 0 },
            computed: { op: 'mul', left: { op: 'field', field: 'f_price' }, right: { op: 'field', field: 'f_count' } },
          },
          {
            ...field('f_note', 'textarea', '备注'),
            span: 24,
            settings: { maxLength: 2000, rows: 4 },
            visibleWhen: { op: 'gt', left: { op: 'field', field: 'f_count' }, right: { op: 'literal', value: 10 } },
          },
          {
            ...field('f_staff', 'sub-table', '从业人员'),
            span: 24,
            settings: { minRows: 0, maxRows: 200, addLabel: '添加一行' },
            fields: [{ ...field('f_staff_name', 'text', '姓名'), settings: { maxLength: 50, minLength: 0 } }],
          },
        ],
      },
    ],
    rules: [
      {
        id: 'r_count',
        message: '数量须为正数',
        expression: { op: 'gt', left: { op: 'field', field: 'f_count' }, right: { op: 'literal', value: 0 } },
      },
    ],
  };
}
