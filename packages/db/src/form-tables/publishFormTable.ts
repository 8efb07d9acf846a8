import { sql } from 'drizzle-orm';
import { convertValue, fieldTypeDefinition, formDocument, sqlTypes, type FormDocument } from '@xlgl/schema';
import type { Db } from '../database.js';
import { rowsOf } from '../rows.js';
import { ensureFormTableBookkeeping, findFormTableVersion } from './bookkeeping.js';
import type { ColumnLayout } from './layout.js';
import { formTableName } from './naming.js';
import { planFormChange, type FormTablePlan, type PlannedConversion } from './planFormChange.js';

/** A stored value that could not be carried over to a retyped field's new column. */
export type ConversionFailure = { table: string; rowId: string; fieldId: string; label: string; value: unknown; reason: string };

export type FormTablePublication = {
  plan: FormTablePlan;
  /** Values converted into new columns. */
  converted: number;
  failures: ConversionFailure[];
  /** Plain-Chinese summary lines: the plan's changes plus conversion results. */
  report: string[];
  /** True when run with `dryRun`: everything was rolled back. */
  dryRun: boolean;
};

class DryRunRollback extends Error {
  constructor(readonly result: FormTablePublication) {
    super('dry run');
  }
}

function readValue(row: Record<string, unknown>, { columns, type }: { columns: ColumnLayout[]; type: PlannedConversion['from']['type'] }): unknown {
  const definition = fieldTypeDefinition(type);
  const byKey: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    let value = row[`c${index}`] ?? null;
    if (typeof value === 'string' && column.sqlType === 'jsonb') value = JSON.parse(value);
    if (value !== null && column.sqlType === 'timestamptz') value = new Date(value as string).toISOString();
    byKey[column.key] = value;
  });
  return definition.fromColumns ? definition.fromColumns(byKey) : byKey[columns[0].key];
}

function writeParams(columns: ColumnLayout[], type: PlannedConversion['to']['type'], value: unknown) {
  const definition = fieldTypeDefinition(type);
  const byKey: Record<string, unknown> =
    value === null || value === undefined ? {} : definition.toColumns ? definition.toColumns(value) : { [columns[0].key]: value };
  return columns.map((column) => {
    const raw = byKey[column.key];
    const param = raw === undefined || raw === null ? null : column.sqlType === 'jsonb' ? JSON.stringify(raw) : raw;
    // values travel as text/number/boolean parameters and are cast by the fixed SQL type map
    return sql`${sql.identifier(column.name)} = CAST(${param} AS ${sql.raw(sqlTypes[column.sqlType])})`;
  });
}

