import { z } from 'zod';
import { documentBase, type DocumentReference } from '../document.js';
import { documentId, fieldId } from '../ids.js';
import { label, optionalText } from '../common.js';
import { expression, fieldsRead, type Expression } from '../expression.js';
import { fieldTypes, type FieldType } from '../field-types/fieldTypes.js';
import { fieldTypeRegistry } from '../field-types/registry.js';
import type { FieldTypeDefinition } from '../field-types/definition.js';
import { fieldValueSchema } from '../field-types/fieldValueSchema.js';
import { checkExpressionType, fieldExpressionKinds, type ExpressionTypeIssue } from '../field-types/expressionTypes.js';

// The field-type registry and the validators are part of the form model; re-exported here so
// `@xlgl/schema` exposes them (packages/schema/src/index.ts re-exports this module).
export * from '../field-types/index.js';
export * from '../validators/index.js';

/**
 * Column names the form tables use for their own bookkeeping; a field id may not take them.
 * @see packages/db/src/form-tables
 */
export const reservedFieldIds = ['id', 'record_id', 'row_index', 'case_id', 'form_version', 'created_at', 'updated_at', 'created_by', 'updated_by'] as const;

/** A form field as stored in the form document. `settings` is validated by the field type's settings schema. */
export type FormField = {
  id: string;
  type: FieldType;
  label: string;
  help?: string;
  required: boolean;
  /** Width in a 24-column grid. */
  span: number;
  defaultValue?: unknown;
  dictionaryId?: string;
  settings: Record<string, unknown>;
  /** Version of `settings` (absent = 1); upgraded on load by the type's `settingsMigrations`. */
  settingsVersion?: number;
  visibleWhen?: Expression;
  enabledWhen?: Expression;
  computed?: Expression;
  /** Removed fields stay in the document (and their column in the table) but are hidden. */
  removed?: boolean;
  /** Columns of a sub-table (only for `sub-table`). */
  fields?: FormField[];
};

const fieldCommon = {
  id: fieldId.refine((id) => !id.includes('__'), { message: '字段标识不能含有连续两个下划线（保留给数据库列名）' }),
  label: label('字段名称', 200),
  help: optionalText(500),
  required: z.boolean().default(false),
  span: z.number().int().min(1).max(24).default(12),
  defaultValue: z.unknown().optional(),
  dictionaryId: documentId.optional(),
  settingsVersion: z.number().int().min(1).optional(),
  visibleWhen: expression.optional(),
  enabledWhen: expression.optional(),
  computed: expression.optional(),
  removed: z.boolean().optional(),
};

function branch(type: FieldType, children?: z.ZodType) {
  const definition = fieldTypeRegistry[type] as unknown as FieldTypeDefinition;
  return z.object({
    ...fieldCommon,
    type: z.literal(type),
    // prefault: a missing settings object is parsed, so the type's defaults apply
    settings: (definition.settings as z.ZodType).prefault({}),
    ...(children ? { fields: z.array(children).default([]) } : {}),
  });
}

const unionError = { error: () => `字段类型应为：${fieldTypes.join('、')}` };

/** A column of a sub-table: any field type except a nested sub-table. */
const subTableColumn = z.discriminatedUnion(
  'type',
  fieldTypes.filter((type) => type !== 'sub-table').map((type) => branch(type)) as unknown as [z.ZodObject, ...z.ZodObject[]],
  unionError,
);

export const formField = z.discriminatedUnion(
  'type',
  fieldTypes.map((type) => branch(type, type === 'sub-table' ? subTableColumn : undefined)) as unknown as [z.ZodObject, ...z.ZodObject[]],
  unionError,
) as unknown as z.ZodType<FormField, unknown>;

export const formSection = z.object({
  id: fieldId,
  title: label('分组名称', 100),
  /** 一表制: the department that fills this section; others see it read-only or not at all. */
  ownerDepartmentId: documentId.optional(),
  /** Sections with the same tab title are shown together under one tab. */
  tab: z.string().max(30).optional(),
  columns: z.number().int().min(1).max(4).default(2),
  fields: z.array(formField),
});
export type FormSection = z.infer<typeof formSection>;

