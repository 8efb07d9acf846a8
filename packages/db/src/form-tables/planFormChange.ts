import type { SQL } from 'drizzle-orm';
import { canConvert, fieldTypeDefinition, type FormDocument, type FormField } from '@xlgl/schema';
import { newFieldLayout, usedColumnNames, usedTableNames, type ColumnLayout, type FieldLayout, type TableLayout } from './layout.js';
import { formTableName } from './naming.js';
import { addColumn, createChildTable, createFormTable, statementText } from './statements.js';

/** A retyped field whose values are carried from its old column(s) to the new one(s) at publication. */
export type PlannedConversion = {
  table: string;
  /** Parent table when `table` is a child table (sub-table columns). */
  childOf?: string;
  from: FormField;
  to: FormField;
  fromColumns: ColumnLayout[];
  toColumns: ColumnLayout[];
};

export type FormTablePlan = {
  formId: string;
  formVersion: number;
  table: string;
  /** The table does not exist yet. */
  creates: boolean;
  statements: SQL[];
  /** The statements as SQL text, for the designer's "planned database change" panel. */
  preview: string[];
  /** Plain-Chinese list of what happens. */
  changes: string[];
  /** Plain-Chinese list of what may surprise (values that may not convert, new required fields …). */
  risks: string[];
  /**
   * Removed or retyped fields something else depends on (flow conditions, templates, reports), as
   * given in `dependents`; `publishFormTable` refuses while this is not empty unless told otherwise.
   */
  blockers: string[];
  conversions: PlannedConversion[];
  /** The layout after the change (stored in the bookkeeping table). */
  layout: TableLayout;
};

type Context = {
  version: number;
  statements: SQL[];
  changes: string[];
  risks: string[];
  blockers: string[];
  conversions: PlannedConversion[];
  takenTables: Set<string>;
  dependents: Record<string, string[]>;
};

function checkDependents(context: Context, key: string, what: string) {
  const users = context.dependents[key] ?? [];
  if (users.length > 0) context.blockers.push(`${what}正被以下内容使用：${users.join('、')}；请先修改它们`);
}

const typeLabel = (field: Pick<FormField, 'type'>) => fieldTypeDefinition(field.type).label;
const name = (field: Pick<FormField, 'label'>) => `“${field.label}”`;

function createTables(layout: TableLayout, { fields, context, parent }: { fields: FormField[]; context: Context; parent?: string }) {
  const columns = layout.fields.flatMap((field) => field.columns);
  context.statements.push(...(parent ? createChildTable(layout.table, parent, columns) : createFormTable(layout.table, columns)));
  for (const fieldLayout of layout.fields) {
    if (!fieldLayout.child) continue;
    const field = fields.find((entry) => entry.id === fieldLayout.fieldId);
    createTables(fieldLayout.child, { fields: field?.fields ?? [], context, parent: layout.table });
  }
}

function addField(layout: TableLayout, field: FormField, { context, generation }: { context: Context; generation?: number }): FieldLayout {
  const placed = newFieldLayout(field, {
    table: layout.table,
    generation,
    takenColumns: usedColumnNames(layout),
    takenTables: context.takenTables,
  });
  for (const column of placed.columns) context.statements.push(addColumn(layout.table, column));
  if (placed.child) createTables(placed.child, { fields: field.fields ?? [], context, parent: layout.table });
  return placed;
}

type EvolveOptions = { oldFields: FormField[]; newFields: FormField[]; context: Context; where: string; childOf?: string; keyPrefix?: string };

