import { TRPCError } from '@trpc/server';
import { and, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@xlgl/db';
import { localDateOf } from '@xlgl/engine';
import { isFieldAxis, reportDimensions, reportMeasures, reportSources, type ReportAxis, type ReportDimension, type ReportDocument } from '@xlgl/schema';
import { inScope, regionPrefix, type SupervisionScope } from '../supervision/scope.js';
import { itemsSourceCondition, reportSourceDefinitions, type SourceDefinition } from './sources.js';
import { rollupSourceFor } from '../rollups/report-source.js';
import { fieldMeasureSql } from './form-source.js';

/** The part of a report definition the compiler reads. */
export type ReportDefinition = Pick<ReportDocument, 'source' | 'rows' | 'series' | 'measures' | 'filters' | 'period'> & { formId?: string };

/** Where the viewer stands while drilling: the region whose children the region dimension lists, plus values picked so far. */
export type DrillContext = {
  /** Region dimension lists the children of this region (default: the viewer's own region). */
  regionParent?: string;
  /** Extra equality filters from clicked cells (dimension → value). */
  picks?: Partial<Record<ReportAxis, string>>;
};

export type CompiledReport = {
  dimensions: ReportAxis[];
  measures: ReportDefinition['measures'];
  regionParent: string;
  /** Column keys: `d0…` for dimensions, `m0…` for measures. */
  where: SQL | undefined;
  groups: SQL[];
  select: Record<string, SQL>;
  source: SourceDefinition;
};

/** The region key one level below `parent` (the parent itself stands for its own 本级 cases). */
export function regionLevelKey(region: SQL, parent: string): SQL {
  if (parent.length === 6 && parent.endsWith('00')) return sql`left(${region}, 6)`;
  const next = parent.length === 6 ? 9 : 12;
  return sql`case when length(${region}) <= ${parent.length} then ${region} else left(${region}, ${next}) end`;
}

function timeKey(dimension: 'month' | 'quarter' | 'year', time: SQL): SQL {
  const localTime = sql`(${time} at time zone 'Asia/Shanghai')`;
  if (dimension === 'month') return sql`to_char(${localTime}, 'YYYY-MM')`;
  if (dimension === 'quarter') return sql`to_char(${localTime}, 'YYYY"Q"Q')`;
  return sql`to_char(${localTime}, 'YYYY')`;
}

function dimensionExpression(source: SourceDefinition, dimension: ReportAxis, regionParent: string): SQL {
  if (isFieldAxis(dimension)) {
    const field = source.fields?.dimensions.get(dimension);
    if (!source.fields) throw new TRPCError({ code: 'BAD_REQUEST', message: `只有表单数据报表可以按表单字段分组（${dimension}）` });
    if (!field) throw new TRPCError({ code: 'BAD_REQUEST', message: `表单“${source.fields.formName}”没有可作维度的字段“${dimension.slice('field:'.length)}”（仅单选、行政区划、日期、开关字段可作维度）` });
    return field.key;
  }
  if (dimension === 'region') return regionLevelKey(source.region, regionParent);
  if (dimension === 'month' || dimension === 'quarter' || dimension === 'year') return timeKey(dimension, source.time);
  const expression = source.dimensions[dimension];
  if (!expression) throw new TRPCError({ code: 'BAD_REQUEST', message: `数据源“${reportSources[sourceKeyOf(source)]}”不支持维度“${reportDimensions[dimension]}”` });
  return expression;
}

function sourceKeyOf(source: SourceDefinition): keyof typeof reportSources {
  if (source.fields) return 'form';
  return (Object.entries(reportSourceDefinitions).find(([, value]) => value === source)?.[0] ?? 'cases') as keyof typeof reportSources;
}

/** First instant of the month `months - 1` months before `now`'s month (China time). */
function periodStart(now: Date, months: number): Date {
  const today = localDateOf(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - (months - 1);
  const date = new Date(Date.UTC(year, month - 1, 1) - 8 * 3_600_000);
  return date;
}

/**
 * The conditions every query of a report shares: data scope (the viewer's region and below, P3),
 * period, declared filters, and the drill picks.
 */
export function reportConditions(
  definition: ReportDefinition,
  options: { scope: SupervisionScope; now: Date; drill?: DrillContext },
  /** Another table answering the same keys (the maintained roll-up, see services/rollups). */
  sourceOverride?: SourceDefinition,
): { where: SQL | undefined; regionParent: string; source: SourceDefinition } {
  if (definition.source === 'form' && !sourceOverride?.fields) throw new TRPCError({ code: 'BAD_REQUEST', message: '表单数据报表须选择一个已发布的表单' });
  const source = sourceOverride ?? reportSourceDefinitions[definition.source as Exclude<typeof definition.source, 'form'>];
  if (!source) throw new TRPCError({ code: 'BAD_REQUEST', message: `未知的数据源“${definition.source}”` });
  const regionParent = options.drill?.regionParent ?? options.scope.regionCode;
  if (!inScope(options.scope, regionParent)) throw new TRPCError({ code: 'FORBIDDEN', message: `区划${regionParent}不在您的数据范围内` });
  const conditions: SQL[] = [like(source.region as never, `${regionPrefix(regionParent)}%`) as SQL];
  if (definition.source === 'items') conditions.push(itemsSourceCondition);
  const period = definition.period ?? {};
  if (period.lastMonths) conditions.push(sql`${source.time} >= ${periodStart(options.now, period.lastMonths).toISOString()}`);
  if (period.from) conditions.push(sql`${source.time} >= ${new Date(`${period.from}T00:00:00+08:00`).toISOString()}`);
  if (period.to) conditions.push(sql`${source.time} < ${new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString()}`);
  const filters = [...(definition.filters ?? [])];
  for (const [dimension, value] of Object.entries(options.drill?.picks ?? {})) if (value !== undefined) filters.push({ dimension: dimension as ReportAxis, values: [value] });
  for (const filter of filters) {
    if (filter.dimension === 'region') {
      const any = filter.values.map((code) => like(source.region as never, `${regionPrefix(code)}%`) as SQL);
      // A picked region that is the parent itself means its own (本级) rows only.
      const exact = filter.values.filter((code) => code === regionParent).map((code) => sql`${source.region} = ${code}`);
      conditions.push(exact.length ? or(...exact)! : or(...any)!);
      continue;
    }
    conditions.push(inArray(dimensionExpression(source, filter.dimension, regionParent) as never, filter.values) as SQL);
  }
  return { where: and(...conditions), regionParent, source };
}

/** Compiles a definition into one grouped projection over its source. */
export function compileReport(definition: ReportDefinition, options: { scope: SupervisionScope; now: Date; drill?: DrillContext; formSource?: SourceDefinition }): CompiledReport {
  // Aggregates over whole months of cases read the maintained roll-up (issue 9); drill-through reads cases.
  // A form report reads the form's own table (opened by the caller: `openFormSource`).
  const { where, regionParent, source } = reportConditions(definition, options, definition.source === 'form' ? options.formSource : rollupSourceFor(definition));
  const dimensions = [...new Set([...definition.rows, ...definition.series])];
  if (dimensions.length > 3) throw new TRPCError({ code: 'BAD_REQUEST', message: '报表最多使用3个维度' });
  if (definition.measures.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: '报表至少要有一个度量' });
  const today = localDateOf(options.now);
  const select: Record<string, SQL> = {};
  const groups: SQL[] = [];
  dimensions.forEach((dimension, index) => {
    const expression = dimensionExpression(source, dimension, regionParent);
    select[`d${index}`] = sql`${expression}`;
    // Grouped by position: the same expression with bound parameters would not match the select list.
    // A month of a roll-up is its month-start column, one to one: grouping by the column formats each
    // month once instead of once per roll-up row (the dashboard's month tiles, issue 9).
    groups.push(dimension === 'month' && source.timeIsMonthStart ? sql`${source.time}` : sql.raw(String(index + 1)));
  });
  definition.measures.forEach((entry, index) => {
    if (source.fields && (entry.measure === 'sum' || entry.measure === 'avg')) {
      if (!entry.fieldId) throw new TRPCError({ code: 'BAD_REQUEST', message: `表单数据的“${reportMeasures[entry.measure]}”须指定一个数值或金额字段` });
      const field = source.fields.measures.get(entry.fieldId);
      if (!field) throw new TRPCError({ code: 'BAD_REQUEST', message: `表单“${source.fields.formName}”没有可计算${reportMeasures[entry.measure]}的数值或金额字段“${entry.fieldId}”` });
      select[`m${index}`] = fieldMeasureSql(entry.measure, field);
      return;
    }
    const measure = source.measures[entry.measure];
    if (!measure) throw new TRPCError({ code: 'BAD_REQUEST', message: `数据源“${reportSources[definition.source]}”不支持度量“${reportMeasures[entry.measure]}”` });
    select[`m${index}`] = measure.sql(today);
  });
  return { dimensions, measures: definition.measures, regionParent, where, groups, select, source };
}

export type ReportResultRow = { keys: Array<string | null>; values: Array<number | null> };

/** Runs a compiled report: ONE aggregate query. */
export async function runCompiledReport(db: Db, compiled: CompiledReport, options: { limit?: number } = {}): Promise<ReportResultRow[]> {
  const query = compiled.source.from(db, compiled.select).where(compiled.where);
  const rows = compiled.groups.length > 0 ? await query.groupBy(...compiled.groups).orderBy(...compiled.groups).limit(options.limit ?? 5000) : await (query as unknown as Promise<Record<string, unknown>[]>);
  return rows.map((row) => ({
    keys: compiled.dimensions.map((_, index) => (row[`d${index}`] === null || row[`d${index}`] === undefined ? null : String(row[`d${index}`]))),
    values: compiled.measures.map((_, index) => (row[`m${index}`] === null || row[`m${index}`] === undefined ? null : Number(row[`m${index}`]))),
  }));
}

/** Which measures and dimensions each source supports (for the designer's palette). */
export function reportCatalogue() {
  return Object.fromEntries(
    Object.entries(reportSourceDefinitions).map(([key, source]) => [
      key,
      {
        label: source.label,
        dimensions: (Object.keys(reportDimensions) as ReportDimension[]).filter((dimension) => ['region', 'month', 'quarter', 'year'].includes(dimension) || dimension in source.dimensions),
        measures: Object.keys(source.measures),
        drillToCases: source.caseId !== null,
      },
    ]),
  );
}
