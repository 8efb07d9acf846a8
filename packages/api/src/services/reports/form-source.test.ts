import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { cases, readDocument, writeDocument } from '@xlgl/db';
import { createTestApp, testDatabaseKinds, type TestApp, type TestClient } from '../../testing/index.js';

const metadataDir = fileURLToPath(new URL('../../../../../metadata', import.meta.url));

/** Labels a configurator could type: they must stay display text and never reach SQL. */
const hostile = {
  type: '企业类型"; DROP TABLE cases; --',
  capital: "注册资本') OR 1=1; --",
  region: '<script>alert(1)</script>所在区划',
  date: '成立日期 ${sql.raw(1)}',
  staff: '从业人数`; delete from cases; `',
};

const enterpriseApplicant = { kind: 'enterprise' as const, creditCode: '91330102MA28NBU477', name: '锡林郭勒草原牧业有限公司', legalRepresentative: '巴图' };
const allMaterials = ['m-application', 'm-articles', 'm-id', 'm-officers', 'm-premises'].map((materialId) => ({ materialId, provided: true }));
const formValues = (extra: Record<string, unknown>) => ({
  f_enterprise_name: '锡林郭勒草原牧业有限公司',
  f_enterprise_type: 'llc-natural',
  f_address: { regionCode: '152502', detail: '锡林浩特市额尔敦路18号' },
  f_registered_capital: 50000000,
  f_legal_rep: '巴图',
  f_legal_rep_id: '11010519491231002X',
  f_mobile: '13904791234',
  f_business_scope: '牛羊肉加工、销售',
  f_delivery_method: 'window',
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe.each(testDatabaseKinds())('reports over a form’s own table on %s', (kind) => {
  let app: TestApp;
  let superLeague: TestClient;
  let superBanner: TestClient;
  let leagueCase: string;
  let bannerCase: string;
  const formId = 'form-report-probe';

  beforeAll(async () => {
    app = await createTestApp({ kind, metadataDir });
    app.setNow(new Date('2026-06-01T02:00:00Z'));
    // A copy of the registration form with hostile labels and extra region/date/number fields, bound to a copy of the item.
    const form = (await readDocument(app.db, 'form', 'form-enterprise-registration'))!.body as { sections: Array<{ fields: Array<Record<string, unknown>> }> };
    const sections = structuredClone(form.sections);
    const fields = sections[0]!.fields;
    const relabel = (id: string, label: string) => Object.assign(fields.find((field) => field.id === id) ?? sections.flatMap((section) => section.fields).find((field) => field.id === id)!, { label });
    relabel('f_enterprise_type', hostile.type);
    relabel('f_registered_capital', hostile.capital);
    fields.push(
      { id: 'f_region', type: 'region', label: hostile.region, required: false, span: 12, settings: { rootCode: '152500', maxLevel: 'township' } },
      { id: 'f_founded', type: 'date', label: hostile.date, required: false, span: 12, settings: {} },
      { id: 'f_staff', type: 'number', label: hostile.staff, required: false, span: 12, settings: {} },
    );
    const item = (await readDocument(app.db, 'item', 'item-enterprise-registration'))!.body;
    await app.db.transaction(async (tx) => {
      await writeDocument(tx, { kind: 'form', id: formId, body: { ...form, id: formId, name: '报表探针表单', sections }, references: [], actor: 'test' });
      await writeDocument(tx, { kind: 'item', id: 'item-report-probe', body: { ...item, id: 'item-report-probe', name: '报表探针事项', formId }, references: [], actor: 'test' });
    });
    const window = await app.signIn('lg.window');
    const accept = (extra: Record<string, unknown>) => window.api.desk.accept({ itemId: 'item-report-probe', applicant: enterpriseApplicant, formValues: formValues(extra), materials: allMaterials, decision: 'accept' });
    leagueCase = (await accept({ f_region: '152501', f_founded: '2026-05-12', f_staff: 10 })).caseId;
    bannerCase = (await accept({ f_region: '152502', f_founded: '2026-04-03', f_staff: 4, f_registered_capital: 1000000 })).caseId;
    // The second case stands for one of the 锡林浩特市 centre (the data scope follows the case's region).
    await app.db.update(cases).set({ regionCode: '152502' }).where(eq(cases.id, bannerCase));
    [superLeague, superBanner] = await Promise.all([app.signIn('lg.super'), app.signIn('xl.super')]);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const definition = (extra: Record<string, unknown>) => ({ source: 'form' as const, formId, rows: [], series: [], measures: [{ measure: 'count' as const }], chart: 'bar' as const, filters: [], period: {}, ...extra });

  it('the designer is offered the published form with its fields as dimensions and measures by type', async () => {
    const sources = await superLeague.api.reports.formSources();
    const probe = sources.find((entry) => entry.formId === formId)!;
    expect(probe.name).toBe('报表探针表单');
    expect(probe.dimensions).toEqual(
      expect.arrayContaining([
        { axis: 'field:f_enterprise_type', label: hostile.type, type: 'select' },
        { axis: 'field:f_region', label: hostile.region, type: 'region' },
        { axis: 'field:f_founded', label: hostile.date, type: 'date' },
      ]),
    );
    expect(probe.dimensions.some((entry) => entry.axis === 'field:f_legal_rep')).toBe(false);
    // The shipped report over the registration form answers empty (with the form's labels) until a case fills its table.
    const shipped = await superLeague.api.reports.run({ target: { reportId: 'report-enterprise-types' } });
    expect([shipped.dimensions.map((entry) => entry.label), shipped.measures.map((entry) => entry.label), shipped.rows]).toEqual([['企业类型'], ['申请件数', '注册资本合计（元）'], []]);
    expect(probe.measures).toEqual([
      { fieldId: 'f_registered_capital', label: hostile.capital, type: 'money' },
      { fieldId: 'f_staff', label: hostile.staff, type: 'number' },
    ]);
  });

  it('one aggregate over the form table, labelled from the dictionary; hostile labels stay text', async () => {
    const result = await superLeague.api.reports.run({
      target: {
        definition: definition({ rows: ['field:f_enterprise_type'], measures: [{ measure: 'count' }, { measure: 'sum', fieldId: 'f_registered_capital' }, { measure: 'avg', fieldId: 'f_staff' }] }),
      },
    });
    expect(result.dimensions).toEqual([{ key: 'field:f_enterprise_type', label: hostile.type }]);
    expect(result.measures.map((measure) => measure.label)).toEqual(['数量', `${hostile.capital}（合计，元）`, `${hostile.staff}（平均）`]);
    const row = result.rows.find((entry) => entry.keys[0] === 'llc-natural')!;
    expect(row.labels[0]).toBe('有限责任公司（自然人投资或控股）');
    expect(row.values).toEqual([2, 510000, 7]);
    const byMonth = await superLeague.api.reports.run({ target: { definition: definition({ rows: ['field:f_founded'] }) } });
    expect(byMonth.rows.map((entry) => [entry.keys[0], entry.values[0]])).toEqual([
      ['2026-04', 1],
      ['2026-05', 1],
    ]);
    const byRegionField = await superLeague.api.reports.run({ target: { definition: definition({ rows: ['field:f_region'] }) } });
    expect(byRegionField.rows.map((entry) => entry.labels[0])).toEqual(['二连浩特市', '锡林浩特市']);
    // The tables are all still there.
    const [{ n }] = (await app.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.itemId, 'item-report-probe'))) as Array<{ n: number }>;
    expect(Number(n)).toBe(2);
  });

  it('data scope: the banner supervisor sees only the banner’s records; drill-through to the cases behind a number', async () => {
    const target = { definition: definition({ rows: ['region'], measures: [{ measure: 'count' }, { measure: 'sum', fieldId: 'f_registered_capital' }] }) };
    const league = await superLeague.api.reports.run({ target });
    expect(league.rows.reduce((sum, row) => sum + (row.values[0] ?? 0), 0)).toBe(2);
    const banner = await superBanner.api.reports.run({ target });
    expect(banner.rows.map((row) => [row.keys[0], row.values])).toEqual([['152502', [1, 10000]]]);
    const behindLeague = await superLeague.api.reports.cases({ target, drill: { picks: { 'field:f_enterprise_type': 'llc-natural' } } });
    expect(behindLeague.rows.map((row) => row.id).sort()).toEqual([leagueCase, bannerCase].sort());
    const behindBanner = await superBanner.api.reports.cases({ target, drill: { picks: { 'field:f_enterprise_type': 'llc-natural' } } });
    expect(behindBanner.rows.map((row) => row.id)).toEqual([bannerCase]);
    expect(behindBanner.total).toBe(1);
    expect(await refusal(superBanner.api.reports.run({ target, drill: { regionParent: '152500' } }))).toEqual({ code: 'FORBIDDEN', message: '区划152500不在您的数据范围内' });
  });

  it('only declared fields reach SQL: other fields, other sources and malformed ids are refused in Chinese', async () => {
    expect(await refusal(superLeague.api.reports.run({ target: { definition: definition({ rows: ['field:f_legal_rep'] }) } }))).toEqual({
      code: 'BAD_REQUEST',
      message: '表单“报表探针表单”没有可作维度的字段“f_legal_rep”（仅单选、行政区划、日期、开关字段可作维度）',
    });
    expect(await refusal(superLeague.api.reports.run({ target: { definition: definition({ measures: [{ measure: 'sum', fieldId: 'f_legal_rep' }] }) } }))).toEqual({
      code: 'BAD_REQUEST',
      message: '表单“报表探针表单”没有可计算合计的数值或金额字段“f_legal_rep”',
    });
    expect(await refusal(superLeague.api.reports.run({ target: { definition: definition({ measures: [{ measure: 'avg' }] }) } }))).toEqual({ code: 'BAD_REQUEST', message: '表单数据的“平均”须指定一个数值或金额字段' });
    expect(await refusal(superLeague.api.reports.run({ target: { definition: { ...definition({}), formId: undefined } } }))).toEqual({ code: 'BAD_REQUEST', message: '表单数据报表须选择一个已发布的表单' });
    expect(await refusal(superLeague.api.reports.run({ target: { definition: definition({ source: 'cases', rows: ['field:f_region'] }) } }))).toEqual({ code: 'BAD_REQUEST', message: '只有表单数据报表可以按表单字段分组（field:f_region）' });
    expect((await refusal(superLeague.api.reports.run({ target: { definition: definition({ rows: ['field:f_region"; drop table cases; --'] }) } }))).code).toBe('BAD_REQUEST');
    expect((await refusal(superLeague.api.reports.cases({ target: { definition: definition({}) }, drill: { picks: { 'field:x) or 1=1': 'a' } } }))).code).toBe('BAD_REQUEST');
  });
});
