import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formDocument, type FlowDocument, type FormDocument } from '@xlgl/schema';
import { rowsOf } from '@xlgl/db';
import { createTestApp, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';

const shippedMetadata = fileURLToPath(new URL('../../../../../metadata', import.meta.url));
const shipped = async <T>(path: string): Promise<T> => JSON.parse(await readFile(`${shippedMetadata}/${path}`, 'utf8')) as T;

/** A copy of a shipped flow under a new id, with no item bound (so item limits do not apply). */
async function sampleFlow(id: string): Promise<FlowDocument> {
  const flow = await shipped<FlowDocument>('flows/flow-seal-engraving.json');
  return { ...flow, id, name: `测试流程${id.slice(-4)}`, version: 1 };
}

const hostileLabels = ['order', 'user', '名称"; drop table metadata_heads; --', 'x'.repeat(200)];

function sampleForm(id: string): FormDocument {
  return formDocument.parse({
    kind: 'form',
    id,
    version: 1,
    schemaVersion: 1,
    name: '测试表单',
    sections: [
      {
        id: 's_main',
        title: '基本信息',
        fields: [
          { id: 'f_name', type: 'text', label: hostileLabels[0], required: true },
          { id: 'f_note', type: 'textarea', label: hostileLabels[1] },
          { id: 'f_count', type: 'number', label: hostileLabels[2] },
          { id: 'f_fee', type: 'money', label: hostileLabels[3] },
          { id: 'f_day', type: 'date', label: '日期' },
          { id: 'f_ok', type: 'switch', label: '是否同意' },
          { id: 'f_mobile', type: 'mobile', label: '手机' },
          { id: 'f_mail', type: 'email', label: '邮箱' },
          { id: 'f_code', type: 'credit-code', label: '统一社会信用代码' },
          { id: 'f_id', type: 'id-number', label: '身份证号' },
          { id: 'f_rows', type: 'sub-table', label: '从业人员', fields: [{ id: 'c_name', type: 'text', label: '姓名' }, { id: 'c_age', type: 'number', label: '年龄' }] },
        ],
      },
    ],
  });
}

describe.each(testDatabaseKinds())('studio flows and forms on %s', (kind) => {
  let app: TestApp;
  let config: TestClient;
  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir: shippedMetadata });
    config = await app.signIn('lg.config');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('refuses users without the studio capabilities', async () => {
    const window = await app.signIn('lg.window');
    await expect(window.api.studio.flows.list({})).rejects.toThrow('没有权限：此操作需要“设计流程”权限');
    await expect(window.api.studio.forms.list({})).rejects.toThrow(/没有权限/);
  });

  it('drafts, reviews and publishes a new flow; drafts are not versions', async () => {
    const flow = await sampleFlow('flow-t-sound');
    const saved = await config.api.studio.flows.saveDraft({ document: flow });
    expect(saved).toMatchObject({ baseVersion: null, publishedVersion: null });
    expect((await config.api.studio.flows.list({ search: 'flow-t-sound' })).rows).toEqual([
      expect.objectContaining({ id: 'flow-t-sound', publishedVersion: null, hasDraft: true }),
    ]);
    expect(await config.api.studio.flows.history({ id: 'flow-t-sound' })).toEqual([]);
    const review = await config.api.studio.flows.review({ id: 'flow-t-sound' });
    expect(review.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const published = await config.api.studio.flows.publish({ id: 'flow-t-sound' });
    expect(published).toMatchObject({ version: 1, previousVersion: null });
    expect(published.document.formVersion).toBeGreaterThanOrEqual(1);
    const got = await config.api.studio.flows.get({ id: 'flow-t-sound' });
    expect(got).toMatchObject({ publishedVersion: 1, draft: null });
    expect((await config.api.studio.flows.history({ id: 'flow-t-sound' })).map((entry) => [entry.version, entry.current])).toEqual([[1, true]]);
    await expect(config.api.studio.flows.publish({ id: 'flow-t-sound' })).rejects.toThrow('没有草稿');
  });

  it('refuses a flow with errors, naming the rule and the node, and keeps the version in force', async () => {
    const flow = await sampleFlow('flow-t-broken');
    await config.api.studio.flows.saveDraft({ document: flow });
    await config.api.studio.flows.publish({ id: 'flow-t-broken' });
    // the second step loses its way out
    const broken = { ...flow, edges: flow.edges.filter((edge) => edge.source !== 'handle') };
    await config.api.studio.flows.saveDraft({ document: broken });
    const review = await config.api.studio.flows.review({ id: 'flow-t-broken' });
    expect(review.blocked).toBe(true);
    expect(review.problems).toContainEqual(expect.objectContaining({ ruleId: 'flow.can-reach-end', nodeId: 'handle', severity: 'error' }));
    const refused = (await config.api.studio.flows.publish({ id: 'flow-t-broken' }).catch((error: unknown) => error)) as { code?: string; message: string };
    expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(refused.message).toMatch(/^流程“.+”检查未通过，有\d+个错误，不能发布：/);
    expect(refused.message).toContain('规则 flow.can-reach-end，节点 handle');
    expect((await config.api.studio.flows.get({ id: 'flow-t-broken' })).publishedVersion).toBe(1);
  });

  it('needs a node mapping when a step that running cases may occupy is gone (rule 16)', async () => {
    const flow = await sampleFlow('flow-t-migrate');
    await config.api.studio.flows.saveDraft({ document: flow });
    await config.api.studio.flows.publish({ id: 'flow-t-migrate' });
    const handle = flow.nodes.find((node) => node.id === 'handle')!;
    const renamed: FlowDocument = {
      ...flow,
      nodes: flow.nodes.map((node) => (node.id === 'handle' ? { ...handle, id: 'handle2' } : node)),
      edges: flow.edges.map((edge) => ({ ...edge, source: edge.source === 'handle' ? 'handle2' : edge.source, target: edge.target === 'handle' ? 'handle2' : edge.target })),
    };
    // return targets pointing at the old id would be refused by the schema check of settings; keep them valid
    await config.api.studio.flows.saveDraft({ document: JSON.parse(JSON.stringify(renamed).replaceAll('"handle"', '"handle2"')) });
    const refused = (await config.api.studio.flows.publish({ id: 'flow-t-migrate' }).catch((error: unknown) => error)) as Error;
    expect(refused.message).toContain('flow.migration-mapping');
    expect(refused.message).toContain('“备案”');
    const published = await config.api.studio.flows.publish({ id: 'flow-t-migrate', mapping: { handle: 'handle2' } });
    expect(published).toMatchObject({ version: 2, previousVersion: 1 });
    // version 1 stays as it was for the cases that run on it
    const first = await config.api.studio.flows.version({ id: 'flow-t-migrate', version: 1 });
    expect(first.nodes.map((node) => node.id)).toContain('handle');
  });

  it('validates drafts by the flow schema', async () => {
    const flow = await sampleFlow('flow-t-invalid');
    await expect(config.api.studio.flows.saveDraft({ document: { ...flow, nodes: [] } })).rejects.toThrow('文档校验未通过：流程至少要有一个节点');
    await expect(config.api.studio.flows.saveDraft({ document: { ...flow, kind: 'form' } })).rejects.toThrow('这里只能保存流程');
  });

  it('publishes a form: the table with a child table is created in the same transaction as the version', async () => {
    const form = sampleForm('form-t-one');
    await config.api.studio.forms.saveDraft({ document: form });
    const review = await config.api.studio.forms.review({ id: 'form-t-one' });
    expect(review).toMatchObject({ version: 1, table: 'ft_form_t_one', creates: true, blockers: [] });
    expect(review.statements.join('\n')).toContain('CREATE TABLE IF NOT EXISTS "ft_form_t_one" (');
    // the review rolled back: nothing exists yet
    expect(await config.api.studio.forms.table({ id: 'form-t-one' })).toBeNull();
    const published = await config.api.studio.forms.publish({ id: 'form-t-one' });
    expect(published).toMatchObject({ version: 1, table: 'ft_form_t_one', failures: [] });
    const table = (await config.api.studio.forms.table({ id: 'form-t-one' }))!;
    expect(table.formVersion).toBe(1);
    expect(table.columns.filter((column) => column.table === 'ft_form_t_one' && column.fieldId).map((column) => column.column)).toEqual(
      expect.arrayContaining(['f_name', 'f_note', 'f_count', 'f_fee', 'f_day', 'f_ok', 'f_mobile', 'f_mail', 'f_code', 'f_id']),
    );
    expect(table.columns.find((column) => column.column === 'f_count')?.label).toBe(hostileLabels[2]);
    expect(table.columns.filter((column) => column.table !== 'ft_form_t_one' && column.fieldId).map((column) => column.column)).toEqual(['c_name', 'c_age']);
    // hostile labels are text: the metadata tables are still there
    const heads = rowsOf<{ n: number }>(await app.db.execute(sql`select count(*)::int as n from metadata_heads`));
    expect(Number(heads[0]!.n)).toBeGreaterThan(100);
  });

  it('evolves a table with records: a new field and a type change lose no value', async () => {
    const form = sampleForm('form-t-evolve');
    await config.api.studio.forms.saveDraft({ document: form });
    await config.api.studio.forms.publish({ id: 'form-t-evolve' });
    const values = [
      { f_name: '锡林浩特奶食店', f_count: 12, f_note: '第一条', f_rows: [{ c_name: '张三', c_age: 30 }] },
      { f_name: '二连浩特牧家乐', f_count: 8, f_fee: 12345 },
    ];
    for (const record of values) await config.api.studio.forms.records.insert({ id: 'form-t-evolve', values: record });
    await expect(config.api.studio.forms.records.insert({ id: 'form-t-evolve', values: { f_mobile: '123' } })).rejects.toThrow(/记录校验未通过/);

    const next = structuredClone(form);
    const fields = next.sections[0]!.fields;
    fields.find((field) => field.id === 'f_count')!.type = 'text';
    fields.find((field) => field.id === 'f_count')!.settings = {};
    fields.push({ id: 'f_extra', type: 'text', label: '新增字段', required: false, span: 12, settings: {} });
    await config.api.studio.forms.saveDraft({ document: formDocument.parse(next) });
    const review = await config.api.studio.forms.review({ id: 'form-t-evolve' });
    expect(review.creates).toBe(false);
    expect(review.failures).toEqual([]);
    expect(review.changes.join('\n')).toMatch(/新增字段/);
    const published = await config.api.studio.forms.publish({ id: 'form-t-evolve' });
    expect(published).toMatchObject({ version: 2, previousVersion: 1, failures: [] });

    const records = await config.api.studio.forms.records.list({ id: 'form-t-evolve' });
    expect(records).toHaveLength(2);
    const byName = new Map(records!.map((record) => [record.values.f_name, record.values]));
    expect(byName.get('锡林浩特奶食店')).toMatchObject({ f_count: '12', f_note: '第一条', f_rows: [expect.objectContaining({ c_name: '张三', c_age: 30 })] });
    expect(byName.get('二连浩特牧家乐')).toMatchObject({ f_count: '8', f_fee: 12345 });
    expect(byName.get('二连浩特牧家乐')?.f_extra ?? null).toBeNull();
    // the old column keeps the original numbers too
    const raw = rowsOf<{ f_count: unknown }>(await app.db.execute(sql`select "f_count" from "ft_form_t_evolve" order by "f_count"`));
    expect(raw.map((row) => Number(row.f_count))).toEqual([8, 12]);
  });

  it('lists what depends on a field before it can be removed', async () => {
    const current = (await config.api.studio.forms.get({ id: 'form-food-business' })).published!;
    expect((await config.api.studio.forms.get({ id: 'form-food-business' })).dependents.f_premises_area).toEqual([
      expect.stringContaining('流程“'),
    ]);
    // the shipped version was imported without a table: publishing it unchanged creates the table
    await config.api.studio.forms.saveDraft({ document: current });
    expect(await config.api.studio.forms.publish({ id: 'form-food-business' })).toMatchObject({ version: current.version, previousVersion: current.version });
    expect((await config.api.studio.forms.table({ id: 'form-food-business' }))?.formVersion).toBe(current.version);
    await config.api.studio.forms.saveDraft({ document: current });
    await expect(config.api.studio.forms.publish({ id: 'form-food-business' })).rejects.toThrow('草稿与正在使用的第1版表单相同，无需发布');
    const next = structuredClone(current);
    for (const section of next.sections) section.fields = section.fields.map((field) => (field.id === 'f_premises_area' ? { ...field, removed: true } : field));
    await config.api.studio.forms.saveDraft({ document: next });
    const review = await config.api.studio.forms.review({ id: 'form-food-business' });
    expect(review.blockers).toEqual(['要隐藏的字段“经营场所面积”正被以下内容使用：流程“食品经营许可”的条件“经营场所大于200平方米”；请先修改它们']);
    await expect(config.api.studio.forms.publish({ id: 'form-food-business' })).rejects.toThrow(/不能发布表单“.+”：要隐藏的字段“经营场所面积”/);
    const confirmed = await config.api.studio.forms.publish({ id: 'form-food-business', confirmDependents: true });
    expect(confirmed.version).toBeGreaterThan(1);
  });
});
