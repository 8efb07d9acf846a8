import type { ReportResult } from './run-report.js';

/**
 * Neutralises spreadsheet formula injection (CSV/Excel injection): text starting with = + - @ (or a
 * tab / carriage return) is prefixed with an apostrophe so Excel shows it as text.
 */
export function escapeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The report as an .xlsx workbook (one sheet: dimension columns, then measures). */
export async function reportToExcel(result: ReportResult, options: { title: string }): Promise<Buffer> {
  // Loaded on first export: exceljs costs a few hundred milliseconds and tens of megabytes to load,
  // which a server that never exports a report should not spend at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '锡林郭勒盟政务服务平台';
  const sheet = workbook.addWorksheet(escapeCell(options.title).slice(0, 31).replace(/[\\/?*[\]:]/g, '_') || '报表');
  sheet.addRow([escapeCell(options.title)]).font = { bold: true, size: 14 };
  const header = sheet.addRow([...result.dimensions.map((dimension) => dimension.label), ...result.measures.map((measure) => measure.label)]);
  header.font = { bold: true };
  for (const row of result.rows) sheet.addRow([...row.labels.map((label) => escapeCell(label)), ...row.values.map((value) => value ?? '')]);
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
