import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail } from '../convert.js';
import { checkChoiceField, choiceCode, choiceSettings } from '../shared.js';

/** 多选: a list of option codes without repeats; stored as `jsonb` (an array of strings). */
export const multiSelectField = defineFieldType({
  type: 'multi-select',
  label: '多选',
  group: 'choice',
  settings: z.object({
    ...choiceSettings,
    display: z.enum(['select', 'checkbox'], { message: '显示方式应为下拉框或复选框' }).default('checkbox'),
    maxItems: z.number().int().min(1).optional(),
  }),
  value: (field, context) => {
    let schema = z
      .array(choiceCode(field, context), { message: `“${field.label}”必须是选项列表` })
      .refine((values) => new Set(values).size === values.length, { message: `“${field.label}”有重复的选项` });
    const { maxItems } = field.settings;
    if (maxItems !== undefined) schema = schema.refine((values) => values.length <= maxItems, { message: `“${field.label}”最多选择${maxItems}项` });
    return schema;
  },
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'jsonb' }],
  checkField: checkChoiceField,
  convertTo: {
    text: (value) => (Array.isArray(value) ? { ok: true, value: value.join('、') } : fail('值不是选项列表')),
    select: (value) => {
      if (!Array.isArray(value)) return fail('值不是选项列表');
      if (value.length > 1) return fail(`选择了${value.length}项，单选只能保留一项`);
      return { ok: true, value: value[0] ?? null };
    },
  },
  example: (field) => field.settings.options.slice(0, 1).map((option) => option.value),
});