async function runConversion(tx: Db, conversion: PlannedConversion): Promise<{ converted: number; failures: ConversionFailure[] }> {
  // to_jsonb gives the same JS values on PGlite and postgres-js (ISO timestamps, numbers, objects)
  const selected = conversion.fromColumns.map((column, index) => sql`to_jsonb(${sql.identifier(column.name)}) AS ${sql.identifier(`c${index}`)}`);
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT "id", ${sql.join(selected, sql`, `)} FROM ${sql.identifier(conversion.table)} ORDER BY "id"`),
  );
  let converted = 0;
  const failures: ConversionFailure[] = [];
  for (const row of rows) {
    const value = readValue(row, { columns: conversion.fromColumns, type: conversion.from.type });
    if (value === null || value === undefined) continue;
    const result = convertValue(value, { from: conversion.from, to: conversion.to });
    if (!result.ok) {
      failures.push({ table: conversion.table, rowId: String(row.id), fieldId: conversion.to.id, label: conversion.to.label, value, reason: result.reason });
      continue;
    }
    if (result.value === null) continue;
    await tx.execute(
      sql`UPDATE ${sql.identifier(conversion.table)} SET ${sql.join(writeParams(conversion.toColumns, conversion.to.type, result.value), sql`, `)} WHERE "id" = ${row.id}`,
    );
    converted += 1;
  }
  return { converted, failures };
}

async function chooseTableName(tx: Db, formId: string): Promise<string> {
  for (const salt of [false, true]) {
    const candidate = formTableName(formId, salt);
    const owners = rowsOf<{ form_id: string }>(
      await tx.execute(sql`SELECT DISTINCT "form_id" FROM "xlgl_form_table_versions" WHERE "table_name" = ${candidate} AND "form_id" <> ${formId}`),
    );
    const exists = rowsOf<{ name: string | null }>(await tx.execute(sql`SELECT to_regclass(${`public.${candidate}`})::text AS "name"`));
    if (owners.length === 0 && !exists[0]?.name) return candidate;
  }
  throw new Error(`无法为表单“${formId}”确定数据表名：候选表名已被其他表单或数据表占用`);
}

/**
 * Publishes a form version to the database: plans the add-only change against the last published
 * version, runs every statement, converts retyped values and records the version — all in one
 * transaction (PostgreSQL DDL is transactional), on PGlite and PostgreSQL alike.
 * With `dryRun` the same work is done and rolled back, giving the exact report before publishing.
 */
export async function publishFormTable(
  db: Db,
  input: FormDocument,
  options: {
    dryRun?: boolean;
    publishedBy?: string;
    /** What uses each field (see `planFormChange`); removing or retyping such a field is refused. */
    dependents?: Record<string, string[]>;
    /** Publish although `dependents` block (the designer has shown them and the user confirmed). */
    allowDependentChanges?: boolean;
  } = {},
): Promise<FormTablePublication> {
  const form = formDocument.parse(input);
  await ensureFormTableBookkeeping(db);
  try {
    return await db.transaction(async (tx) => {
      const runner = tx as unknown as Db;
      // one publication of a form at a time
      await runner.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`xlgl_form_table:${form.id}`}))`);
      const latest = await findFormTableVersion(runner, form.id);
      if (latest && latest.formVersion >= form.version) {
        throw new Error(`表单“${form.name}”的版本${form.version}不高于已发布的版本${latest.formVersion}，请递增版本号后再发布`);
      }
      const table = latest?.table ?? (await chooseTableName(runner, form.id));
      const plan = planFormChange(latest?.form, form, { layout: latest?.layout, table, dependents: options.dependents });
      if (plan.blockers.length > 0 && !options.allowDependentChanges && !options.dryRun) {
        throw new Error(`不能发布表单“${form.name}”：${plan.blockers.join('；')}`);
      }
      for (const statement of plan.statements) await runner.execute(statement);
      let converted = 0;
      const failures: ConversionFailure[] = [];
      for (const conversion of plan.conversions) {
        const result = await runConversion(runner, conversion);
        converted += result.converted;
        failures.push(...result.failures);
      }
      const report = [...plan.changes];
      if (plan.conversions.length > 0) report.push(`已转换${converted}个值${failures.length ? `，${failures.length}个值无法转换（原值保留在旧列中）` : ''}`);
      for (const failure of failures) report.push(`记录${failure.rowId}的“${failure.label}”无法转换：${failure.reason}`);
      await runner.execute(sql`INSERT INTO "xlgl_form_table_versions"
        ("form_id", "form_version", "table_name", "layout", "form", "changes", "report", "published_by")
        VALUES (${form.id}, ${form.version}, ${table}, CAST(${JSON.stringify(plan.layout)} AS jsonb), CAST(${JSON.stringify(form)} AS jsonb),
          CAST(${JSON.stringify(plan.changes)} AS jsonb), CAST(${JSON.stringify({ risks: plan.risks, failures, converted })} AS jsonb), ${options.publishedBy ?? null})`);
      const result: FormTablePublication = { plan, converted, failures, report, dryRun: Boolean(options.dryRun) };
      if (options.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

/** The publication report without changing anything (runs the publication and rolls it back). */
export function previewFormTablePublication(
  db: Db,
  form: FormDocument,
  options: { dependents?: Record<string, string[]> } = {},
): Promise<FormTablePublication> {
  return publishFormTable(db, form, { dryRun: true, dependents: options.dependents });
}