/** A cross-field (cross-section) rule: the expression must hold, else `message` is shown at `field`. */
export const formRule = z.object({
  id: fieldId,
  message: label('校验提示', 200),
  expression,
  /** Where to show the message (default: the first field the expression reads). */
  field: fieldId.optional(),
});
export type FormRule = z.infer<typeof formRule>;

/** A dependency cycle among computed fields (ids in order, first repeated at the end), if any. */
function findCycle(deps: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): string[] | undefined => {
    if (state.get(id) === 'done' || !deps.has(id)) return undefined;
    if (state.get(id) === 'visiting') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'visiting');
    for (const dep of deps.get(id) ?? []) {
      const cycle = visit(dep, [...trail, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of deps.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return undefined;
}

function checkForm(doc: { sections: FormSection[]; rules: FormRule[] }, ctx: z.RefinementCtx) {
  const fieldIds = new Map<string, FormField>();
  const sectionIds = new Set<string>();
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  doc.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) issue(['sections', s, 'id'], `分组标识“${section.id}”重复`);
    sectionIds.add(section.id);
    section.fields.forEach((field, f) => {
      const path = ['sections', s, 'fields', f];
      if (fieldIds.has(field.id)) issue([...path, 'id'], `字段标识“${field.id}”在表单中重复`);
      if ((reservedFieldIds as readonly string[]).includes(field.id)) issue([...path, 'id'], `字段标识“${field.id}”为系统保留，请换一个`);
      fieldIds.set(field.id, field);
      const definition = fieldTypeRegistry[field.type] as unknown as FieldTypeDefinition;
      for (const problem of definition.checkField?.(field) ?? []) issue([...path, ...problem.path], problem.message);
      const childIds = new Set<string>();
      (field.fields ?? []).forEach((child, c) => {
        const childPath = [...path, 'fields', c];
        if (childIds.has(child.id)) issue([...childPath, 'id'], `子表“${field.label}”中的字段标识“${child.id}”重复`);
        if ((reservedFieldIds as readonly string[]).includes(child.id)) issue([...childPath, 'id'], `字段标识“${child.id}”为系统保留，请换一个`);
        childIds.add(child.id);
        const childDefinition = fieldTypeRegistry[child.type] as unknown as FieldTypeDefinition;
        for (const problem of childDefinition.checkField?.(child) ?? []) issue([...childPath, ...problem.path], problem.message);
      });
    });
  });

  /** A sub-table column's rules see the columns of its own row first, then the top-level fields. */
  const resolver = (row?: FormField) => (id: string) => row?.fields?.find((child) => child.id === id) ?? fieldIds.get(id);
  /**
   * Checks references and types; returns the expression's kind (`unknown` when references are broken).
   * A field's own rule names the field (`self`, which it must not read) and, in a sub-table, the `row`.
   */
  const checkExpression = (expr: Expression, path: (string | number)[], owner: { self?: string; row?: FormField } = {}) => {
    const { self, row } = owner;
    const resolve = resolver(row);
    const kindOf = (id: string) => {
      const target = resolve(id);
      return target ? { kind: fieldExpressionKinds[target.type], label: target.label } : undefined;
    };
    let broken = false;
    for (const id of fieldsRead(expr)) {
      const target = resolve(id);
      if (!target) issue(path, row ? `规则引用了不存在的字段“${id}”（子表中的规则可引用同一行的列和表单的字段）` : `规则引用了不存在的字段“${id}”`);
      else if (row && target.type === 'sub-table') issue(path, `子表中的规则不能引用子表“${target.label}”`);
      else if (target.removed) issue(path, `规则引用了已删除的字段“${target.label}”`);
      else if (id === self) issue(path, `“${target.label}”的规则不能引用自身`);
      else continue;
      broken = true;
    }
    if (broken) return 'unknown';
    const typeIssues: ExpressionTypeIssue[] = [];
    const kind = checkExpressionType(expr, kindOf, typeIssues);
    for (const problem of typeIssues) issue(path, problem.message);
    return kind;
  };
  const checkRules = (field: FormField, path: (string | number)[], row?: FormField) => {
    if (field.visibleWhen) checkExpression(field.visibleWhen, [...path, 'visibleWhen'], { self: field.id, row });
    if (field.enabledWhen) checkExpression(field.enabledWhen, [...path, 'enabledWhen'], { self: field.id, row });
    if (field.computed) {
      const kind = checkExpression(field.computed, [...path, 'computed'], { self: field.id, row });
      const wanted = fieldExpressionKinds[field.type];
      if (kind !== 'unknown' && kind !== 'null' && kind !== wanted) {
        issue([...path, 'computed'], `“${field.label}”的计算结果类型与字段类型“${(fieldTypeRegistry[field.type] as unknown as FieldTypeDefinition).label}”不符`);
      }
    }
  };
  doc.sections.forEach((section, s) =>
    section.fields.forEach((field, f) => {
      const path = ['sections', s, 'fields', f];
      checkRules(field, path);
      (field.fields ?? []).forEach((child, c) => checkRules(child, [...path, 'fields', c], field));
      // computed columns of one row must not depend on each other in a cycle
      const rowDeps = new Map<string, string[]>();
      for (const child of field.fields ?? []) if (child.computed) rowDeps.set(child.id, [...fieldsRead(child.computed)]);
      const rowCycle = findCycle(rowDeps);
      if (rowCycle) issue([...path, 'fields'], `子表“${field.label}”的计算列循环引用：${rowCycle.map((id) => field.fields?.find((child) => child.id === id)?.label ?? id).join(' → ')}`);
      if (field.defaultValue !== undefined) {
        // dictionaries are not known here; choice defaults are checked against inline options only
        const result = fieldValueSchema(field).safeParse(field.defaultValue);
        if (!result.success) issue([...path, 'defaultValue'], `默认值无效：${result.error.issues[0]?.message ?? ''}`);
      }
      if (field.type === 'id-number') {
        for (const key of ['sexField', 'birthDateField'] as const) {
          const target = field.settings[key] as string | undefined;
          if (target && !fieldIds.has(target)) issue([...path, 'settings', key], `身份证号码要填入的字段“${target}”不存在`);
        }
      }
    }),
  );

  // computed fields must not depend on each other in a cycle
  const computedDeps = new Map<string, string[]>();
  for (const field of fieldIds.values()) if (field.computed) computedDeps.set(field.id, [...fieldsRead(field.computed)]);
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done' || !computedDeps.has(id)) return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id].map((entry) => fieldIds.get(entry)?.label ?? entry);
      issue(['sections'], `计算字段循环引用：${cycle.join(' → ')}`);
      state.set(id, 'done');
      return;
    }
    state.set(id, 'visiting');
    for (const dep of computedDeps.get(id) ?? []) visit(dep, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of computedDeps.keys()) visit(id, []);

  const ruleIds = new Set<string>();
  doc.rules.forEach((rule, r) => {
    if (ruleIds.has(rule.id)) issue(['rules', r, 'id'], `校验规则标识“${rule.id}”重复`);
    ruleIds.add(rule.id);
    checkExpression(rule.expression, ['rules', r, 'expression']);
    if (rule.field && !fieldIds.has(rule.field)) issue(['rules', r, 'field'], `校验规则提示位置的字段“${rule.field}”不存在`);
  });
}

