import { sql } from 'drizzle-orm';
import { caseRollupsMonthly } from '@xlgl/db';
import type { ReportDefinition } from '../reports/compiler.js';
import type { SourceDefinition, SourceQuery } from '../reports/sources.js';

const r = caseRollupsMonthly;
const sum = (column: unknown) => sql`coalesce(sum(${column}), 0)`;

/**
 * The cases source answered from `case_rollups_monthly`: the same dimension keys and, for every
 * measure it lists, the same numbers as the cases source over whole months (see sources.ts).
 * `time` is the month's start instant, so period conditions and month/quarter/year keys compile unchanged.
 */
export const caseRollupSource: SourceDefinition = {
  label: '办件（月汇总）',
  from: (db, select) => db.select(select).from(r) as unknown as SourceQuery,
  region: sql`${r.regionCode}`,
  time: sql`${r.monthStart}`,
  timeIsMonthStart: true,
  caseId: null,
  dimensions: {
    department: sql`${r.departmentId}`,
    item: sql`${r.itemId}`,
    category: sql`nullif(${r.category}, '')`,
    status: sql`${r.status}`,
    card: sql`${r.card}`,
  },
  measures: {
    count: { sql: () => sql`${sum(r.cases)}::int`, additive: true },
    sum: { sql: () => sql`${sum(r.workingDaysSum)}::float8`, additive: true, unit: '工作日' },
    avg: {
      sql: () => sql`round((sum(${r.workingDaysSum}) / nullif(sum(${r.workingDaysCount}), 0))::numeric, 1)::float8`,
      additive: true,
      unit: '工作日',
    },
    workingDaysUsed: {
      sql: () => sql`round((sum(${r.workingDaysSum}) / nullif(sum(${r.workingDaysCount}), 0))::numeric, 1)::float8`,
      additive: true,
      unit: '工作日',
    },
    overdueCount: {
      sql: (today) => sql`(${sum(r.lateConcluded)} + coalesce(sum(${r.cases}) filter (where ${r.dueDate} < ${today}), 0))::int`,
      additive: true,
    },
    onTimeRate: { sql: () => sql`round(100.0 * sum(${r.onTime}) / nullif(sum(${r.completed}), 0), 1)::float8`, additive: true, unit: '%' },
  },
};

const rollupDimensions = new Set<string>([
  'region',
  'month',
  'quarter',
  'year',
  'department',
  'item',
  'category',
  'status',
  'card',
]);

/** A `YYYY-MM-DD` that is the first day of its month. */
const monthFirst = (date: string) => date.endsWith('-01');
/** A `YYYY-MM-DD` that is the last day of its month. */
const monthLast = (date: string) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
};

/**
 * Whether an aggregate of a definition can be read from the roll-up: the cases source, measures and
 * dimensions it keeps, and a period of whole months (`lastMonths`, or from the first / to the last
 * day of a month). Anything else reads `cases` directly.
 */
export function rollupSourceFor(definition: ReportDefinition): SourceDefinition | undefined {
  if (definition.source !== 'cases') return undefined;
  if (!definition.measures.every((entry) => entry.measure in caseRollupSource.measures)) return undefined;
  const dimensions = [...definition.rows, ...definition.series, ...(definition.filters ?? []).map((filter) => filter.dimension)];
  if (!dimensions.every((dimension) => rollupDimensions.has(dimension))) return undefined;
  const period = definition.period ?? {};
  if (period.from && !monthFirst(period.from)) return undefined;
  if (period.to && !monthLast(period.to)) return undefined;
  return caseRollupSource;
}
