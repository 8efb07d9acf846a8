import { fieldsRead, type Expression, type FormDocument, type FormField } from '@xlgl/schema';
import { allFields } from './formTree.js';

const ruleNames = { visibleWhen: '显示条件', enabledWhen: '可编辑条件', computed: '计算公式' } as const;
const ruleKeys = Object.keys(ruleNames) as (keyof typeof ruleNames)[];

const reads = (expr: Expression | undefined, ids: ReadonlySet<string>) =>
  expr !== undefined && [...fieldsRead(expr)].some((id) => ids.has(id));

/** The given fields plus the columns of any sub-table among them. */
function withColumns(form: FormDocument, fieldIds: Iterable<string>): Set<string> {
  const ids = new Set(fieldIds);
  for (const field of allFields(form)) if (ids.has(field.id)) for (const child of field.fields ?? []) ids.add(child.id);
  return ids;
}

/**
 * What inside the form reads any of the fields (other fields' rules and computed values, the
 * cross-section rules, ID-number fields filling them), as plain Chinese descriptions. Fields in
 * `fieldIds` themselves are not listed: they go together.
 */
export function formDependents(form: FormDocument, fieldIds: Iterable<string>): string[] {
  const ids = withColumns(form, fieldIds);
  const out: string[] = [];
  for (const field of allFields(form)) {
    if (ids.has(field.id) || field.removed) continue;
    for (const key of ruleKeys) if (reads(field[key], ids)) out.push(`字段“${field.label}”的${ruleNames[key]}`);
    if (field.type === 'id-number') {
      if (ids.has(field.settings.sexField as string)) out.push(`身份证号码“${field.label}”自动填入性别`);
      if (ids.has(field.settings.birthDateField as string)) out.push(`身份证号码“${field.label}”自动填入出生日期`);
    }
  }
  for (const rule of form.rules ?? []) if (reads(rule.expression, ids)) out.push(`校验规则“${rule.message}”`);
  return out;
}

/** Dependents outside the form, as the host reports them (flow conditions, templates, reports). */
export function externalDependents(form: FormDocument, fieldIds: Iterable<string>, external: Record<string, string[]> = {}): string[] {
  const out = new Set<string>();
  for (const id of withColumns(form, fieldIds)) for (const entry of external[id] ?? []) out.add(entry);
  return [...out];
}

/**
 * Removes what reads the given fields: rules and computed values of other fields, ID-number
 * fill targets, cross-section rules. Used after the configurator confirmed a deletion, so the
 * form stays valid.
 */
export function dropReferences(form: FormDocument, fieldIds: Iterable<string>): FormDocument {
  const ids = withColumns(form, fieldIds);
  const clean = (field: FormField): FormField => {
    let next = field;
    for (const key of ruleKeys) {
      if (reads(next[key], ids)) {
        next = { ...next };
        delete next[key];
      }
    }
    if (next.type === 'id-number' && (ids.has(next.settings.sexField as string) || ids.has(next.settings.birthDateField as string))) {
      const settings = { ...next.settings };
      if (ids.has(settings.sexField as string)) delete settings.sexField;
      if (ids.has(settings.birthDateField as string)) delete settings.birthDateField;
      next = { ...next, settings };
    }
    return next.fields ? { ...next, fields: next.fields.map(clean) } : next;
  };
  return {
    ...form,
    sections: form.sections.map((section) => ({ ...section, fields: section.fields.map(clean) })),
    rules: (form.rules ?? []).filter((rule) => !reads(rule.expression, ids) && !(rule.field && ids.has(rule.field))),
  };
}

/** Everything that depends on the fields: outside the form first (the host's list), then inside. */
export function dependentsOf(form: FormDocument, fieldIds: Iterable<string>, external: Record<string, string[]> = {}): string[] {
  const ids = [...fieldIds];
  return [...externalDependents(form, ids, external), ...formDependents(form, ids)];
}
