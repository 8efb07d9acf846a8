import type { Form } from '@formily/core';
import { activeFields, computeValues, recordSchema, type DictionaryEntry, type FormDocument, type FormView } from '@xlgl/schema';

/** A problem found on submit, with the formily path of the field (`staff.0.name`). */
export type SubmitIssue = { path: string; message: string };

/** Thrown by `submitRecord` when the record is not valid; field errors are already shown. */
export class SubmitError extends Error {
  constructor(readonly issues: SubmitIssue[]) {
    super(issues.map((issue) => issue.message).join('；'));
    this.name = 'SubmitError';
  }
}

/**
 * Keeps only declared columns in sub-table rows — drops the row index key formily's ArrayTable
 * writes into each row (`__DO_NOT_USE_THIS_PROPERTY_index__`) and anything else unknown.
 */
export function stripRowKeys(doc: FormDocument, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const field of activeFields(doc)) {
    if (field.type !== 'sub-table' || !Array.isArray(out[field.id])) continue;
    const ids = (field.fields ?? []).map((child) => child.id);
    out[field.id] = (out[field.id] as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(ids.filter((id) => row && Object.prototype.hasOwnProperty.call(row, id)).map((id) => [id, row[id]])),
    );
  }
  return out;
}

/**
 * Validates the form as the server will (field validators, then `recordSchema` with the view's
 * required fields and cross-section rules) and returns the clean record.
 */
export async function submitRecord(
  form: Form,
  doc: FormDocument,
  options: { view?: FormView; dictionaries?: Record<string, DictionaryEntry[]>; draft?: boolean } = {},
): Promise<Record<string, unknown>> {
  try {
    await form.validate();
  } catch (errors) {
    const list = Array.isArray(errors) ? (errors as { address?: string; path?: string; messages?: string[] }[]) : [];
    throw new SubmitError(list.map((entry) => ({ path: String(entry.path ?? entry.address ?? ''), message: entry.messages?.[0] ?? '输入不正确' })));
  }
  // a plain copy of the observable values (record values are JSON by design)
  const values = stripRowKeys(doc, JSON.parse(JSON.stringify(form.values ?? {})) as Record<string, unknown>);
  const result = recordSchema(doc, options).safeParse(computeValues(doc, values));
  if (result.success) return result.data as Record<string, unknown>;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  for (const issue of issues) {
    if (!issue.path) continue;
    form.setFieldState(issue.path, (state) => {
      state.selfErrors = [issue.message];
    });
  }
  throw new SubmitError(issues);
}
