import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { departmentView, fieldTypeShowcaseForm, formDocument, type FormDocument } from '@xlgl/schema';
import { openTestDatabase, testDatabaseKinds } from '../testing.js';
import type { DatabaseHandle } from '../database.js';
import { rowsOf } from '../rows.js';
import {
  FormRecordError,
  formTableName,
  getFormRecord,
  insertFormRecord,
  listFormRecords,
  listFormTableVersions,
  openFormTable,
  planFormChange,
  previewFormTablePublication,
  publishFormTable,
  updateFormRecord,
} from './index.js';

type RawForm = { id: string; version: number; sections: { id: string; fields: Record<string, unknown>[] }[] } & Record<string, unknown>;

function showcase(version: number, edit?: (raw: RawForm) => void): FormDocument {
  const raw = fieldTypeShowcaseForm() as RawForm;
  raw.version = version;
  raw.sections[1].fields.push({ id: 'floor_area', type: 'text', label: '经营面积' });
  edit?.(raw);
  return formDocument.parse(raw);
}

async function columnsOf(handle: DatabaseHandle, table: string): Promise<Record<string, string>> {
  const rows = rowsOf<{ column_name: string; data_type: string }>(
    await handle.db.execute(sql`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${table} ORDER BY ordinal_position`),
  );
  return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
}

const fullRecord = {
  applicant_name: '张三',
  id_number: '11010519491231002X',
  sex: '女',
  birth_date: '1949-12-31',
  phone: '13904790000',
  mail: 'zhangsan@xlgl.gov.cn',
  person: { name: '张三', idNumber: '11010519491231002X' },
  enterprise: { name: '锡林浩特市草原羊肉有限公司', creditCode: '91330102MA28NBU477' },
  credit_code: '91330102MA28NBU477',
  region: '152502100',
  address: { regionCode: '152502', detail: '锡林大街1号' },
  business_scope: '餐饮服务\n预包装食品销售',
  employees: 12,
  capital: 1_000_000_00,
  opening_date: '2026-03-02',
  accepted_at: '2026-03-02T01:30:00.000Z',
  valid_period: { start: '2026-03-01', end: '2031-02-28' },
  categories: ['hot', 'cold'],
  chain: true,
  chain_name: '草原人家',
  licence: [{ fileId: 'sha256-abc', name: '营业执照.pdf', size: 1024, mimeType: 'application/pdf' }],
  staff: [
    { name: '李四', staff_id: '11010519491231002X', health_cert_until: '2027-01-01' },
    { name: '王五', staff_id: '11010519491231002X' },
  ],
  tax_credit_code: '91330102MA28NBU477',
  signature: 'data:image/png;base64,iVBORw0KGgo=',
  floor_area: '120',
};

