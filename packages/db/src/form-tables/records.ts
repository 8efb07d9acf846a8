import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  computeValues,
  mergeForView,
  recordSchema,
  type DictionaryEntry,
  type FormDocument,
  type FormView,
} from '@xlgl/schema';
import type { Db } from '../database.js';
import { findFormTableVersion } from './bookkeeping.js';
import type { FieldLayout, TableLayout } from './layout.js';
import { childPgTable, columnsToValue, formPgTable, valueToColumns, type ChildPgTable, type FormPgTable } from './runtimeTable.js';

/** A published form table opened for reading and writing records. */
export type FormTableHandle = {
  formId: string;
  formVersion: number;
  form: FormDocument;
  layout: TableLayout;
  table: FormPgTable;
  /** Child tables by sub-table field id. */
  children: Map<string, { layout: TableLayout; table: ChildPgTable }>;
};

/** A record as read back: system data plus field values (field id → value). */
export type FormRecordRow = {
  id: string;
  caseId: string | null;
  formVersion: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  values: Record<string, unknown>;
};

/** A record failed validation; `issues` carry Chinese messages and field paths. */
export class FormRecordError extends Error {
  constructor(readonly issues: { path: (string | number)[]; message: string }[]) {
    super(issues.map((issue) => issue.message).join('；'));
    this.name = 'FormRecordError';
  }
}

/** Opens the latest published version of a form's table (or throws in Chinese when not published). */
export async function openFormTable(db: Db, formId: string): Promise<FormTableHandle> {
  const version = await findFormTableVersion(db, formId);
  if (!version) throw new Error(`表单“${formId}”尚未发布，没有数据表`);
  const children = new Map<string, { layout: TableLayout; table: ChildPgTable }>();
  for (const field of version.layout.fields) {
    if (field.child && !field.removed) children.set(field.fieldId, { layout: field.child, table: childPgTable(field.child) });
  }
  return { formId, formVersion: version.formVersion, form: version.form, layout: version.layout, table: formPgTable(version.layout), children };
}

const activeLayouts = (layout: TableLayout) => layout.fields.filter((field) => !field.removed);

function rowColumns(fields: FieldLayout[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.child) continue;
    Object.assign(out, valueToColumns(field, field.columns, values[field.fieldId]));
  }
  return out;
}

function rowValues(fields: FieldLayout[], row: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.child) continue;
    const value = columnsToValue(field, field.columns, row);
    if (value !== null && value !== undefined) values[field.fieldId] = value;
  }
  return values;
}

function validate(handle: FormTableHandle, values: Record<string, unknown>, options: { view?: FormView; draft?: boolean; dictionaries?: Record<string, DictionaryEntry[]> }) {
  const result = recordSchema(handle.form, options).safeParse(computeValues(handle.form, values));
  if (!result.success) throw new FormRecordError(result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })));
  return result.data as Record<string, unknown>;
}

async function writeChildren(tx: Db, handle: FormTableHandle, { recordId, values }: { recordId: string; values: Record<string, unknown> }) {
  for (const [fieldId, child] of handle.children) {
    await tx.delete(child.table).where(eq(child.table.record_id, recordId));
    const rows = (values[fieldId] as Record<string, unknown>[] | undefined) ?? [];
    if (rows.length === 0) continue;
    await tx.insert(child.table).values(
      rows.map((row, index) => ({
        id: globalThis.crypto.randomUUID(),
        record_id: recordId,
        row_index: index,
        ...rowColumns(activeLayouts(child.layout), row),
      })) as never,
    );
  }
}

/**
 * Validates and inserts a record (computed values filled, fields the view cannot edit ignored).
 * Sub-table rows go to their child tables; everything in one transaction.
 */
