import { TRPCError } from '@trpc/server';
import { count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { cases, findFormTableVersion, readDocument, supervisionCaseFacts, type Db } from '@xlgl/db';
import { isFieldAxis, itemCategories, reportCardLabels, reportDimensions, reportMeasures, reportStatusLabels, type FormDocument, type ReportAxis, type ReportDocument } from '@xlgl/schema';
import { nameMaps } from '../supervision/board.js';
import { regionPrefix, type SupervisionScope } from '../supervision/scope.js';
import { compileReport, reportConditions, runCompiledReport, type DrillContext, type ReportDefinition } from './compiler.js';
import type { SourceDefinition } from './sources.js';
import { caseRollupSource, refreshCaseRollups } from '../rollups/index.js';
import { openFormSource } from './form-source.js';

/** A report's answer: labelled columns and rows, and where each region key may drill to. */
export type ReportResult = {
  dimensions: Array<{ key: ReportAxis; label: string }>;
  measures: Array<{ key: string; label: string }>;
  rows: Array<{ keys: Array<string | null>; labels: string[]; values: Array<number | null> }>;
  regionParent: string;
  regionParentName: string;
  /** Region keys that have a level below (drilling goes down; others go to the case list). */
  drillableRegions: string[];
};

type Names = Awaited<ReturnType<typeof nameMaps>>;

/** Display text of a dimension value (region, department and item names; category, status and card labels). */
export function labelOf(dimension: ReportAxis, key: string | null, context: { names: Names; regionParent: string; source?: SourceDefinition }): string {
  const { names, regionParent } = context;
  if (key === null || key === '') return '（未填）';
  if (isFieldAxis(dimension)) {
    const field = context.source?.fields?.dimensions.get(dimension);
    if (field?.type === 'region') return names.regions.get(key) ?? key;
    return field?.options?.get(key) ?? key;
  }
  switch (dimension) {
    case 'region':
      return key === regionParent && regionParent.length === 6 && !regionParent.endsWith('0000') ? `${names.regions.get(key) ?? key}本级` : (names.regions.get(key) ?? key);
    case 'department':
      return names.organizations.get(key) ?? key;
    case 'item':
      return names.items.get(key) ?? key;
    case 'category':
      return itemCategories[key as keyof typeof itemCategories] ?? key;
    case 'status':
      return reportStatusLabels[key] ?? key;
    case 'card':
      return reportCardLabels[key] ?? key;
    case 'quarter':
      return key.replace('Q', '年第') + '季度';
    case 'year':
      return `${key}年`;
    default:
      return key;
  }
}

/** Compiles and runs a definition for a viewer; labels the keys. */
/** The source a `form` report reads (its form's table), opened before compiling; other sources need nothing. */
async function formSourceOf(db: Db, definition: ReportDefinition): Promise<SourceDefinition | undefined> {
  return definition.source === 'form' ? openFormSource(db, definition.formId) : undefined;
}

function axisLabel(axis: ReportAxis, source: SourceDefinition): string {
  if (isFieldAxis(axis)) return source.fields?.dimensions.get(axis)?.label ?? axis;
  return reportDimensions[axis];
}

function measureLabel(entry: ReportDefinition['measures'][number], source: SourceDefinition): string {
  if (entry.label) return entry.label;
  const field = entry.fieldId ? source.fields?.measures.get(entry.fieldId) : undefined;
  return field ? `${field.label}（${reportMeasures[entry.measure]}${field.type === 'money' ? '，元' : ''}）` : reportMeasures[entry.measure];
}

/**
 * A form report whose form exists but has no table yet (no case has used it since it was designed):
 * an empty answer with the form's own labels, not an error — a shipped report works on day one.
 */
async function emptyFormReport(db: Db, options: { definition: ReportDefinition; scope: SupervisionScope }): Promise<ReportResult | null> {
  const { definition } = options;
  if (definition.source !== 'form' || !definition.formId || (await findFormTableVersion(db, definition.formId))) return null;
  const form = await readDocument(db, 'form', definition.formId);
  if (!form) return null;
  const fields = (form.body as unknown as FormDocument).sections.flatMap((section) => section.fields);
  const names = await nameMaps(db);
  const regionParent = options.scope.regionCode;
  return {
    dimensions: [...new Set([...definition.rows, ...definition.series])].map((key) => ({ key, label: isFieldAxis(key) ? (fields.find((field) => `field:${field.id}` === key)?.label ?? key) : reportDimensions[key] })),
    measures: definition.measures.map((entry, index) => {
      const field = entry.fieldId ? fields.find((candidate) => candidate.id === entry.fieldId) : undefined;
      return { key: `m${index}`, label: entry.label ?? (field ? `${field.label}（${reportMeasures[entry.measure]}）` : reportMeasures[entry.measure]) };
    }),
    rows: [],
    regionParent,
    regionParentName: names.regions.get(regionParent) ?? regionParent,
    drillableRegions: [],
  };
}

export async function runReport(db: Db, options: { definition: ReportDefinition; scope: SupervisionScope; now: Date; drill?: DrillContext }): Promise<ReportResult> {
  const empty = await emptyFormReport(db, options);
  if (empty) return empty;
  const compiled = compileReport(options.definition, { ...options, formSource: await formSourceOf(db, options.definition) });
  // Reading the maintained roll-up: bring it up to date first (a few small queries; issue 9).
  if (compiled.source === caseRollupSource) await refreshCaseRollups(db, { now: options.now });
  const rows = await runCompiledReport(db, compiled);
  const names = await nameMaps(db);
  const regionIndex = compiled.dimensions.indexOf('region');
  const codes = [...names.regions.keys()];
  const hasChildren = (code: string) => codes.some((other) => other !== code && other.length >= code.length && other.startsWith(regionPrefix(code)));
  const drillable =
    regionIndex < 0 ? [] : [...new Set(rows.map((row) => row.keys[regionIndex]).filter((key): key is string => !!key && key !== compiled.regionParent && hasChildren(key)))];
  return {
    dimensions: compiled.dimensions.map((key) => ({ key, label: axisLabel(key, compiled.source) })),
    measures: compiled.measures.map((entry, index) => ({ key: `m${index}`, label: measureLabel(entry, compiled.source) })),
    rows: rows.map((row) => ({ ...row, labels: row.keys.map((key, index) => labelOf(compiled.dimensions[index]!, key, { names, regionParent: compiled.regionParent, source: compiled.source })) })),
    regionParent: compiled.regionParent,
    regionParentName: names.regions.get(compiled.regionParent) ?? compiled.regionParent,
    drillableRegions: drillable,
  };
}

/** A saved report by id (the version in force). */
export async function loadReport(db: Db, reportId: string): Promise<ReportDocument> {
  const row = await readDocument(db, 'report', reportId);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `报表“${reportId}”不存在` });
  return row.body as unknown as ReportDocument;
}

