import { ArrayTable } from '@formily/antd-v5';
import type { ISchema } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';

/** formily's ArrayTable: one column per child field, plus index and row operations. */
export const subTableRenderer = {
  componentName: 'ArrayTable',
  component: ArrayTable,
  valueType: 'array',
  props: () => ({ pagination: { pageSize: 20 }, scroll: { x: '100%' } }),
  schema: (field, context) => {
    const columns: Record<string, ISchema> = {
      __column_index: {
        type: 'void',
        'x-component': 'ArrayTable.Column',
        'x-component-props': { title: '序号', width: 60, align: 'center' },
        properties: { __index: { type: 'void', 'x-component': 'ArrayTable.Index' } },
      },
    };
    for (const child of field.fields ?? []) {
      columns[`__column_${child.id}`] = {
        type: 'void',
        'x-component': 'ArrayTable.Column',
        // the header carries the label (and the required mark) for every row's cell
        'x-component-props': {
          title: child.required ? (
            <>
              <span style={{ color: '#ff4d4f', marginInlineEnd: 4 }}>*</span>
              {child.label}
            </>
          ) : (
            child.label
          ),
          width: 180,
        },
        properties: { [child.id]: context.childSchema(child) },
      };
    }
    columns.__column_operations = {
      type: 'void',
      'x-component': 'ArrayTable.Column',
      'x-component-props': { title: '操作', width: 120, fixed: 'right' },
      properties: {
        __remove: { type: 'void', 'x-component': 'ArrayTable.Remove' },
        __up: { type: 'void', 'x-component': 'ArrayTable.MoveUp' },
        __down: { type: 'void', 'x-component': 'ArrayTable.MoveDown' },
      },
    };
    return {
      items: { type: 'object', properties: columns },
      properties: {
        __add: { type: 'void', title: String(field.settings.addLabel ?? '添加一行'), 'x-component': 'ArrayTable.Addition' },
      },
    };
  },
} satisfies FieldRenderer;
