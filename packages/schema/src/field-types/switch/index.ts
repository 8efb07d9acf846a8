import { z } from 'zod';
import { defineFieldType } from '../definition.js';
import { fail } from '../convert.js';

/** 开关: yes / no, stored as `boolean`. A required switch must be answered (true or false). */
export const switchField = defineFieldType({
  type: 'switch',
  label: '开关',
  group: 'choice',
  settings: z.object({
    trueLabel: z.string().min(1).max(10).default('是'),
    falseLabel: z.string().min(1).max(10).default('否'),
  }),
  value: (field) => z.boolean({ message: `“${field.label}”必须是“${field.settings.trueLabel}”或“${field.settings.falseLabel}”` }),
  emptyVerb: '选择',
  columns: [{ key: '', sqlType: 'boolean' }],
  convertTo: {
    text: (value) => (typeof value === 'boolean' ? { ok: true, value: value ? '是' : '否' } : fail('值不是是或否')),
    number: (value) => (typeof value === 'boolean' ? { ok: true, value: value ? 1 : 0 } : fail('值不是是或否')),
  },
  example: () => true,
});