export const formDocument = documentBase('form')
  .extend({
    schemaVersion: z.literal(1),
    name: label('表单名称', 100),
    departmentId: documentId.optional(),
    sections: z.array(formSection).min(1, { message: '表单至少要有一个分组' }),
    rules: z.array(formRule).default([]),
  })
  .superRefine(checkForm);
export type FormDocument = z.infer<typeof formDocument>;

export function formReferences(doc: FormDocument): DocumentReference[] {
  const refs: DocumentReference[] = [];
  if (doc.departmentId) refs.push({ path: ['departmentId'], kind: 'organization', id: doc.departmentId });
  doc.sections.forEach((section, s) => {
    if (section.ownerDepartmentId) refs.push({ path: ['sections', s, 'ownerDepartmentId'], kind: 'organization', id: section.ownerDepartmentId });
    section.fields.forEach((field, f) => {
      if (field.dictionaryId) refs.push({ path: ['sections', s, 'fields', f, 'dictionaryId'], kind: 'dictionary', id: field.dictionaryId });
      (field.fields ?? []).forEach((child, c) => {
        if (child.dictionaryId) refs.push({ path: ['sections', s, 'fields', f, 'fields', c, 'dictionaryId'], kind: 'dictionary', id: child.dictionaryId });
      });
    });
  });
  return refs;
}
