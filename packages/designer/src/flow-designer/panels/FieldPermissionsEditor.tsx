import { Button, Empty, Radio, Space, Table } from 'antd';
import type { FieldPermission } from '@xlgl/schema';
import type { FlowFormField } from '../types.js';

const labels: Record<FieldPermission, string> = { edit: '编辑', read: '只读', hidden: '隐藏' };

type Props = {
  value: Record<string, FieldPermission>;
  onChange: (value: Record<string, FieldPermission>) => void;
  fields: FlowFormField[];
  readOnly?: boolean;
};

/** Per-field permission on the bound form: edit / read / hidden; read is the default and not stored. */
export function FieldPermissionsEditor({ value, onChange, fields, readOnly }: Props) {
  const visible = fields.filter((field) => !field.removed);
  if (visible.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="流程未绑定表单或表单没有字段" />;
  const setAll = (permission: FieldPermission) =>
    onChange(permission === 'read' ? {} : Object.fromEntries(visible.map((field) => [field.id, permission])));
  const set = (fieldId: string, permission: FieldPermission) => {
    const next = { ...value };
    if (permission === 'read') delete next[fieldId];
    else next[fieldId] = permission;
    onChange(next);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      {!readOnly && (
        <Space size={4}>
          <Button size="small" onClick={() => setAll('edit')}>全部可编辑</Button>
          <Button size="small" onClick={() => setAll('read')}>全部只读</Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={visible.length > 12 ? { pageSize: 12, size: 'small' } : false}
        dataSource={visible}
        columns={[
          { title: '字段', dataIndex: 'label', ellipsis: true },
          {
            title: '权限',
            width: 170,
            render: (_, field: FlowFormField) => (
              <Radio.Group
                size="small"
                disabled={readOnly}
                value={value[field.id] ?? 'read'}
                onChange={(event) => set(field.id, event.target.value)}
                options={(Object.keys(labels) as FieldPermission[]).map((permission) => ({ value: permission, label: labels[permission] }))}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
