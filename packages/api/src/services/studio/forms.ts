import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import type { DictionaryDocument, FormDocument } from '@xlgl/schema';
import {
  findFormTableVersion,
  FormRecordError,
  insertFormRecord,
  listFormRecords,
  listFormTableVersions,
  openFormTable,
  planFormChange,
  previewFormTablePublication,
  publishFormTable,
  readAllDocuments,
  readDocument,
  documentChecksum,
  rowsOf,
  type ConversionFailure,
  type Db,
  type TableLayout,
} from '@xlgl/db';
import { DocumentValidationError } from '../errors.js';
import { lockMetadata } from '../documents.js';
import { deleteDraft, nextVersion, parseStudioDocument, requireDraft } from './drafts.js';
import { formFieldDependents } from './formDependents.js';
import { publishDraft } from './publish.js';

/** The planned database change of publishing a form draft, for the designer's panel. */
export type FormReview = {
  version: number;
  table: string;
  /** The table does not exist yet. */
  creates: boolean;
  changes: string[];
  risks: string[];
  /** Removed or retyped fields that flows, templates or reports use; publishing needs a confirmation. */
  blockers: string[];
  /** The exact statements, in one transaction. */
  statements: string[];
  /** Stored values a type change cannot convert (they stay in the old column). */
  failures: ConversionFailure[];
  dependents: Record<string, string[]>;
};

/**
 * Plans the publication of the form's draft: runs it in a transaction and rolls it back, so the
 * changes, conversions and failures shown are exactly what publishing would do now.
 */
export async function reviewFormDraft(db: Db, id: string): Promise<FormReview> {
  const draft = await requireDraft(db, 'form', id);
  const form = parseStudioDocument('form', draft.document);
  const version = await nextVersion(db, 'form', id);
  const dependents = await formFieldDependents(db, form);
  const preview = await previewFormTablePublication(db, { ...form, version }, { dependents });
  return {
    version,
    table: preview.plan.table,
    creates: preview.plan.creates,
    changes: preview.plan.changes,
    risks: preview.plan.risks,
    blockers: preview.plan.blockers,
    statements: preview.plan.preview,
    failures: preview.failures,
    dependents,
  };
}

export type FormPublication = { version: number; previousVersion: number | null; table: string; report: string[]; failures: ConversionFailure[]; warnings: string[] };

/**
 * Publishes the form's draft: the new version and its table change (create or evolve, add-only)
 * commit together or not at all. Refused while fields others depend on would be removed or retyped,
 * unless `confirmDependents` says the user saw the list.
 */
export async function publishFormDraft(db: Db, input: { id: string; actor: string; now: Date; confirmDependents?: boolean }): Promise<FormPublication> {
  return db.transaction(async (tx) => {
    const runner = tx as unknown as Db;
    await lockMetadata(runner);
    const unchanged = await tableForVersionInForce(runner, input);
    if (unchanged) return unchanged;
    const published = await publishDraft(runner, {
      kind: 'form',
      id: input.id,
      actor: input.actor,
      now: input.now,
      prepare: async (form, version) => {
        const dependents = await formFieldDependents(runner, form);
        const latest = await findFormTableVersion(runner, form.id);
        const plan = planFormChange(latest?.form, form, { layout: latest?.layout, table: latest?.table, dependents });
        if (plan.blockers.length > 0 && !input.confirmDependents) {
          throw new TRPCError({
            code: 'PRECONDITION_FAILED',
            message: `不能发布表单“${form.name}”：${plan.blockers.join('；')}`,
            cause: new DocumentValidationError('字段仍被使用', plan.blockers.map((message) => ({ path: [], message }))),
          });
        }
        const publication = await publishFormTable(runner, { ...form, version }, { publishedBy: input.actor, dependents, allowDependentChanges: input.confirmDependents });
        return { document: form, extra: publication };
      },
    });
    return {
      version: published.version,
      previousVersion: published.previousVersion,
      table: published.extra.plan.table,
      report: published.extra.report,
      failures: published.extra.failures,
      warnings: published.extra.plan.risks,
    };
  });
}

/**
 * A draft equal to the version in force whose table was never created (metadata imported from
 * files): publishing creates the table for that version instead of spending a new version.
 */
async function tableForVersionInForce(tx: Db, input: { id: string; actor: string }): Promise<FormPublication | null> {
  const draft = await requireDraft(tx, 'form', input.id);
  const current = await readDocument(tx, 'form', input.id);
  if (!current || current.checksum !== documentChecksum(draft.document as unknown as Record<string, unknown>)) return null;
  const latest = await findFormTableVersion(tx, input.id);
  if (latest && latest.formVersion >= current.version) return null;
  const form = parseStudioDocument('form', current.body);
  const dependents = await formFieldDependents(tx, form);
  const publication = await publishFormTable(tx, form, { publishedBy: input.actor, dependents });
  await deleteDraft(tx, 'form', input.id);
  return {
    version: current.version,
    previousVersion: current.version,
    table: publication.plan.table,
    report: publication.report,
    failures: publication.failures,
    warnings: publication.plan.risks,
  };
}

