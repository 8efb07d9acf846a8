import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId, fieldIdPattern } from '../ids.js';
import { label, optionalText } from '../common.js';

/** Data sources a report reads (each maps to whitelisted SQL in the API's report compiler). */
export const reportSources = { cases: '办件', steps: '办理环节', fees: '收费', items: '事项', certificates: '证照', cards: '红黄牌', form: '表单数据' } as const;
export type ReportSource = keyof typeof reportSources;
export const reportDimensions = {
  region: '区划',
  department: '部门',
  item: '事项',
  category: '事项类型',
  month: '月份',
  quarter: '季度',
  year: '年度',
  status: '状态',
  card: '红黄牌',
} as const;
export type ReportDimension = keyof typeof reportDimensions;
export const reportMeasures = {
  count: '数量',
  sum: '合计',
  avg: '平均',
  overdueCount: '超期数',
  workingDaysUsed: '用时（工作日）',
  onTimeRate: '按时办结率',
} as const;
export type ReportMeasure = keyof typeof reportMeasures;

/** Display values of the status and card dimensions. */
export const reportStatusLabels: Record<string, string> = {
  running: '在办',
  completed: '已办结',
  refused: '不予受理',
  open: '待办',
  cancelled: '已取消',
  returned: '已退回',
  withdrawn: '已撤回',
  escalated: '已上报',
  unpaid: '未缴费',
  paid: '已缴费',
  waived: '已减免',
  valid: '有效',
  revoked: '已注销',
  expired: '已过期',
  published: '已发布',
};
export const reportCardLabels: Record<string, string> = { none: '无', yellow: '黄牌', red: '红牌' };

const keys = <T extends Record<string, string>>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

/**
 * A dimension of a `form` report taken from the form's own table: `field:<fieldId>` (select, region
 * or date fields). The id is checked against the published form by the compiler; labels never reach SQL.
 */
export type ReportFieldAxis = `field:${string}`;
export const reportFieldAxisPattern = new RegExp(`^field:${fieldIdPattern.source.slice(1, -1)}$`);
export const reportFieldAxis = z.string().regex(reportFieldAxisPattern, { message: '表单字段维度应写作“field:字段标识”' }) as unknown as z.ZodType<ReportFieldAxis>;
/** What can go on rows, series and filters: a built-in dimension or a form field. */
export type ReportAxis = ReportDimension | ReportFieldAxis;
export const reportAxis = z.union([z.enum(keys(reportDimensions)), reportFieldAxis]);
export const isFieldAxis = (axis: string): axis is ReportFieldAxis => axis.startsWith('field:');
export const fieldIdOfAxis = (axis: ReportFieldAxis): string => axis.slice('field:'.length);

export const reportFilter = z.object({
  dimension: reportAxis,
  values: z.array(z.string().max(100)).min(1),
});

export const reportDocument = documentBase('report').extend({
  schemaVersion: z.literal(1),
  name: label('报表名称', 100),
  description: optionalText(500),
  source: z.enum(keys(reportSources)),
  /** The published form whose table a `form` report reads. */
  formId: documentId.optional(),
  rows: z.array(reportAxis).max(3).default([]),
  series: z.array(reportAxis).max(1).default([]),
  measures: z
    .array(z.object({ measure: z.enum(keys(reportMeasures)), label: z.string().max(50).optional(), /** Number field of the form (form source: sum/avg). */ fieldId: z.string().max(48).optional() }))
    .min(1, { message: '报表至少要有一个度量' }),
  chart: z.enum(['bar', 'line', 'pie', 'table', 'kpi']).default('bar'),
  filters: z.array(reportFilter).default([]),
  period: z.object({ from: z.string().optional(), to: z.string().optional(), lastMonths: z.number().int().min(1).max(120).optional() }).default({}),
  /** Dashboards place other reports on a grid. */
  dashboard: z
    .array(z.object({ reportId: documentId, x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1).max(24), h: z.number().int().min(1).max(24) }))
    .optional(),
});
export type ReportDocument = z.infer<typeof reportDocument>;

export function reportReferences(doc: ReportDocument): DocumentReference[] {
  const refs: DocumentReference[] = [];
  if (doc.formId) refs.push({ path: ['formId'], kind: 'form', id: doc.formId });
  doc.dashboard?.forEach((tile, index) => refs.push({ path: ['dashboard', index, 'reportId'], kind: 'report', id: tile.reportId }));
  return refs;
}