export async function insertFormRecord(
  db: Db,
  handle: FormTableHandle,
  options: { values: Record<string, unknown>; view?: FormView; draft?: boolean; caseId?: string; userId?: string; dictionaries?: Record<string, DictionaryEntry[]> },
): Promise<string> {
  const merged = mergeForView(handle.form, { view: options.view, input: options.values });
  const values = validate(handle, merged, options);
  const id = globalThis.crypto.randomUUID();
  await db.transaction(async (tx) => {
    const runner = tx as unknown as Db;
    await runner.insert(handle.table).values({
      id,
      case_id: options.caseId ?? null,
      form_version: handle.formVersion,
      created_by: options.userId ?? null,
      updated_by: options.userId ?? null,
      ...rowColumns(activeLayouts(handle.layout), values),
    } as never);
    await writeChildren(runner, handle, { recordId: id, values });
  });
  return id;
}

/**
 * Updates a record with what the view may edit (一表制: a department changes only its section),
 * validating the merged record.
 */
export async function updateFormRecord(
  db: Db,
  handle: FormTableHandle,
  options: { id: string; values: Record<string, unknown>; view?: FormView; draft?: boolean; userId?: string; dictionaries?: Record<string, DictionaryEntry[]> },
): Promise<void> {
  const existing = await getFormRecord(db, handle, options.id);
  if (!existing) throw new Error(`记录“${options.id}”不存在`);
  const merged = mergeForView(handle.form, { view: options.view, existing: existing.values, input: options.values });
  const values = validate(handle, merged, options);
  await db.transaction(async (tx) => {
    const runner = tx as unknown as Db;
    await runner
      .update(handle.table)
      .set({ ...rowColumns(activeLayouts(handle.layout), values), form_version: handle.formVersion, updated_at: new Date(), updated_by: options.userId ?? null } as never)
      .where(eq(handle.table.id, options.id));
    await writeChildren(runner, handle, { recordId: options.id, values });
  });
}

async function loadChildren(db: Db, handle: FormTableHandle, recordIds: string[]): Promise<Map<string, Record<string, Record<string, unknown>[]>>> {
  const byRecord = new Map<string, Record<string, Record<string, unknown>[]>>();
  if (recordIds.length === 0) return byRecord;
  for (const [fieldId, child] of handle.children) {
    const rows = (await db
      .select()
      .from(child.table)
      .where(inArray(child.table.record_id, recordIds))
      .orderBy(asc(child.table.record_id), asc(child.table.row_index))) as Record<string, unknown>[];
    for (const row of rows) {
      const entry = byRecord.get(row.record_id as string) ?? {};
      (entry[fieldId] ??= []).push(rowValues(activeLayouts(child.layout), row));
      byRecord.set(row.record_id as string, entry);
    }
  }
  return byRecord;
}

function toRecordRow(handle: FormTableHandle, row: Record<string, unknown>, children: Record<string, Record<string, unknown>[]> | undefined): FormRecordRow {
  return {
    id: row.id as string,
    caseId: (row.case_id as string | null) ?? null,
    formVersion: Number(row.form_version),
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
    createdBy: (row.created_by as string | null) ?? null,
    updatedBy: (row.updated_by as string | null) ?? null,
    values: { ...rowValues(activeLayouts(handle.layout), row), ...(children ?? {}) },
  };
}

/** Reads one record with its sub-table rows; `undefined` when missing. */
export async function getFormRecord(db: Db, handle: FormTableHandle, id: string): Promise<FormRecordRow | undefined> {
  const rows = (await db.select().from(handle.table).where(eq(handle.table.id, id))) as Record<string, unknown>[];
  if (!rows[0]) return undefined;
  const children = await loadChildren(db, handle, [id]);
  return toRecordRow(handle, rows[0], children.get(id));
}

/** Lists records, newest first, optionally of one case. */
export async function listFormRecords(
  db: Db,
  handle: FormTableHandle,
  options: { caseId?: string; limit?: number; offset?: number } = {},
): Promise<FormRecordRow[]> {
  const rows = (await db
    .select()
    .from(handle.table)
    .where(and(options.caseId ? eq(handle.table.case_id, options.caseId) : undefined))
    .orderBy(desc(handle.table.created_at), asc(handle.table.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)) as Record<string, unknown>[];
  const children = await loadChildren(db, handle, rows.map((row) => row.id as string));
  return rows.map((row) => toRecordRow(handle, row, children.get(row.id as string)));
}