describe('planFormChange (no database)', () => {
  it('plans a new table with child tables and quoted identifiers', () => {
    const plan = planFormChange(undefined, showcase(1));
    expect(plan.table).toBe('ft_form_showcase');
    expect(plan.creates).toBe(true);
    expect(plan.changes).toEqual(['新建数据表，包含26个字段，其中1个子表各建一张子数据表']);
    expect(plan.preview[0]).toMatch(/^CREATE TABLE IF NOT EXISTS "ft_form_showcase" \("id" text PRIMARY KEY/);
    expect(plan.preview[0]).toContain('"valid_period__start" date, "valid_period__end" date');
    expect(plan.preview[0]).toContain('"capital" bigint');
    expect(plan.preview).toContainEqual(expect.stringMatching(/^CREATE TABLE IF NOT EXISTS "ft_form_showcase__staff" .*REFERENCES "ft_form_showcase" \("id"\) ON DELETE CASCADE/));
  });

  it('describes additions, retypes, renames and removals in plain Chinese', () => {
    const v1 = showcase(1);
    const { layout } = planFormChange(undefined, v1);
    const v2 = showcase(2, (raw) => {
      const market = raw.sections[1].fields;
      market.find((field) => field.id === 'floor_area')!.type = 'number';
      market.find((field) => field.id === 'business_scope')!.label = '许可经营范围';
      raw.sections[0].fields = raw.sections[0].fields.filter((field) => field.id !== 'mail');
      raw.sections[0].fields.push({ id: 'fax', type: 'text', label: '传真', required: true });
    });
    const plan = planFormChange(v1, v2, { layout });
    expect(plan.changes).toEqual([
      '新增字段“传真”（单行文本）：新增可为空的列',
      '字段“经营范围”改名为“许可经营范围”：数据库不变',
      '字段“经营面积”由“单行文本”改为“数字”：新增一列并转换已有数据，原列保留',
      '删除字段“电子邮箱”：表单中不再显示，列和数据保留',
    ]);
    expect(plan.risks).toEqual([
      '新增的必填字段“传真”在已有记录中为空，这些记录下次保存时须补填',
      '字段“经营面积”的已有值若无法转换为“数字”，将在新列中为空并在发布结果中逐条列出，原值仍保留在旧列中',
    ]);
    expect(plan.preview).toEqual([
      'ALTER TABLE "ft_form_showcase" ADD COLUMN IF NOT EXISTS "fax" text',
      'ALTER TABLE "ft_form_showcase" ADD COLUMN IF NOT EXISTS "floor_area__v2" double precision',
    ]);
    expect(plan.preview.join('\n')).not.toMatch(/DROP|RENAME|ALTER COLUMN/);
  });

  it('sanitises and checks table names', () => {
    expect(formTableName('form.food-licence')).toBe('ft_form_food_licence');
    expect(formTableName('x'.repeat(64))).toMatch(/^ft_x{37}_[0-9a-z]{7}$/);
    expect(formTableName('a.b', true)).not.toBe(formTableName('a.b'));
  });
});

describe.each(testDatabaseKinds())('form tables on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('creates the table and child table, and round-trips a record of every field type', async () => {
    const publication = await publishFormTable(handle.db, showcase(1), { publishedBy: 'lg.config' });
    expect(publication.plan.creates).toBe(true);
    const columns = await columnsOf(handle, 'ft_form_showcase');
    expect(columns).toMatchObject({ id: 'text', capital: 'bigint', employees: 'double precision', accepted_at: 'timestamp with time zone', categories: 'jsonb', chain: 'boolean', opening_date: 'date' });
    expect(columns).not.toHaveProperty('staff');
    expect(await columnsOf(handle, 'ft_form_showcase__staff')).toMatchObject({ record_id: 'text', row_index: 'integer', name: 'text' });

    const table = await openFormTable(handle.db, 'form.showcase');
    const id = await insertFormRecord(handle.db, table, { values: { ...fullRecord, staff: fullRecord.staff.map((row, index) => ({ ...row, index })) }, caseId: 'case-1', userId: 'u1' });
    const stored = await getFormRecord(handle.db, table, id);
    expect(stored?.values).toEqual({ ...fullRecord, fee: 1200 });
    expect(stored).toMatchObject({ caseId: 'case-1', formVersion: 1, createdBy: 'u1' });
  });

  it('refuses invalid records with Chinese messages and stores nothing', async () => {
    const table = await openFormTable(handle.db, 'form.showcase');
    const before = (await listFormRecords(handle.db, table)).length;
    const error = await insertFormRecord(handle.db, table, { values: { applicant_name: '李四', phone: '123' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FormRecordError);
    expect((error as FormRecordError).issues.map((issue) => issue.message)).toEqual(['“联系电话”应为以1开头、第二位为3至9的11位手机号码', '请填写“身份证号码”']);
    expect((await listFormRecords(handle.db, table)).length).toBe(before);
  });

  it('一表制: a department updates only its own section', async () => {
    const table = await openFormTable(handle.db, 'form.showcase');
    const [record] = await listFormRecords(handle.db, table, { caseId: 'case-1' });
    await updateFormRecord(handle.db, table, {
      id: record.id,
      view: departmentView(table.form, 'org.tax'),
      values: { applicant_name: '篡改', tax_credit_code: '91330102MA28NBU477', signature: 'sig-file-1' },
    });
    const after = await getFormRecord(handle.db, table, record.id);
    expect(after?.values.applicant_name).toBe('张三');
    expect(after?.values.signature).toBe('sig-file-1');
    expect(after?.values.staff).toEqual(fullRecord.staff);
  });

  it('evolves: adds a field, retypes with records present (no value lost), removes a field keeping its data', async () => {
    const table = await openFormTable(handle.db, 'form.showcase');
    await insertFormRecord(handle.db, table, { values: { ...fullRecord, floor_area: '八十', mail: 'lisi@xlgl.gov.cn' }, caseId: 'case-2' });
    const v2 = showcase(2, (raw) => {
      const market = raw.sections[1].fields;
      market.find((field) => field.id === 'floor_area')!.type = 'number';
      market.find((field) => field.id === 'opening_date')!.type = 'datetime';
      const staff = market.find((field) => field.id === 'staff')!;
      (staff.fields as Record<string, unknown>[])[2].type = 'text';
      raw.sections[0].fields = raw.sections[0].fields.filter((field) => field.id !== 'mail');
      raw.sections[0].fields.push({ id: 'fax', type: 'text', label: '传真' });
    });

    const dependents = { mail: ['报表“办件联系人统计”'], floor_area: ['流程“食品经营许可”的条件“面积大于100平方米”'] };
    const blocked = await previewFormTablePublication(handle.db, v2, { dependents });
    expect(blocked.plan.blockers).toEqual([
      '要改类型的字段“经营面积”正被以下内容使用：流程“食品经营许可”的条件“面积大于100平方米”；请先修改它们',
      '要删除的字段“电子邮箱”正被以下内容使用：报表“办件联系人统计”；请先修改它们',
    ]);
    await expect(publishFormTable(handle.db, v2, { dependents })).rejects.toThrow(/^不能发布表单“字段类型示例表”：要改类型的字段“经营面积”正被/);

    const preview = await previewFormTablePublication(handle.db, v2);
    expect(preview.dryRun).toBe(true);
    expect(preview.failures).toMatchObject([{ fieldId: 'floor_area', value: '八十', reason: '“八十”不是数字' }]);
    expect(await columnsOf(handle, 'ft_form_showcase')).not.toHaveProperty('fax');

    const publication = await publishFormTable(handle.db, v2);
    // floor_area 1 (the other fails), opening_date 2, health_cert_until 2 (one dated staff row per record)
    expect(publication.converted).toBe(1 + 2 + 2);
    expect(publication.failures.map((failure) => [failure.fieldId, failure.value])).toEqual([['floor_area', '八十']]);
    expect(publication.report).toContain('已转换5个值，1个值无法转换（原值保留在旧列中）');

    const columns = await columnsOf(handle, 'ft_form_showcase');
    expect(columns).toMatchObject({ floor_area: 'text', floor_area__v2: 'double precision', opening_date: 'date', opening_date__v2: 'timestamp with time zone', mail: 'text', fax: 'text' });
    const raw = rowsOf<{ floor_area: string; floor_area__v2: number | null; mail: string }>(
      await handle.db.execute(sql`SELECT floor_area, floor_area__v2, mail FROM ft_form_showcase ORDER BY created_at, id`),
    );
    expect(raw.map((row) => [row.floor_area, row.floor_area__v2 === null ? null : Number(row.floor_area__v2), row.mail])).toEqual([
      ['120', 120, 'zhangsan@xlgl.gov.cn'],
      ['八十', null, 'lisi@xlgl.gov.cn'],
    ]);

    const reopened = await openFormTable(handle.db, 'form.showcase');
    expect(reopened.formVersion).toBe(2);
    const [first] = await listFormRecords(handle.db, reopened, { caseId: 'case-1' });
    expect(first.values).toMatchObject({ floor_area: 120, opening_date: '2026-03-01T16:00:00.000Z' });
    expect(first.values).not.toHaveProperty('mail');
    expect((first.values.staff as Record<string, unknown>[])[0]).toEqual({ name: '李四', staff_id: '11010519491231002X', health_cert_until: '2027-01-01' });
    expect((await listFormTableVersions(handle.db, 'form.showcase')).map((version) => version.formVersion)).toEqual([1, 2]);
  });

  it('restores a removed field with its data, and refuses a version that is not newer', async () => {
    const v3 = showcase(3, (raw) => {
      const market = raw.sections[1].fields;
      market.find((field) => field.id === 'floor_area')!.type = 'number';
      market.find((field) => field.id === 'opening_date')!.type = 'datetime';
      const staff = market.find((field) => field.id === 'staff')!;
      (staff.fields as Record<string, unknown>[])[2].type = 'text';
      raw.sections[0].fields.push({ id: 'fax', type: 'text', label: '传真' });
    });
    const publication = await publishFormTable(handle.db, v3);
    expect(publication.plan.statements).toEqual([]);
    expect(publication.plan.changes).toEqual(['恢复字段“电子邮箱”：原有数据重新可见']);
    const table = await openFormTable(handle.db, 'form.showcase');
    const [first] = await listFormRecords(handle.db, table, { caseId: 'case-1' });
    expect(first.values.mail).toBe('zhangsan@xlgl.gov.cn');
    await expect(publishFormTable(handle.db, v3)).rejects.toThrow('表单“字段类型示例表”的版本3不高于已发布的版本3，请递增版本号后再发布');
  });

  it('treats hostile labels and keys as text', async () => {
    const hostileLabel = '名称"; drop table x; --';
    const form = formDocument.parse({
      kind: 'form',
      id: 'user',
      version: 1,
      schemaVersion: 1,
      name: 'order',
      sections: [
        {
          id: 'select',
          title: 'table',
          fields: [
            { id: 'order', type: 'text', label: 'order' },
            { id: 'user', type: 'text', label: 'user' },
            { id: 'name', type: 'text', label: hostileLabel },
            { id: 'long', type: 'textarea', label: '长'.repeat(200) },
            { id: 'group', type: 'sub-table', label: 'group', fields: [{ id: 'from', type: 'text', label: '"; drop table ft_user; --' }] },
          ],
        },
      ],
    });
    const publication = await publishFormTable(handle.db, form);
    expect(publication.plan.table).toBe('ft_user');
    expect(publication.plan.preview.join('\n')).not.toContain('drop table');
    const table = await openFormTable(handle.db, 'user');
    const id = await insertFormRecord(handle.db, table, {
      values: { order: "'; DROP TABLE ft_user; --", user: 'admin', name: hostileLabel, long: '长'.repeat(2000), group: [{ from: 'x"y' }] },
    });
    expect((await getFormRecord(handle.db, table, id))?.values).toEqual({
      order: "'; DROP TABLE ft_user; --",
      user: 'admin',
      name: hostileLabel,
      long: '长'.repeat(2000),
      group: [{ from: 'x"y' }],
    });
    expect(await columnsOf(handle, 'ft_user')).toMatchObject({ order: 'text', user: 'text', name: 'text', long: 'text' });
    expect(await columnsOf(handle, 'ft_user__group')).toMatchObject({ from: 'text' });
  });

  it('gives two forms whose ids sanitise alike different tables', async () => {
    const base = { kind: 'form', version: 1, schemaVersion: 1, name: '冲突', sections: [{ id: 's', title: '分组', fields: [{ id: 'a', type: 'text', label: '甲' }] }] };
    const first = await publishFormTable(handle.db, formDocument.parse({ ...base, id: 'clash.form' }));
    const second = await publishFormTable(handle.db, formDocument.parse({ ...base, id: 'clash-form' }));
    expect(first.plan.table).toBe('ft_clash_form');
    expect(second.plan.table).toMatch(/^ft_clash_form_[0-9a-z]{7}$/);
  });
});
