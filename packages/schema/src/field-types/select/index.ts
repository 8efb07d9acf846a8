import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { keep, toList } from '../convert.js';
import { checkChoiceField, choiceCode, choiceSettings } from '../shared.js';

/** 单选: one option code, from inline options or a dictionary; stored as `text`. */
export const selectField = defineFieldType({
  type: 'select',
  label: '单选',
  group: 'choice',
  settings: z.object({
    ...choiceSettings,
    display: z.enum(['select', 'radio'], { message: '显示方式应为下拉框或单选按钮' }).default('select'),
  }),
  value: (field, context) => choiceCode(field, context),
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'text' }],
  checkField: checkChoiceField,
  convertTo: { text: keep, 'multi-select': toList },
  example: (field) => field.settings.options[0]?.value ?? '1',
});
