import { z } from 'zod';
import { evaluate } from '../expression.js';
import type { FormField, FormRule } from '../kinds/form.js';
import { fieldPermissionValues, type FieldPermission } from '../node-types/common.js';

/** The structural part of a form document the runtime needs. */
export type FormShape = {
  sections: { id: string; title?: string; ownerDepartmentId?: string; fields: FormField[] }[];
  rules?: FormRule[];
};

// Per-field permission (edit / read / hidden) is shared with flow nodes' `fieldPermissions`.
export const fieldPermissionLabels: Record<FieldPermission, string> = { edit: '可编辑', read: '只读', hidden: '隐藏' };

/**
 * Who may do what with which field on one screen (a flow step's view, the applicant's form …).
 * Precedence: `fields[id]`, then `sections[sectionId]`, then `default` (edit).
 */
export const formView = z.object({
  default: z.enum(fieldPermissionValues).default('edit'),
  sections: z.record(z.string(), z.enum(fieldPermissionValues)).default({}),
  fields: z.record(z.string(), z.enum(fieldPermissionValues)).default({}),
});
export type FormView = { default?: FieldPermission; sections?: Record<string, FieldPermission>; fields?: Record<string, FieldPermission> };

/** The view of a flow node: its `fieldPermissions` (absent = read, as flow nodes define). */
export function nodeView(fieldPermissions: Record<string, FieldPermission>): FormView {
  return { default: 'read', fields: fieldPermissions };
}

/** Every top-level field of a form, in order (removed ones included). */
export function formFields(form: FormShape): FormField[] {
  return form.sections.flatMap((section) => section.fields);
}

/** Top-level fields that are not removed. */
export function activeFields(form: FormShape): FormField[] {
  return formFields(form).filter((field) => !field.removed);
}

/** The permission a view grants on a field. */
export function fieldPermission(form: FormShape, view: FormView | undefined, fieldId: string): FieldPermission {
  if (!view) return 'edit';
  const own = view.fields?.[fieldId];
  if (own) return own;
  const section = form.sections.find((entry) => entry.fields.some((field) => field.id === fieldId));
  const bySection = section ? view.sections?.[section.id] : undefined;
  return bySection ?? view.default ?? 'edit';
}

/**
 * 一表制: the view of one department — its own sections editable, other departments' sections
 * `others` (read-only by default), sections without an owner (applicant data) `shared`.
 */
export function departmentView(
  form: FormShape,
  departmentId: string,
  options: { others?: FieldPermission; shared?: FieldPermission } = {},
): FormView {
  const sections: Record<string, FieldPermission> = {};
  for (const section of form.sections) {
    if (!section.ownerDepartmentId) sections[section.id] = options.shared ?? 'read';
    else sections[section.id] = section.ownerDepartmentId === departmentId ? 'edit' : (options.others ?? 'read');
  }
  return { default: 'read', sections, fields: {} };
}

/** The state of one field for given values under a view. */
export type FieldState = {
  permission: FieldPermission;
  /** Shown: not hidden by the view, not removed, visibility rule true. */
  visible: boolean;
  /** Can be changed: visible, permission `edit`, enable rule true, not computed. */
  editable: boolean;
  computed: boolean;
};

/** Evaluates visibility and enable rules for every active top-level field. */
export function fieldStates(form: FormShape, values: Record<string, unknown>, view?: FormView): Record<string, FieldState> {
  const states: Record<string, FieldState> = {};
  for (const field of activeFields(form)) {
    const permission = fieldPermission(form, view, field.id);
    const visible = permission !== 'hidden' && (!field.visibleWhen || Boolean(evaluate(field.visibleWhen, values)));
    const enabled = !field.enabledWhen || Boolean(evaluate(field.enabledWhen, values));
    const computed = Boolean(field.computed);
    states[field.id] = { permission, visible, editable: visible && permission === 'edit' && enabled && !computed, computed };
  }
  return states;
}

/**
 * Takes what a view may change from `input` and merges it into the stored record, so a
 * department's save never overwrites another department's section.
 */
export function mergeForView(
  form: FormShape,
  options: { view?: FormView; existing?: Record<string, unknown>; input: Record<string, unknown> },
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(options.existing ?? {}) };
  for (const field of activeFields(form)) {
    if (field.computed) continue;
    if (fieldPermission(form, options.view, field.id) !== 'edit') continue;
    if (Object.prototype.hasOwnProperty.call(options.input, field.id)) merged[field.id] = options.input[field.id];
  }
  return merged;
}

/**
 * The values a view may see: fields the view hides are left out (the server sends only these
 * to a department or an applicant). Values of removed fields are left out too.
 */
export function valuesForView(form: FormShape, values: Record<string, unknown>, view?: FormView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of activeFields(form)) {
    if (fieldPermission(form, view, field.id) === 'hidden') continue;
    if (Object.prototype.hasOwnProperty.call(values, field.id)) out[field.id] = values[field.id];
  }
  return out;
}

/** The values a sub-table column's rules see: the row's own values over the form's top-level values. */
export function rowScope(values: Record<string, unknown>, row: unknown): Record<string, unknown> {
  return typeof row === 'object' && row !== null && !Array.isArray(row) ? { ...values, ...(row as Record<string, unknown>) } : values;
}

/**
 * The state of each column of one sub-table row: visible and enabled by its rules, evaluated on the
 * row's values over the top-level values. The sub-table's own state (view, rules) applies on top.
 */
export function rowFieldStates(subTable: FormField, row: unknown, values: Record<string, unknown>): Record<string, { visible: boolean; editable: boolean }> {
  const scope = rowScope(values, row);
  const states: Record<string, { visible: boolean; editable: boolean }> = {};
  for (const column of subTable.fields ?? []) {
    if (column.removed) continue;
    const visible = !column.visibleWhen || Boolean(evaluate(column.visibleWhen, scope));
    const enabled = !column.enabledWhen || Boolean(evaluate(column.enabledWhen, scope));
    states[column.id] = { visible, editable: visible && enabled && !column.computed };
  }
  return states;
}
