import { describe, expect, it } from 'vitest';
import type { ISchema } from '@formily/react';
import { departmentView, fieldTypeShowcaseForm, formDocument } from '@xlgl/schema';
import { toFormilySchema } from './toFormilySchema.js';

const form = formDocument.parse(fieldTypeShowcaseForm());
type Node = ISchema & { properties?: Record<string, Node> };

/** Every non-void property by name, flattened through void containers. */
function fieldsOf(schema: Node, out: Record<string, Node> = {}): Record<string, Node> {
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (child.type === 'void') fieldsOf(child, out);
    else out[name] = child;
  }
  return out;
}

describe('toFormilySchema', () => {
  it('lays sections out in cards with grids, tabbed sections under FormTab', () => {
    const schema = toFormilySchema(form) as Node;
    expect(Object.keys(schema.properties!)).toEqual(['__section_applicant', '__tabs']);
    const tabs = schema.properties!.__tabs;
    expect(tabs['x-component']).toBe('FormTab');
    expect(tabs.properties!.__tab_0['x-component-props']).toEqual({ tab: '部门审查' });
    expect(Object.keys(tabs.properties!.__tab_0.properties!)).toEqual(['__section_market', '__section_tax']);
    const grid = schema.properties!.__section_applicant.properties!.__grid;
    expect(grid['x-component']).toBe('SectionGrid');
    expect(grid['x-component-props']).toEqual({ columns: 2 });
    expect(fieldsOf(schema).applicant_name['x-decorator-props']).toEqual({ style: { gridColumn: 'span 1' }, asterisk: true });
    // a sub-table takes the whole row; plain fields get no reaction (no observer per field)
    expect(fieldsOf(schema).staff['x-decorator-props']).toMatchObject({ style: { gridColumn: 'span 2' } });
    expect(fieldsOf(schema).applicant_name['x-reactions']).toBeUndefined();
    expect(fieldsOf(schema).id_number['x-reactions']).toBeTypeOf('function');
  });

  it('applies a department view: own section editable, others read-only or left out', () => {
    const readOthers = fieldsOf(toFormilySchema(form, { view: departmentView(form, 'org.tax') }) as Node);
    expect(readOthers.tax_credit_code['x-pattern']).toBe('editable');
    expect(readOthers.applicant_name['x-pattern']).toBe('readPretty');
    const hideOthers = fieldsOf(toFormilySchema(form, { view: departmentView(form, 'org.tax', { others: 'hidden', shared: 'hidden' }) }) as Node);
    expect(Object.keys(hideOthers)).toEqual(['tax_credit_code', 'signature']);
  });

  it('shows computed fields read-only and builds choices and sub-table columns', () => {
    const fields = fieldsOf(toFormilySchema(form, { services: { dictionaries: { 'dict.food-category': [{ value: 'hot', label: '热食类' }] } } }) as Node);
    expect(fields.fee['x-pattern']).toBe('readPretty');
    expect(fields.sex.enum).toEqual([{ value: '男', label: '男' }, { value: '女', label: '女' }]);
    expect(fields.categories.enum).toEqual([{ value: 'hot', label: '热食类' }]);
    const staff = fields.staff as Node & { items: Node };
    expect(staff['x-component']).toBe('ArrayTable');
    expect(Object.keys(staff.items.properties!)).toEqual(['__column_index', '__column_name', '__column_staff_id', '__column_health_cert_until', '__column_operations']);
    expect(staff.items.properties!.__column_name.properties!.name['x-decorator-props']).toEqual({ asterisk: true, feedbackLayout: 'popover' });
  });

  it('validates with the zod value schemas and Chinese messages', () => {
    const fields = fieldsOf(toFormilySchema(form) as Node);
    const validate = fields.phone['x-validator'] as (value: unknown, rule: unknown, context: unknown) => string;
    expect(validate('123', {}, {})).toBe('“联系电话”应为以1开头、第二位为3至9的11位手机号码');
    expect(validate(undefined, {}, {})).toBe('请填写“联系电话”');
    expect(validate('13904790000', {}, {})).toBe('');
    // read-only or hidden fields are not validated on this screen
    expect(validate(undefined, {}, { field: { pattern: 'readPretty', display: 'visible' } })).toBe('');
  });
});
