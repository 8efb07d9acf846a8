// The module alone: the package index would bring all of @xlgl/schema (and zod) into the first page load.
import { issueText } from '@xlgl/schema/document-paths';

/**
 * A validation problem reported by the server: where in the submitted document (`path`, for placing
 * it on a field), what, and — for metadata documents — the place in words (`where`: 字段“法定代表人”的选项第1项).
 */
export type ServerIssue = { path: (string | number)[]; message: string; where?: string };

/** A problem placed on one form field. */
export type FieldIssue = { name: (string | number)[]; errors: string[] };

type ErrorLike = { message?: unknown; data?: unknown; shape?: unknown };

function isIssueList(value: unknown): value is ServerIssue[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry) =>
        typeof entry === 'object' && entry !== null && Array.isArray((entry as ServerIssue).path) && typeof (entry as ServerIssue).message === 'string',
    )
  );
}

/** Flattened zod errors (`{ formErrors, fieldErrors }`) as some tRPC error formatters send them. */
function fromFlattened(value: unknown): ServerIssue[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { formErrors, fieldErrors } = value as { formErrors?: unknown; fieldErrors?: unknown };
  if (!Array.isArray(formErrors) && (typeof fieldErrors !== 'object' || fieldErrors === null)) return undefined;
  const issues: ServerIssue[] = [];
  for (const message of Array.isArray(formErrors) ? formErrors : []) issues.push({ path: [], message: String(message) });
  for (const [key, messages] of Object.entries((fieldErrors ?? {}) as Record<string, unknown>)) {
    for (const message of Array.isArray(messages) ? messages : []) issues.push({ path: key.split('.'), message: String(message) });
  }
  return issues;
}

/**
 * Extracts validation issues from a tRPC client error. Understands `data.issues`, `data.zodError`
 * (list or flattened) and a message that is a JSON list of zod issues (tRPC's default for input
 * validation); returns `[]` when the error carries none.
 */
export function issuesFromError(error: unknown): ServerIssue[] {
  if (typeof error !== 'object' || error === null) return [];
  const { data, message } = error as ErrorLike;
  if (typeof data === 'object' && data !== null) {
    const { issues, zodError } = data as { issues?: unknown; zodError?: unknown };
    if (isIssueList(issues)) return issues;
    if (isIssueList(zodError)) return zodError;
    const flattened = fromFlattened(zodError);
    if (flattened) return flattened;
  }
  if (typeof message === 'string' && message.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(message);
      if (isIssueList(parsed)) return parsed;
    } catch {
      // Not JSON: a plain message, no issues.
    }
  }
  return [];
}

/** The human-readable message of an error: the issues (each with its place in words) joined, or the server's message. */
export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  const issues = issuesFromError(error);
  if (issues.length > 0) return issues.map(issueText).join('；');
  if (typeof error === 'object' && error !== null && typeof (error as ErrorLike).message === 'string') {
    const message = (error as { message: string }).message;
    if (message === 'Failed to fetch' || message.startsWith('NetworkError')) return '无法连接服务器，请检查网络后重试';
    if (message) return message;
  }
  return fallback;
}

function startsWith(path: (string | number)[], prefix: (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => String(segment) === String(path[index]));
}

/**
 * Places issues on form fields. An issue goes to the longest registered field name that is a
 * prefix of its path (after dropping `stripPrefix`, e.g. the `document` of `save({ document })`);
 * issues that map to no field are returned as messages, with their place in words when the server sent it.
 */
export function placeIssues(
  issues: ServerIssue[],
  fieldNames: (string | number)[][],
  stripPrefix: (string | number)[] = ['document'],
): { fields: FieldIssue[]; unplaced: string[] } {
  const byField = new Map<string, FieldIssue>();
  const unplaced: string[] = [];
  const names = [...fieldNames].filter((name) => name.length > 0).sort((a, b) => b.length - a.length);
  for (const issue of issues) {
    const path = startsWith(issue.path, stripPrefix) ? issue.path.slice(stripPrefix.length) : issue.path;
    const name = names.find((candidate) => startsWith(path, candidate));
    if (!name) {
      // Not on a field of the form: the message needs its place.
      unplaced.push(issueText(issue));
      continue;
    }
    const key = JSON.stringify(name.map(String));
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], unplaced };
}
