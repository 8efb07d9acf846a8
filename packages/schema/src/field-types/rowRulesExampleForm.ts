/**
 * A form with rules inside a sub-table (tests and documentation): in 设备清单, a row's 检定日期 shows
 * and is required only for 特种设备; 金额 = 数量 × 单价 × (1 + the top-level 税率). `columns` adds columns.
 */
export function rowRulesExampleForm(columns: Record<string, unknown>[] = []) {
  return {
    kind: 'form',
    id: 'form-equipment',
    version: 1,
    schemaVersion: 1,
    name: '设备清单',
    sections: [
      {
        id: 's_main',
        title: '基本信息',
        fields: [
          { id: 'tax_rate', type: 'number', label: '税率', settings: { decimals: 2 } },
          {
            id: 'devices',
            type: 'sub-table',
            label: '设备清单',
            fields: [
              { id: 'name', type: 'text', label: '设备名称', required: true },
              { id: 'special', type: 'switch', label: '特种设备' },
              {
                id: 'inspected_on',
                type: 'date',
                label: '检定日期',
                required: true,
                visibleWhen: { op: 'eq', left: { op: 'field', field: 'special' }, right: { op: 'literal', value: true } },
              },
              { id: 'quantity', type: 'number', label: '数量' },
              { id: 'price', type: 'money', label: '单价' },
              {
                id: 'amount',
                type: 'money',
                label: '金额',
                computed: {
                  op: 'mul',
                  left: { op: 'mul', left: { op: 'field', field: 'quantity' }, right: { op: 'field', field: 'price' } },
                  right: { op: 'add', left: { op: 'literal', value: 1 }, right: { op: 'field', field: 'tax_rate' } },
                },
              },
              ...columns,
            ],
          },
        ],
      },
    ],
  };
}
