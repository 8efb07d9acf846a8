import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { kindRegistry, type DocumentKind } from '@xlgl/schema';
import { errorMessage, issuesFromError, placeIssues, type ServerIssue } from '../../lib/serverErrors.js';

/** Drops empty strings, null and undefined (recursively in plain objects) so optional fields stay absent. */
export function withoutEmpty<T extends Record<string, unknown>>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === '' || entry === null || entry === undefined) continue;
    if (typeof entry === 'string') {
      const trimmed = entry.trim();
      if (trimmed === '') continue;
      result[key] = entry;
    } else if (typeof entry === 'object' && !Array.isArray(entry)) {
      result[key] = withoutEmpty(entry as Record<string, unknown>);
    } else {
      result[key] = entry;
    }
  }
  return result as T;
}

/** Checks a document against its kind's zod schema, the same one the server applies. */
export function validateDocument(kind: DocumentKind, document: Record<string, unknown>): ServerIssue[] {
  const result = kindRegistry[kind].schema.safeParse(document);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message }));
}

/**
 * Shows problems where the user can fix them: issues whose path names a form field go on that
 * field; the rest (and errors without issues) become a message.
 */
export function showIssues(options: { form: FormInstance; issues: ServerIssue[]; message: MessageInstance; error?: unknown; fallback?: string }): void {
  const { form, issues, message, error, fallback } = options;
  const names = form.getFieldsError().map((field) => field.name as (string | number)[]);
  const { fields, unplaced } = placeIssues(issues, names);
  form.setFields(fields.map((field) => ({ name: field.name, errors: field.errors })));
  if (unplaced.length > 0) message.error(unplaced.join('；'));
  else if (issues.length === 0) message.error(errorMessage(error, fallback));
  else message.error('请按提示修改标红的字段');
}

/**
 * Shows a failed save on the form: server issues on their fields, everything else as a message.
 * `conflictField` names the field a CONFLICT without issues is about (e.g. a user's `account`,
 * the only unique value an administrator types).
 */
export function showSaveError(options: { form: FormInstance; error: unknown; message: MessageInstance; conflictField?: string }): void {
  const { error, conflictField } = options;
  let issues = issuesFromError(error);
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  if (issues.length === 0 && conflictField && code === 'CONFLICT') issues = [{ path: [conflictField], message: errorMessage(error) }];
  showIssues({ ...options, issues, fallback: '保存失败' });
}