/**
 * Drill-through to the cases behind a number: the report's conditions plus the clicked cell's
 * picks, as a page of cases (the same data scope applies).
 */
export async function drillCases(db: Db, options: { definition: ReportDefinition; scope: SupervisionScope; now: Date; drill: DrillContext; page: number; pageSize: number }) {
  if (await emptyFormReport(db, options)) return { total: 0, rows: [] };
  const { where, source } = reportConditions(options.definition, options, await formSourceOf(db, options.definition));
  if (!source.caseId) throw new TRPCError({ code: 'BAD_REQUEST', message: '该数据源不对应办件，无法穿透到办件列表' });
  if (options.definition.source === 'cases') return drillCaseRows(db, { ...options, where, source });
  const behind = source.from(db, { id: sql`${source.caseId}` }).where(where) as unknown as never;
  const condition = inArray(cases.id, behind);
  const rows = await db
    .select({ id: cases.id, number: cases.number, itemName: cases.itemName, applicantName: cases.applicantName, regionCode: cases.regionCode, departmentId: cases.departmentId, status: cases.status, outcome: cases.outcome, acceptedAt: cases.acceptedAt, dueDate: cases.dueDate, completedAt: cases.completedAt, card: sql<string>`coalesce(${supervisionCaseFacts.card}, 'none')` })
    .from(cases)
    .leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id))
    .where(condition)
    .orderBy(desc(cases.acceptedAt))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [total] = await db.select({ n: count() }).from(cases).where(condition);
  const names = await nameMaps(db);
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((row) => ({ ...row, regionName: names.regions.get(row.regionCode) ?? row.regionCode, departmentName: names.organizations.get(row.departmentId) ?? row.departmentId, acceptedAt: row.acceptedAt.toISOString(), completedAt: row.completedAt?.toISOString() ?? null })),
  };
}

/**
 * Drill-through on the cases source (one row per case, issue 9): the page straight from the source
 * in acceptance order (an index walk that stops after one page, no `id in (…)` over every match),
 * and the total as the report's own count (the roll-up when the period is whole months).
 */
async function drillCaseRows(
  db: Db,
  options: { definition: ReportDefinition; scope: SupervisionScope; now: Date; drill: DrillContext; page: number; pageSize: number; where: SQL | undefined; source: SourceDefinition },
) {
  const columns = { id: cases.id, number: cases.number, itemName: cases.itemName, applicantName: cases.applicantName, regionCode: cases.regionCode, departmentId: cases.departmentId, status: cases.status, outcome: cases.outcome, acceptedAt: cases.acceptedAt, dueDate: cases.dueDate, completedAt: cases.completedAt, card: sql<string>`coalesce(${supervisionCaseFacts.card}, 'none')` };
  const rows = (await options.source
    .from(db, columns as unknown as Record<string, SQL>)
    .where(options.where)
    .orderBy(desc(cases.acceptedAt) as unknown as SQL)
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)) as unknown as Array<{ [K in keyof typeof columns]: K extends 'acceptedAt' ? Date : K extends 'completedAt' ? Date | null : K extends 'dueDate' | 'outcome' ? string | null : string }>;
  const compiled = compileReport({ ...options.definition, rows: [], series: [], measures: [{ measure: 'count' }] }, options);
  if (compiled.source === caseRollupSource) await refreshCaseRollups(db, { now: options.now });
  const [total] = await runCompiledReport(db, compiled);
  const names = await nameMaps(db);
  return {
    total: Number(total?.values[0] ?? 0),
    rows: rows.map((row) => ({ ...row, regionName: names.regions.get(row.regionCode) ?? row.regionCode, departmentName: names.organizations.get(row.departmentId) ?? row.departmentId, acceptedAt: row.acceptedAt.toISOString(), completedAt: row.completedAt?.toISOString() ?? null })),
  };
}
