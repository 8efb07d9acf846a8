import { TRPCError } from '@trpc/server';
import { eq, sql, type SQL } from 'drizzle-orm';
import { cases, findFormTableVersion, openFormTable, readAllDocuments, supervisionCaseFacts, type Db } from '@xlgl/db';
import { choiceOptions, type FormDocument, type FormField, type ReportFieldAxis } from '@xlgl/schema';
import { dictionaries } from '../cases/runtime.js';
import { caseOverdue, caseStatus, category, itemDoc, itemJoin, type FormFieldDimension, type FormFieldMeasure, type SourceDefinition, type SourceQuery } from './sources.js';

/** Field types that make a dimension of a form report, and how their values are grouped. */
const dimensionTypes = new Set(['select', 'region', 'date', 'datetime', 'switch']);
/** Field types that can be summed and averaged. */
const measureTypes = new Set(['number', 'money']);

const topLevelFields = (form: FormDocument): FormField[] => form.sections.flatMap((section) => section.fields as FormField[]).filter((field) => !field.removed);

function groupingKey(type: string, column: SQL): SQL {
  if (type === 'date') return sql`to_char(${column}, 'YYYY-MM')`;
  if (type === 'datetime') return sql`to_char((${column} at time zone 'Asia/Shanghai'), 'YYYY-MM')`;
  if (type === 'switch') return sql`(${column})::text`;
  return sql`${column}`;
}

function optionLabels(field: FormField, dictionaryEntries: Awaited<ReturnType<typeof dictionaries>>): Map<string, string> | undefined {
  if (field.type === 'switch') return new Map([['true', '是'], ['false', '否']]);
  if (field.type !== 'select') return undefined;
  const options = choiceOptions(field as never, { dictionaries: dictionaryEntries }) ?? [];
  return new Map(options.map((option) => [option.value, option.label]));
}

/**
 * The table of a published form as a report source (R2.7): rows are the form's records that belong
 * to a case, joined to `cases` so the viewer's data scope and the case dimensions apply. Field
 * dimensions and measures refer to columns of the stored table layout (drizzle columns built from
 * it); a field's label is display text only and never reaches SQL.
 */
export async function openFormSource(db: Db, formId: string | undefined): Promise<SourceDefinition> {
  if (!formId) throw new TRPCError({ code: 'BAD_REQUEST', message: '表单数据报表须选择一个已发布的表单' });
  if (!(await findFormTableVersion(db, formId))) throw new TRPCError({ code: 'BAD_REQUEST', message: `表单“${formId}”尚未发布，没有数据表可供统计` });
  const handle = await openFormTable(db, formId);
  const table = handle.table as unknown as Record<string, SQL> & typeof handle.table;
  const entries = await dictionaries(db);
  const dimensions = new Map<string, FormFieldDimension>();
  const measures = new Map<string, FormFieldMeasure>();
  for (const field of topLevelFields(handle.form)) {
    const layout = handle.layout.fields.find((entry) => entry.fieldId === field.id && !entry.removed);
    if (!layout || layout.child || layout.columns.length !== 1 || layout.type !== field.type) continue;
    const column = table[layout.columns[0]!.name];
    if (!column) continue;
    if (dimensionTypes.has(field.type)) {
      const axis: ReportFieldAxis = `field:${field.id}`;
      dimensions.set(axis, { axis, fieldId: field.id, label: field.label, type: field.type, key: groupingKey(field.type, sql`${column}`), options: optionLabels(field, entries) });
    }
    if (measureTypes.has(field.type)) measures.set(field.id, { fieldId: field.id, label: field.label, type: field.type as 'number' | 'money', column: sql`${column}` });
  }
  return {
    label: `表单数据（${handle.form.name}）`,
    from: (database, select) =>
      database
        .select(select)
        .from(handle.table)
        .innerJoin(cases, eq(cases.id, handle.table.case_id))
        .leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id))
        .leftJoin(itemDoc, itemJoin) as unknown as SourceQuery,
    region: sql`${cases.regionCode}`,
    time: sql`${cases.acceptedAt}`,
    caseId: sql`${handle.table.case_id}`,
    dimensions: { department: sql`${cases.departmentId}`, item: sql`${cases.itemId}`, category, status: caseStatus, card: sql`coalesce(${supervisionCaseFacts.card}, 'none')` },
    measures: {
      count: { sql: () => sql`count(*)::int`, additive: true },
      overdueCount: { sql: (today) => sql`(count(*) filter (where ${caseOverdue(today)}))::int`, additive: false },
    },
    fields: { formId, formName: handle.form.name, dimensions, measures },
  };
}

/** The compiled SQL of sum / avg over a form's number or money field (money in yuan). */
export function fieldMeasureSql(measure: 'sum' | 'avg', field: FormFieldMeasure): SQL {
  const scale = field.type === 'money' ? sql`100.0` : sql`1.0`;
  return measure === 'sum' ? sql`round((coalesce(sum(${field.column}), 0) / ${scale})::numeric, 2)::float8` : sql`round((avg(${field.column}) / ${scale})::numeric, 2)::float8`;
}

/** Published forms with their report dimensions and measures (the designer's palette for `form`). */
export async function formSourceCatalogue(db: Db) {
  const forms = await readAllDocuments(db, ['form']);
  const out: Array<{ formId: string; name: string; dimensions: Array<{ axis: ReportFieldAxis; label: string; type: string }>; measures: Array<{ fieldId: string; label: string; type: string }> }> = [];
  for (const row of forms) {
    if (!(await findFormTableVersion(db, row.id))) continue;
    const source = await openFormSource(db, row.id);
    out.push({
      formId: row.id,
      name: source.fields!.formName,
      dimensions: [...source.fields!.dimensions.values()].map((entry) => ({ axis: entry.axis, label: entry.label, type: entry.type })),
      measures: [...source.fields!.measures.values()].map((entry) => ({ fieldId: entry.fieldId, label: entry.label, type: entry.type })),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
