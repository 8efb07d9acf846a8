import { z } from 'zod';
import { defineFieldType, type FieldConfigIssue } from '../definition.js';

/**
 * 子表: rows with their own fields (`field.fields`), stored in a child table with one row per
 * entry (ordered by row index). Rows are replaced as a whole on save.
 */
export const subTableField = defineFieldType({
  type: 'sub-table',
  label: '子表',
  group: 'composite',
  settings: z.object({
    minRows: z.number().int().min(0).default(0),
    maxRows: z.number().int().min(1).max(1000, { message: '子表最多1000行' }).default(200),
    addLabel: z.string().max(20).default('添加一行'),
  }),
  value: (field, context) => {
    const shape: Record<string, z.ZodType> = {};
    for (const child of field.fields ?? []) shape[child.id] = context.rowFieldSchema(child);
    const { minRows, maxRows } = field.settings;
    // z.object drops unknown keys, such as the row index key formily's ArrayTable adds
    return z
      .array(z.object(shape), { message: `“${field.label}”必须是行的列表` })
      .min(minRows, { message: `“${field.label}”至少${minRows}行` })
      .max(maxRows, { message: `“${field.label}”最多${maxRows}行` });
  },
  emptyVerb: '填写',
  columns: [],
  childTable: true,
  checkField: (field) => {
    const issues: FieldConfigIssue[] = [];
    const children = field.fields ?? [];
    if (children.length === 0) issues.push({ path: ['fields'], message: `子表“${field.label}”至少要有一列` });
    if (field.settings.minRows > field.settings.maxRows) issues.push({ path: ['settings', 'minRows'], message: `子表“${field.label}”的最少行数大于最多行数` });
    return issues;
  },
  convertTo: {},
  example: (field) => [Object.fromEntries((field.fields ?? []).map((child) => [child.id, undefined]))],
});
