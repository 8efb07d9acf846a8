import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { caseTasks, cases, certificates, feeBills, metadataDocuments, metadataHeads, supervisionCaseFacts, supervisionCards, type Db } from '@xlgl/db';
import type { ReportDimension, ReportFieldAxis, ReportMeasure, ReportSource } from '@xlgl/schema';

/**
 * The whitelist the report compiler works from: for each data source, the tables it reads and the
 * SQL expression of every dimension and measure it supports. Report definitions only name keys of
 * these maps; no text from a definition ever reaches SQL except as a bound parameter.
 *
 * Roll-ups (issue 9): a maintained table keyed by (region, department, item, category, day, status,
 * card) with additive counters can be declared here as one more source with the same keys; measures
 * marked `additive` are the ones such a table can serve (onTimeRate = onTime / completed, avg = sum / n).
 */
export type SourceDefinition = {
  label: string;
  /** FROM with its joins; `select` is the compiled projection. */
  from: (db: Db, select: Record<string, SQL>) => SourceQuery;
  /** Region code column (scope and region hierarchy). */
  region: SQL;
  /** The instant that places a row in time (period, month/quarter/year). */
  time: SQL;
  /**
   * Set when every row's `time` is the first instant of a month (China time): a month dimension then
   * groups by that column and formats only the groups (not every row).
   */
  timeIsMonthStart?: boolean;
  /** The case id behind a row, for drill-through to cases (null: no case list). */
  caseId: SQL | null;
  dimensions: Partial<Record<Exclude<ReportDimension, 'region' | 'month' | 'quarter' | 'year'>, SQL>>;
  measures: Partial<Record<ReportMeasure, { sql: (today: string) => SQL; additive: boolean; unit?: string }>>;
  /** A published form's own table (source `form`): its fields as dimensions and measures. */
  fields?: FormSourceFields;
};

/** A form field usable as a dimension (`field:<id>`): its grouping key and value labels. */
export type FormFieldDimension = { axis: ReportFieldAxis; fieldId: string; label: string; type: string; key: SQL; options?: Map<string, string> };
/** A number or money field usable with sum / avg. */
export type FormFieldMeasure = { fieldId: string; label: string; type: 'number' | 'money'; column: SQL };
export type FormSourceFields = { formId: string; formName: string; dimensions: Map<string, FormFieldDimension>; measures: Map<string, FormFieldMeasure> };

/** A drizzle select with joins, still open for where / groupBy / orderBy. */
export type SourceQuery = {
  where: (condition: SQL | undefined) => { groupBy: (...groups: SQL[]) => { orderBy: (...orders: SQL[]) => { limit: (n: number) => Promise<Record<string, unknown>[]> } } } & { orderBy: (...orders: SQL[]) => { limit: (n: number) => { offset: (n: number) => Promise<Record<string, unknown>[]> } } };
};

export const itemDoc = alias(metadataDocuments, 'report_item');
const local = (column: SQL) => sql`(${column} at time zone 'Asia/Shanghai')`;
export const localDate = (column: SQL) => sql`(${local(column)})::date`;

export const caseStatus = sql<string>`case when ${cases.outcome} = 'refused' then 'refused' when ${cases.status} = 'concluded' then 'completed' else 'running' end`;
export const caseOverdue = (today: string) =>
  sql`(${cases.dueDate} is not null and ((${cases.status} = 'concluded' and ${localDate(sql`${cases.completedAt}`)} > ${cases.dueDate}) or (${cases.status} = 'running' and ${cases.dueDate} < ${today}::date)))`;
const caseOnTime = sql`(${cases.status} = 'concluded' and ${cases.outcome} is distinct from 'refused' and (${cases.dueDate} is null or ${localDate(sql`${cases.completedAt}`)} <= ${cases.dueDate}))`;
const caseCompleted = sql`(${cases.status} = 'concluded' and ${cases.outcome} is distinct from 'refused')`;
const rate = (numerator: SQL, denominator: SQL) => sql`round(100.0 * count(*) filter (where ${numerator}) / nullif(count(*) filter (where ${denominator}), 0), 1)::float8`;

export const itemJoin = and(eq(itemDoc.kind, 'item'), eq(itemDoc.id, cases.itemId), eq(itemDoc.version, cases.itemVersion));
export const category = sql`(${itemDoc.body} ->> 'category')`;

