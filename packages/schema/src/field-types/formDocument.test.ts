import { describe, expect, it } from 'vitest';
import { formDocument, type FormDocument } from '../kinds/form.js';
import { parseDocument } from '../registry.js';
import { fieldTypeShowcaseForm } from './showcaseForm.js';
import { recordSchema } from './recordSchema.js';
import { computeValues } from './computeValues.js';
import { departmentView, fieldStates, mergeForView, nodeView, valuesForView } from './formView.js';

const showcase = (): FormDocument => formDocument.parse(fieldTypeShowcaseForm());

function issuesOf(raw: Record<string, unknown>) {
  const result = formDocument.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('form document', () => {
  it('parses the showcase form with per-type settings defaults', () => {
    const form = showcase();
    const staff = form.sections[1].fields.find((field) => field.id === 'staff')!;
    expect(staff.settings).toEqual({ minRows: 0, maxRows: 200, addLabel: '添加一行' });
    expect(staff.fields?.map((field) => field.id)).toEqual(['name', 'staff_id', 'health_cert_until']);
    expect(form.sections[0].fields[0].settings).toEqual({ maxLength: 200, minLength: 0 });
    expect(parseDocument(fieldTypeShowcaseForm()).ok).toBe(true);
  });

  it('refuses unknown types, bad settings, duplicate and reserved ids, dangling references', () => {
    const raw = fieldTypeShowcaseForm() as { sections: { fields: Record<string, unknown>[] }[]; rules: unknown[] };
    raw.sections[0].fields.push({ id: 'applicant_name', type: 'text', label: '重复' });
    raw.sections[0].fields.push({ id: 'order', type: 'no-such-type', label: '未知' });
    raw.sections[0].fields.push({ id: 'created_at', type: 'text', label: '保留' });
    raw.sections[0].fields.push({ id: 'bad__id', type: 'text', label: '双下划线' });
    raw.sections[0].fields.push({ id: 'kind', type: 'select', label: '类别' });
    raw.sections[0].fields.push({ id: 'n', type: 'number', label: '数', settings: { decimals: 9 } });
    raw.sections[0].fields.push({ id: 'v', type: 'text', label: '显示', visibleWhen: { op: 'field', field: 'ghost' } });
    expect(issuesOf(raw)).toEqual(
      expect.arrayContaining([
        { path: 'sections.0.fields.12.type', message: expect.stringMatching(/^字段类型应为：text、textarea/) },
        { path: 'sections.0.fields.14.id', message: '字段标识不能含有连续两个下划线（保留给数据库列名）' },
        { path: 'sections.0.fields.16.settings.decimals', message: '小数位数不能超过6位' },
      ]),
    );
    // the form-level checks run once fields parse
    const second = fieldTypeShowcaseForm() as { sections: { fields: Record<string, unknown>[] }[] };
    second.sections[0].fields.push({ id: 'applicant_name', type: 'text', label: '重复' });
    second.sections[0].fields.push({ id: 'created_at', type: 'text', label: '保留' });
    second.sections[0].fields.push({ id: 'kind', type: 'select', label: '类别' });
    second.sections[0].fields.push({ id: 'v', type: 'text', label: '显示', visibleWhen: { op: 'field', field: 'ghost' } });
    expect(issuesOf(second)).toEqual([
      { path: 'sections.0.fields.11.id', message: '字段标识“applicant_name”在表单中重复' },
      { path: 'sections.0.fields.12.id', message: '字段标识“created_at”为系统保留，请换一个' },
      { path: 'sections.0.fields.13.settings.options', message: '“类别”须填写选项或选择数据字典' },
      { path: 'sections.0.fields.14.visibleWhen', message: '规则引用了不存在的字段“ghost”' },
    ]);
  });

  it('refuses cycles between computed fields and nested sub-tables', () => {
    const raw = fieldTypeShowcaseForm() as { sections: { fields: Record<string, unknown>[] }[] };
    raw.sections[0].fields.push({ id: 'a', type: 'number', label: '甲', computed: { op: 'field', field: 'b' } });
    raw.sections[0].fields.push({ id: 'b', type: 'number', label: '乙', computed: { op: 'add', left: { op: 'field', field: 'a' }, right: { op: 'literal', value: 1 } } });
    expect(issuesOf(raw)).toEqual([{ path: 'sections', message: '计算字段循环引用：甲 → 乙 → 甲' }]);
    const nested = fieldTypeShowcaseForm() as { sections: { fields: Record<string, unknown>[] }[] };
    nested.sections[0].fields.push({ id: 't', type: 'sub-table', label: '表', fields: [{ id: 'inner', type: 'sub-table', label: '内表' }] });
    expect(issuesOf(nested)[0].path).toBe('sections.0.fields.11.fields.0.type');
  });

  it('type-checks expressions: arithmetic, ordering, equality and computed results', () => {
    const raw = fieldTypeShowcaseForm() as { sections: { fields: Record<string, unknown>[] }[] };
    const field = (id: string) => ({ op: 'field', field: id });
    raw.sections[0].fields.push({ id: 'a', type: 'number', label: '甲', computed: { op: 'add', left: field('applicant_name'), right: { op: 'literal', value: 1 } } });
    raw.sections[0].fields.push({ id: 'b', type: 'text', label: '乙', visibleWhen: { op: 'gt', left: field('employees'), right: field('opening_date') } });
    raw.sections[0].fields.push({ id: 'c', type: 'text', label: '丙', enabledWhen: { op: 'eq', left: field('chain'), right: { op: 'literal', value: '是' } } });
    raw.sections[0].fields.push({ id: 'd', type: 'money', label: '丁', computed: { op: 'eq', left: field('employees'), right: { op: 'literal', value: 1 } } });
    expect(issuesOf(raw)).toEqual([
      { path: 'sections.0.fields.11.computed', message: '“申请人姓名”不是数字，不能参与加减乘除' },
      { path: 'sections.0.fields.12.visibleWhen', message: '“从业人数”与“开业日期”不能比较大小（须同为数字或同为日期/文字）' },
      { path: 'sections.0.fields.13.enabledWhen', message: '“是否连锁经营”与表达式的类型不同，不能比较是否相等' },
      { path: 'sections.0.fields.14.computed', message: '“丁”的计算结果类型与字段类型“金额”不符' },
    ]);
  });

  it('checks default values against the field type', () => {
    const raw = fieldTypeShowcaseForm() as { sections: { fields: Record<string, unknown>[] }[] };
    raw.sections[0].fields.push({ id: 'amount', type: 'money', label: '金额', defaultValue: 1.5 });
    raw.sections[0].fields.push({ id: 'ok_default', type: 'select', label: '类别', defaultValue: 'a', settings: { options: [{ value: 'a', label: '甲' }] } });
    expect(issuesOf(raw)).toEqual([{ path: 'sections.0.fields.11.defaultValue', message: '默认值无效：“金额”必须精确到分' }]);
  });

  it('keeps hostile labels as plain text', () => {
    const raw = fieldTypeShowcaseForm() as { sections: { fields: Record<string, unknown>[] }[] };
    raw.sections[0].fields[0].label = '名称"; drop table x; --';
    raw.sections[0].fields[1].label = '长'.repeat(200);
    const form = formDocument.parse(raw);
    expect(form.sections[0].fields[0].label).toBe('名称"; drop table x; --');
    raw.sections[0].fields[1].label = '长'.repeat(201);
    expect(issuesOf(raw)).toEqual([{ path: 'sections.0.fields.1.label', message: '字段名称不能超过200个字符' }]);
  });
});

describe('recordSchema', () => {
  const valid = {
    applicant_name: '张三',
    id_number: '11010519491231002x',
    phone: '13904790000',
    credit_code: '91350100M000100Y43',
    chain: false,
    staff: [{ name: '李四', staff_id: '11010519491231002X', __index: 0 }],
  };

  it('accepts a valid record, normalises values and drops unknown keys', () => {
    const parsed = recordSchema(showcase()).parse({ ...valid, hacker: 'x' });
    expect(parsed).toMatchObject({ id_number: '11010519491231002X', staff: [{ name: '李四', staff_id: '11010519491231002X' }] });
    expect(parsed).not.toHaveProperty('hacker');
    expect((parsed.staff as object[])[0]).not.toHaveProperty('__index');
  });

  it('lists missing required fields, invalid values and broken rules at once', () => {
    const result = recordSchema(showcase()).safeParse({ applicant_name: '', phone: '123', chain: true, credit_code: '91350100M000100Y43', tax_credit_code: '91330102MA28NBU477' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['phone', '“联系电话”应为以1开头、第二位为3至9的11位手机号码'],
      ['applicant_name', '请填写“申请人姓名”'],
      ['id_number', '请填写“身份证号码”'],
      ['chain_name', '请填写“连锁品牌”'],
      ['tax_credit_code', '各部门填写的统一社会信用代码必须一致'],
    ]);
  });

  it('does not require hidden fields (visibility rule) and skips required checks in drafts', () => {
    expect(recordSchema(showcase()).safeParse({ ...valid, chain: false }).success).toBe(true);
    expect(recordSchema(showcase(), { draft: true }).safeParse({ phone: '13904790000' }).success).toBe(true);
  });

  it('一表制: a department only must fill its own section, and only its rules apply', () => {
    const form = showcase();
    const tax = departmentView(form, 'org.tax');
    expect(tax.sections).toEqual({ applicant: 'read', market: 'read', tax: 'edit' });
    // applicant fields are read-only here: their emptiness is not the tax office's problem
    expect(recordSchema(form, { view: tax }).safeParse({}).success).toBe(true);
    const broken = recordSchema(form, { view: tax }).safeParse({ credit_code: '91350100M000100Y43', tax_credit_code: '91330102MA28NBU477' });
    expect(broken.error?.issues.map((issue) => issue.message)).toEqual(['各部门填写的统一社会信用代码必须一致']);
    const market = departmentView(form, 'org.scjg', { others: 'hidden' });
    const states = fieldStates(form, {}, market);
    expect(states.business_scope).toMatchObject({ permission: 'edit', editable: true });
    expect(states.tax_credit_code).toMatchObject({ permission: 'hidden', visible: false });
    expect(states.fee).toMatchObject({ computed: true, editable: false });
  });

  it('merges only what the view may edit into the stored record', () => {
    const form = showcase();
    const merged = mergeForView(form, {
      view: departmentView(form, 'org.tax'),
      existing: { applicant_name: '张三', business_scope: '餐饮' },
      input: { applicant_name: '篡改', tax_credit_code: '91330102MA28NBU477', fee: 999 },
    });
    expect(merged).toEqual({ applicant_name: '张三', business_scope: '餐饮', tax_credit_code: '91330102MA28NBU477' });
    expect(nodeView({ phone: 'edit' })).toEqual({ default: 'read', fields: { phone: 'edit' } });
    const hidden = departmentView(form, 'org.tax', { others: 'hidden' });
    expect(valuesForView(form, { applicant_name: '张三', business_scope: '餐饮', tax_credit_code: 'x' }, hidden)).toEqual({ applicant_name: '张三', tax_credit_code: 'x' });
  });

  it('computes values from expressions', () => {
    expect(computeValues(showcase(), { employees: 12 }).fee).toBe(1200);
    expect(computeValues(showcase(), {}).fee).toBe(0);
  });
});
