import type { FieldType } from './fieldTypes.js';

/**
 * A raw form document with one field of every type (and a sub-table), in two department-owned
 * sections plus an applicant section — the designer's "all field types" sample and a fixture for
 * tests across packages. Parse it with `formDocument`.
 */
export function fieldTypeShowcaseForm(): Record<string, unknown> {
  const field = (id: string, type: FieldType, label: string) => ({ id, type, label });
  return {
    kind: 'form',
    id: 'form.showcase',
    version: 1,
    schemaVersion: 1,
    name: '字段类型示例表',
    sections: [
      {
        id: 'applicant',
        title: '申请人信息',
        columns: 2,
        fields: [
          { ...field('applicant_name', 'text', '申请人姓名'), required: true },
          { ...field('id_number', 'id-number', '身份证号码'), required: true, settings: { sexField: 'sex', birthDateField: 'birth_date' } },
          {
            ...field('sex', 'select', '性别'),
            settings: {
              options: [
                { value: '男', label: '男' },
                { value: '女', label: '女' },
              ],
            },
          },
          { ...field('birth_date', 'date', '出生日期'), settings: { max: 'today' }, settingsVersion: 2 },
          { ...field('phone', 'mobile', '联系电话'), required: true },
          field('mail', 'email', '电子邮箱'),
          field('person', 'person-lookup', '经办人'),
          field('enterprise', 'enterprise-lookup', '申请单位'),
          field('credit_code', 'credit-code', '统一社会信用代码'),
          field('region', 'region', '所在地区'),
          field('address', 'address', '经营场所'),
        ],
      },
      {
        id: 'market',
        title: '市场监管部门',
        ownerDepartmentId: 'org.scjg',
        tab: '部门审查',
        fields: [
          field('business_scope', 'textarea', '经营范围'),
          { ...field('employees', 'number', '从业人数'), settings: { min: 0, max: 100000 } },
          field('capital', 'money', '注册资本'),
          {
            ...field('fee', 'money', '应缴费用'),
            computed: { op: 'mul', left: { op: 'field', field: 'employees' }, right: { op: 'literal', value: 100 } },
          },
          field('opening_date', 'date', '开业日期'),
          field('accepted_at', 'datetime', '受理时间'),
          field('valid_period', 'date-range', '有效期'),
          { ...field('categories', 'multi-select', '经营类别'), dictionaryId: 'dict.food-category' },
          field('chain', 'switch', '是否连锁经营'),
          {
            ...field('chain_name', 'text', '连锁品牌'),
            visibleWhen: { op: 'eq', left: { op: 'field', field: 'chain' }, right: { op: 'literal', value: true } },
            required: true,
          },
          { ...field('licence', 'material', '营业执照'), settings: { materialId: 'mat.licence' } },
          {
            ...field('staff', 'sub-table', '从业人员'),
            fields: [
              { ...field('name', 'text', '姓名'), required: true },
              { ...field('staff_id', 'id-number', '身份证号码'), required: true },
              field('health_cert_until', 'date', '健康证有效期至'),
            ],
          },
        ],
      },
      {
        id: 'tax',
        title: '税务部门',
        ownerDepartmentId: 'org.tax',
        tab: '部门审查',
        fields: [field('tax_credit_code', 'credit-code', '纳税人识别号'), field('signature', 'signature', '税务经办人签名')],
      },
    ],
    rules: [
      {
        id: 'same_credit_code',
        message: '各部门填写的统一社会信用代码必须一致',
        field: 'tax_credit_code',
        expression: {
          op: 'or',
          args: [
            { op: 'empty', arg: { op: 'field', field: 'tax_credit_code' } },
            { op: 'eq', left: { op: 'field', field: 'tax_credit_code' }, right: { op: 'field', field: 'credit_code' } },
          ],
        },
      },
    ],
  };
}