/** Sources the compiler serves; `form` (a published form's own table) is built per form by `openFormSource`. */
export const reportSourceDefinitions: Record<Exclude<ReportSource, 'form'>, SourceDefinition> = {
  cases: {
    label: '办件',
    from: (db, select) => db.select(select).from(cases).leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id)).leftJoin(itemDoc, itemJoin) as unknown as SourceQuery,
    region: sql`${cases.regionCode}`,
    time: sql`${cases.acceptedAt}`,
    caseId: sql`${cases.id}`,
    dimensions: { department: sql`${cases.departmentId}`, item: sql`${cases.itemId}`, category, status: caseStatus, card: sql`coalesce(${supervisionCaseFacts.card}, 'none')` },
    measures: {
      count: { sql: () => sql`count(*)::int`, additive: true },
      sum: { sql: () => sql`coalesce(sum(${supervisionCaseFacts.workingDaysUsed}), 0)::float8`, additive: true, unit: '工作日' },
      avg: { sql: () => sql`round(avg(${supervisionCaseFacts.workingDaysUsed})::numeric, 1)::float8`, additive: true, unit: '工作日' },
      overdueCount: { sql: (today) => sql`(count(*) filter (where ${caseOverdue(today)}))::int`, additive: false },
      workingDaysUsed: { sql: () => sql`round(avg(${supervisionCaseFacts.workingDaysUsed})::numeric, 1)::float8`, additive: true, unit: '工作日' },
      onTimeRate: { sql: () => rate(caseOnTime, caseCompleted), additive: true, unit: '%' },
    },
  },
  steps: {
    label: '办理环节',
    from: (db, select) => db.select(select).from(caseTasks).innerJoin(cases, eq(cases.id, caseTasks.caseId)).leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id)).leftJoin(itemDoc, itemJoin) as unknown as SourceQuery,
    region: sql`${caseTasks.regionCode}`,
    time: sql`${caseTasks.openedAt}`,
    caseId: sql`${caseTasks.caseId}`,
    dimensions: { department: sql`${cases.departmentId}`, item: sql`${cases.itemId}`, category, status: sql`${caseTasks.status}`, card: sql`coalesce(${supervisionCaseFacts.card}, 'none')` },
    measures: {
      count: { sql: () => sql`count(*)::int`, additive: true },
      overdueCount: {
        sql: (today) =>
          sql`(count(*) filter (where ${caseTasks.dueDate} is not null and ((${caseTasks.closedAt} is not null and ${localDate(sql`${caseTasks.closedAt}`)} > ${caseTasks.dueDate}) or (${caseTasks.status} = 'open' and ${caseTasks.dueDate} < ${today}::date))))::int`,
        additive: false,
      },
      onTimeRate: {
        sql: () => rate(sql`${caseTasks.status} = 'completed' and (${caseTasks.dueDate} is null or ${localDate(sql`${caseTasks.closedAt}`)} <= ${caseTasks.dueDate})`, sql`${caseTasks.status} = 'completed'`),
        additive: true,
        unit: '%',
      },
    },
  },
  fees: {
    label: '收费',
    from: (db, select) => db.select(select).from(feeBills).innerJoin(cases, eq(cases.id, feeBills.caseId)).leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id)).leftJoin(itemDoc, itemJoin) as unknown as SourceQuery,
    region: sql`${cases.regionCode}`,
    time: sql`${feeBills.createdAt}`,
    caseId: sql`${feeBills.caseId}`,
    dimensions: { department: sql`${cases.departmentId}`, item: sql`${cases.itemId}`, category, status: sql`${feeBills.status}`, card: sql`coalesce(${supervisionCaseFacts.card}, 'none')` },
    measures: {
      count: { sql: () => sql`count(*)::int`, additive: true },
      sum: { sql: () => sql`round(coalesce(sum(${feeBills.totalFen}), 0) / 100.0, 2)::float8`, additive: true, unit: '元' },
      avg: { sql: () => sql`round(avg(${feeBills.totalFen}) / 100.0, 2)::float8`, additive: true, unit: '元' },
    },
  },
  items: {
    label: '事项',
    from: (db, select) =>
      db
        .select(select)
        .from(metadataHeads)
        .innerJoin(metadataDocuments, and(eq(metadataDocuments.kind, metadataHeads.kind), eq(metadataDocuments.id, metadataHeads.id), eq(metadataDocuments.version, metadataHeads.version))) as unknown as SourceQuery,
    region: sql`(${metadataDocuments.body} ->> 'regionCode')`,
    time: sql`${metadataDocuments.createdAt}`,
    caseId: null,
    dimensions: {
      department: sql`(${metadataDocuments.body} ->> 'departmentId')`,
      item: sql`${metadataHeads.id}`,
      category: sql`(${metadataDocuments.body} ->> 'category')`,
      status: sql`coalesce(${metadataDocuments.body} ->> 'status', 'published')`,
    },
    measures: {
      count: { sql: () => sql`count(*)::int`, additive: true },
      sum: { sql: () => sql`coalesce(sum(((${metadataDocuments.body} -> 'timeLimit' ->> 'promised'))::int), 0)::int`, additive: true, unit: '工作日（承诺时限）' },
      avg: { sql: () => sql`round(avg(((${metadataDocuments.body} -> 'timeLimit' ->> 'promised'))::numeric), 1)::float8`, additive: true, unit: '工作日（承诺时限）' },
    },
  },
  certificates: {
    label: '证照',
    from: (db, select) => db.select(select).from(certificates).leftJoin(cases, eq(cases.id, certificates.caseId)).leftJoin(supervisionCaseFacts, eq(supervisionCaseFacts.caseId, cases.id)).leftJoin(itemDoc, itemJoin) as unknown as SourceQuery,
    region: sql`coalesce(${cases.regionCode}, '')`,
    time: sql`${certificates.issuedAt}`,
    caseId: sql`${certificates.caseId}`,
    dimensions: { department: sql`${cases.departmentId}`, item: sql`coalesce(${certificates.itemId}, ${cases.itemId})`, category, status: sql`${certificates.status}`, card: sql`coalesce(${supervisionCaseFacts.card}, 'none')` },
    measures: { count: { sql: () => sql`count(*)::int`, additive: true } },
  },
  cards: {
    label: '红黄牌',
    from: (db, select) => db.select(select).from(supervisionCards).innerJoin(cases, eq(cases.id, supervisionCards.caseId)).leftJoin(itemDoc, itemJoin) as unknown as SourceQuery,
    region: sql`${supervisionCards.regionCode}`,
    time: sql`${supervisionCards.createdAt}`,
    caseId: sql`${supervisionCards.caseId}`,
    dimensions: { department: sql`${supervisionCards.departmentId}`, item: sql`${supervisionCards.itemId}`, category, status: caseStatus, card: sql`${supervisionCards.color}` },
    measures: { count: { sql: () => sql`count(*)::int`, additive: true } },
  },
};

/** Items source restriction: only item documents. */
export const itemsSourceCondition = sql`${metadataHeads.kind} = 'item'`;