function evolveTable(layout: TableLayout, { oldFields, newFields, context, where, childOf, keyPrefix = '' }: EvolveOptions): TableLayout {
  const next: TableLayout = { table: layout.table, fields: layout.fields.map((field) => ({ ...field, retired: [...field.retired] })) };
  const oldById = new Map(oldFields.map((field) => [field.id, field]));
  for (const field of newFields) {
    const index = next.fields.findIndex((entry) => entry.fieldId === field.id);
    const old = oldById.get(field.id);
    if (index < 0) {
      next.fields.push(addField(next, field, { context }));
      context.changes.push(`${where}新增字段${name(field)}（${typeLabel(field)}）：${fieldTypeDefinition(field.type).childTable ? '新建子表' : '新增可为空的列'}`);
      if (field.required) context.risks.push(`新增的必填字段${name(field)}在已有记录中为空，这些记录下次保存时须补填`);
      continue;
    }
    const current = next.fields[index];
    const wanted = fieldTypeDefinition(field.type).columns;
    const sameShape =
      current.type === field.type &&
      current.columns.length === wanted.length &&
      current.columns.every((column, c) => column.key === wanted[c].key && column.sqlType === wanted[c].sqlType);
    if (sameShape) {
      if (current.removed !== Boolean(field.removed)) {
        current.removed = Boolean(field.removed);
        if (field.removed) checkDependents(context, `${keyPrefix}${field.id}`, `要隐藏的字段${name(field)}`);
        context.changes.push(field.removed ? `${where}隐藏字段${name(field)}：列和数据保留，可随时恢复` : `${where}恢复字段${name(field)}：原有数据重新可见`);
      } else if (old && old.label !== field.label) {
        context.changes.push(`${where}字段${name(old)}改名为${name(field)}：数据库不变`);
      }
      if (current.child) {
        current.child = evolveTable(current.child, {
          oldFields: old?.fields ?? [],
          newFields: field.fields ?? [],
          context,
          where: `子表${name(field)}中`,
          childOf: next.table,
          keyPrefix: `${field.id}.`,
        });
      }
      continue;
    }
    // type change: keep the old column(s) and their data, add new one(s), convert what converts
    checkDependents(context, `${keyPrefix}${field.id}`, `要改类型的字段${name(field)}`);
    const from = old ?? ({ id: field.id, type: current.type, label: field.label, settings: {}, required: false, span: 12 } as FormField);
    const placed = addField(next, field, { context, generation: context.version });
    placed.retired = [...current.retired, { type: current.type, columns: current.columns, child: current.child, untilVersion: context.version - 1 }];
    next.fields[index] = placed;
    const oldLabel = fieldTypeDefinition(current.type).label;
    if (canConvert(current.type, field.type) && current.columns.length > 0 && placed.columns.length > 0) {
      context.conversions.push({ table: next.table, childOf, from, to: field, fromColumns: current.columns, toColumns: placed.columns });
      context.changes.push(`${where}字段${name(field)}由“${oldLabel}”改为“${typeLabel(field)}”：新增一列并转换已有数据，原列保留`);
      context.risks.push(`字段${name(field)}的已有值若无法转换为“${typeLabel(field)}”，将在新列中为空并在发布结果中逐条列出，原值仍保留在旧列中`);
    } else {
      context.changes.push(`${where}字段${name(field)}由“${oldLabel}”改为“${typeLabel(field)}”：新增${placed.child ? '子表' : '一列'}，原${current.child ? '子表' : '列'}和数据保留`);
      context.risks.push(`“${oldLabel}”不能自动转换为“${typeLabel(field)}”：字段${name(field)}的已有数据不会带入新类型（仍保留在原${current.child ? '子表' : '列'}中）`);
    }
  }
  const newIds = new Set(newFields.map((field) => field.id));
  for (const current of next.fields) {
    if (newIds.has(current.fieldId) || current.removed) continue;
    current.removed = true;
    const old = oldById.get(current.fieldId);
    checkDependents(context, `${keyPrefix}${current.fieldId}`, `要删除的字段${old ? name(old) : `“${current.fieldId}”`}`);
    context.changes.push(`${where}删除字段${old ? name(old) : `“${current.fieldId}”`}：表单中不再显示，列和数据保留`);
  }
  return next;
}

/**
 * Plans the add-only database change for publishing `next` when `previous` (with its stored
 * `layout`) is what the table holds now. Never drops or renames anything; the returned statements
 * are run in one transaction by `publishFormTable`.
 */
export function planFormChange(
  previous: FormDocument | undefined,
  next: FormDocument,
  options: {
    layout?: TableLayout;
    table?: string;
    /** What uses each field (`fieldId`, or `subTableId.childId`), in words: `流程“…”的条件`, `报表“…”`. */
    dependents?: Record<string, string[]>;
  } = {},
): FormTablePlan {
  const context: Context = {
    version: next.version,
    statements: [],
    changes: [],
    risks: [],
    blockers: [],
    conversions: [],
    dependents: options.dependents ?? {},
    takenTables: options.layout ? usedTableNames(options.layout) : new Set(),
  };
  const newFields = next.sections.flatMap((section) => section.fields);
  let layout: TableLayout;
  const creates = !options.layout;
  if (!options.layout) {
    const table = options.table ?? formTableName(next.id);
    context.takenTables.add(table);
    const takenColumns = new Set<string>();
    layout = {
      table,
      fields: newFields.map((field) => newFieldLayout(field, { table, takenColumns, takenTables: context.takenTables })),
    };
    createTables(layout, { fields: newFields, context });
    const subTables = newFields.filter((field) => field.type === 'sub-table').length;
    context.changes.push(`新建数据表，包含${newFields.length}个字段${subTables ? `，其中${subTables}个子表各建一张子数据表` : ''}`);
  } else {
    const oldFields = previous ? previous.sections.flatMap((section) => section.fields) : [];
    layout = evolveTable(options.layout, { oldFields, newFields, context, where: '' });
    if (context.statements.length === 0 && context.changes.length === 0) context.changes.push('数据库无需变更');
  }
  return {
    formId: next.id,
    formVersion: next.version,
    table: layout.table,
    creates,
    statements: context.statements,
    preview: context.statements.map(statementText),
    changes: context.changes,
    risks: context.risks,
    blockers: context.blockers,
    conversions: context.conversions,
    layout,
  };
}