export type TableColumnView = { table: string; column: string; sqlType: string; fieldId: string | null; label: string | null; fieldType: string | null; state: 'active' | 'removed' | 'retired' | 'system' };

function fieldLabels(form: FormDocument): Map<string, string> {
  const labels = new Map<string, string>();
  for (const section of form.sections) {
    for (const field of section.fields) {
      labels.set(field.id, field.label);
      for (const child of field.fields ?? []) labels.set(`${field.id}.${child.id}`, child.label);
    }
  }
  return labels;
}

function layoutColumns(layout: TableLayout, labels: Map<string, string>, prefix = ''): Map<string, Omit<TableColumnView, 'sqlType' | 'column' | 'table'>> {
  const out = new Map<string, Omit<TableColumnView, 'sqlType' | 'column' | 'table'>>();
  for (const field of layout.fields) {
    const label = labels.get(`${prefix}${field.fieldId}`) ?? null;
    for (const column of field.columns) out.set(`${layout.table}.${column.name}`, { fieldId: field.fieldId, label, fieldType: field.type, state: field.removed ? 'removed' : 'active' });
    for (const retired of field.retired) {
      for (const column of retired.columns) out.set(`${layout.table}.${column.name}`, { fieldId: field.fieldId, label, fieldType: retired.type, state: 'retired' });
      if (retired.child) for (const [key, value] of layoutColumns(retired.child, labels, `${field.fieldId}.`)) out.set(key, { ...value, state: 'retired' });
    }
    if (field.child) for (const [key, value] of layoutColumns(field.child, labels, `${field.fieldId}.`)) out.set(key, field.removed ? { ...value, state: 'removed' } : value);
  }
  return out;
}

function tablesOf(layout: TableLayout, out: string[] = []): string[] {
  out.push(layout.table);
  for (const field of layout.fields) {
    if (field.child) tablesOf(field.child, out);
    for (const retired of field.retired) if (retired.child) tablesOf(retired.child, out);
  }
  return out;
}

/**
 * The form's table as it is in the database (columns read from `information_schema`), each column
 * labelled with the field it stores; null when the form was never published.
 */
export async function formTableView(db: Db, id: string): Promise<{ table: string; formVersion: number; publishedVersions: number[]; columns: TableColumnView[]; records: number } | null> {
  const latest = await findFormTableVersion(db, id);
  if (!latest) return null;
  const versions = await listFormTableVersions(db, id);
  const tables = tablesOf(latest.layout);
  const known = layoutColumns(latest.layout, fieldLabels(latest.form));
  const rows = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await db.execute(sql`select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name in (${sql.join(
        tables.map((table) => sql`${table}`),
        sql`, `,
      )}) order by table_name, ordinal_position`),
  );
  const order = new Map(tables.map((table, index) => [table, index]));
  rows.sort((a, b) => (order.get(a.table_name) ?? 0) - (order.get(b.table_name) ?? 0));
  const [counted] = rowsOf<{ total: number }>(await db.execute(sql`select count(*)::int as total from ${sql.identifier(latest.table)}`));
  return {
    table: latest.table,
    formVersion: latest.formVersion,
    publishedVersions: versions.map((version) => version.formVersion),
    records: Number(counted?.total ?? 0),
    columns: rows.map((row) => {
      const field = known.get(`${row.table_name}.${row.column_name}`);
      return {
        table: row.table_name,
        column: row.column_name,
        sqlType: row.data_type,
        fieldId: field?.fieldId ?? null,
        label: field?.label ?? null,
        fieldType: field?.fieldType ?? null,
        state: field?.state ?? 'system',
      };
    }),
  };
}

async function dictionaryEntries(db: Db) {
  const rows = await readAllDocuments(db, ['dictionary']);
  return Object.fromEntries(rows.map((row) => [row.id, (row.body as unknown as DictionaryDocument).entries]));
}

function recordRefused(error: unknown): never {
  if (error instanceof FormRecordError) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `记录校验未通过：${error.message}`,
      cause: new DocumentValidationError('记录校验未通过', error.issues),
    });
  }
  if (error instanceof Error && /尚未发布/.test(error.message)) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: error.message });
  throw error;
}

/** Stores a trial record (试填) in the form's published table, validated by the same schema as the desk. */
export async function insertTrialRecord(db: Db, input: { id: string; values: Record<string, unknown>; actor: string }): Promise<string> {
  try {
    const handle = await openFormTable(db, input.id);
    return await insertFormRecord(db, handle, { values: input.values, userId: input.actor, dictionaries: await dictionaryEntries(db) });
  } catch (error) {
    recordRefused(error);
  }
}

/** Records in the form's table, newest first, read through the latest published layout. */
export async function listTrialRecords(db: Db, input: { id: string; limit: number; offset: number }) {
  try {
    const handle = await openFormTable(db, input.id);
    return await listFormRecords(db, handle, { limit: input.limit, offset: input.offset });
  } catch (error) {
    recordRefused(error);
  }
}
