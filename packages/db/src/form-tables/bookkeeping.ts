import { sql } from 'drizzle-orm';
import type { FormDocument } from '@xlgl/schema';
import type { Db } from '../database.js';
import { rowsOf } from '../rows.js';
import type { TableLayout } from './layout.js';

/** The bookkeeping table of form-table versions (owned by this module, created on first use). */
export const formTableVersionsTable = 'xlgl_form_table_versions';

/** Creates the bookkeeping table when missing. */
export async function ensureFormTableBookkeeping(db: Db): Promise<void> {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS "xlgl_form_table_versions" (
    "form_id" text NOT NULL,
    "form_version" integer NOT NULL,
    "table_name" text NOT NULL,
    "layout" jsonb NOT NULL,
    "form" jsonb NOT NULL,
    "changes" jsonb NOT NULL,
    "report" jsonb NOT NULL,
    "published_by" text,
    "published_at" timestamp with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY ("form_id", "form_version")
  )`);
  await db.execute(sql`CREATE INDEX IF NOT EXISTS "xlgl_form_table_versions_table_idx" ON "xlgl_form_table_versions" ("table_name")`);
}

/** One published version of a form table. */
export type FormTableVersion = {
  formId: string;
  formVersion: number;
  table: string;
  layout: TableLayout;
  form: FormDocument;
  changes: string[];
  publishedAt: string;
};

type VersionRow = { form_id: string; form_version: number; table_name: string; layout: unknown; form: unknown; changes: unknown; published_at: unknown };

const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

function toVersion(row: VersionRow): FormTableVersion {
  return {
    formId: row.form_id,
    formVersion: Number(row.form_version),
    table: row.table_name,
    layout: parseJson<TableLayout>(row.layout),
    form: parseJson<FormDocument>(row.form),
    changes: parseJson<string[]>(row.changes),
    publishedAt: new Date(row.published_at as string).toISOString(),
  };
}

/** The latest (or the given) published version of a form's table; `undefined` when never published. */
export async function findFormTableVersion(db: Db, formId: string, formVersion?: number): Promise<FormTableVersion | undefined> {
  await ensureFormTableBookkeeping(db);
  const rows = rowsOf<VersionRow>(
    await db.execute(
      formVersion === undefined
        ? sql`SELECT * FROM "xlgl_form_table_versions" WHERE "form_id" = ${formId} ORDER BY "form_version" DESC LIMIT 1`
        : sql`SELECT * FROM "xlgl_form_table_versions" WHERE "form_id" = ${formId} AND "form_version" = ${formVersion}`,
    ),
  );
  return rows[0] ? toVersion(rows[0]) : undefined;
}

/** Every published version of a form, oldest first. */
export async function listFormTableVersions(db: Db, formId: string): Promise<FormTableVersion[]> {
  await ensureFormTableBookkeeping(db);
  const rows = rowsOf<VersionRow>(
    await db.execute(sql`SELECT * FROM "xlgl_form_table_versions" WHERE "form_id" = ${formId} ORDER BY "form_version"`),
  );
  return rows.map(toVersion);
}
