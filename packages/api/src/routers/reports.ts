import { z } from 'zod';
import { readAllDocuments } from '@xlgl/db';
import { reportAxis, reportDocument, type ReportDocument } from '@xlgl/schema';
import type { Context } from '../context.js';
import { requires, router } from '../trpc.js';
import { removeDocument, saveDocument } from '../services/documents.js';
import { loadActor } from '../services/cases/runtime.js';
import { scopeOf } from '../services/supervision/scope.js';
import { drillCases, formSourceCatalogue, loadReport, reportCatalogue, reportToExcel, runReport } from '../services/reports/index.js';

/** Clicked values by dimension (built-in dimensions or `field:<id>` of a form report). */
const picksInput = z
  .record(z.string().max(60), z.string().max(100))
  .refine((picks) => Object.keys(picks).every((key) => reportAxis.safeParse(key).success), { message: '穿透条件中的维度不正确' })
  .transform((picks) => picks as Partial<Record<z.infer<typeof reportAxis>, string>>);
const drillShape = z.object({ regionParent: z.string().regex(/^\d{6,12}$/).optional(), picks: picksInput.optional() });
const drillInput = drillShape.optional();
/** A report definition being designed (not yet saved): the same zod schema as the saved document. */
const definitionInput = reportDocument.pick({ source: true, formId: true, rows: true, series: true, measures: true, filters: true, period: true, chart: true });
const target = z.union([z.object({ reportId: z.string().max(100) }), z.object({ definition: definitionInput })]);

async function scopeFor(ctx: Context) {
  return scopeOf((await loadActor(ctx.db, ctx.user!.id)).regionCode);
}

async function definitionOf(ctx: Context, input: z.infer<typeof target>): Promise<Pick<ReportDocument, 'source' | 'formId' | 'rows' | 'series' | 'measures' | 'filters' | 'period'> & { name: string }> {
  if ('reportId' in input) return loadReport(ctx.db, input.reportId);
  return { ...input.definition, name: '自定义报表' };
}

/** 报表 (R2.7): catalogue, saved reports, run, drill-through, Excel export, save. */
export const reportsRouter = router({
  catalogue: requires('report.view').query(() => reportCatalogue()),

  /** Published forms whose own table a report can read: field dimensions (select/region/date/switch) and measures (number/money). */
  formSources: requires('report.view').query(({ ctx }) => formSourceCatalogue(ctx.db)),

  list: requires('report.view').query(async ({ ctx }) =>
    (await readAllDocuments(ctx.db, ['report'])).map((row) => {
      const body = row.body as unknown as ReportDocument;
      return { id: body.id, name: body.name, description: body.description ?? '', chart: body.chart, source: body.source, dashboard: Boolean(body.dashboard?.length) };
    }),
  ),

  get: requires('report.view')
    .input(z.object({ reportId: z.string().max(100) }))
    .query(async ({ ctx, input }) => loadReport(ctx.db, input.reportId)),

  run: requires('report.view')
    .input(z.object({ target, drill: drillInput }))
    .query(async ({ ctx, input }) => runReport(ctx.db, { definition: await definitionOf(ctx, input.target), scope: await scopeFor(ctx), now: ctx.now(), drill: input.drill })),

  /** The cases behind a number (drill-through). */
  cases: requires('report.view')
    .input(z.object({ target, drill: drillShape, page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .query(async ({ ctx, input }) => drillCases(ctx.db, { definition: await definitionOf(ctx, input.target), scope: await scopeFor(ctx), now: ctx.now(), drill: input.drill, page: input.page, pageSize: input.pageSize })),

  /** Excel workbook (base64) of a report as the viewer sees it. */
  exportExcel: requires('report.view')
    .input(z.object({ target, drill: drillInput }))
    .mutation(async ({ ctx, input }) => {
      const definition = await definitionOf(ctx, input.target);
      const result = await runReport(ctx.db, { definition, scope: await scopeFor(ctx), now: ctx.now(), drill: input.drill });
      const buffer = await reportToExcel(result, { title: definition.name });
      return { fileName: `${definition.name}.xlsx`, base64: buffer.toString('base64') };
    }),

  /** Saves a report definition as metadata (validated by the report kind's zod schema). */
  save: requires('studio.report.edit')
    .input(z.object({ document: z.record(z.string(), z.unknown()) }))
    .mutation(async ({ ctx, input }) => {
      const saved = await saveDocument(ctx.db, { ...input.document, kind: 'report' }, { actor: ctx.user!.id, now: ctx.now() });
      return saved.document as ReportDocument;
    }),

  /** Deletes a saved report or dashboard; refused (listing them) while a dashboard still shows it. */
  remove: requires('studio.report.edit')
    .input(z.object({ reportId: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      await removeDocument(ctx.db, { kind: 'report', id: input.reportId, actor: ctx.user!.id, now: ctx.now() });
      return { removed: input.reportId };
    }),
});
