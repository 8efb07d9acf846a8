import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Drawer, Form, Input, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { capabilityLabels, newId, type Capability, type RoleDocument } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { capabilityGroups } from '../capabilityGroups.js';
import { useCanEdit, useInvalidateAdmin } from '../adminData.js';
import { showIssues, showSaveError, validateDocument, withoutEmpty } from '../documentForm.js';

type RoleRow = { document: RoleDocument; updatedAt: string; updatedBy: string | null };
type RoleValues = { name: string; description?: string; capabilities: Capability[] };

const groups = capabilityGroups();

function RoleDrawer({ role, onClose, onSaved }: { role?: RoleDocument; onClose: () => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<RoleValues>();
  const save = useMutation(trpc.admin.documents.save.mutationOptions());

  const submit = async (values: RoleValues) => {
    const base: Record<string, unknown> = role ? { ...role } : { kind: 'role', id: newId('role'), version: 1, schemaVersion: 1 };
    const document = withoutEmpty({ ...base, ...values, capabilities: values.capabilities ?? [] });
    const issues = validateDocument('role', document);
    if (issues.length > 0) return showIssues({ form, issues, message });
    try {
      await save.mutateAsync({ document, mode: role ? 'update' : 'create' });
      await invalidate();
      message.success(role ? '已保存（已登录用户的权限在下次请求时生效）' : `已创建角色“${values.name}”`);
      onSaved();
    } catch (error) {
      showSaveError({ form, error, message });
    }
  };

  return (
    <Drawer
      open
      width={640}
      title={role ? `编辑角色“${role.name}”` : '新增角色'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<RoleValues>
        name="role"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={role ? { name: role.name, description: role.description, capabilities: role.capabilities } : { capabilities: [] }}
      >
        <Form.Item label="角色名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入角色名称' }, { max: 50, message: '角色名称不能超过50个字符' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="说明" name="description" rules={[{ max: 500, message: '说明不能超过500个字符' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label="权限" name="capabilities" rules={[{ required: true, type: 'array', min: 1, message: '角色至少要有一项权限' }]}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              {groups.map((group) => (
                <div key={group.key}>
                  <Typography.Text strong>{group.label}</Typography.Text>
                  <Row gutter={[8, 4]} style={{ marginTop: 4 }}>
                    {group.capabilities.map((capability) => (
                      <Col key={capability.value} span={12}>
                        <Checkbox value={capability.value}>{capability.label}</Checkbox>
                      </Col>
                    ))}
                  </Row>
                </div>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 角色: named sets of capabilities; users get the union of their roles' capabilities. */
export function RolesPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { message } = App.useApp();
  const canEdit = useCanEdit('admin.role.edit');
  const invalidate = useInvalidateAdmin();
  const actionRef = useRef<ActionType>(null);
  const [editing, setEditing] = useState<{ role?: RoleDocument }>();
  const remove = useMutation(trpc.admin.documents.remove.mutationOptions());

  const removeRole = async (role: RoleDocument) => {
    try {
      await remove.mutateAsync({ kind: 'role', id: role.id });
      await invalidate();
      message.success(`已删除角色“${role.name}”`);
      actionRef.current?.reload();
    } catch (error) {
      message.error({ content: errorMessage(error, '删除失败'), duration: 8 });
    }
  };

  const columns: ProColumns<RoleRow>[] = [
    { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '角色名称或标识' } },
    { title: '角色名称', dataIndex: ['document', 'name'], search: false, width: 140 },
    { title: '说明', dataIndex: ['document', 'description'], search: false, ellipsis: true, width: 260 },
    {
      title: '权限',
      dataIndex: ['document', 'capabilities'],
      search: false,
      render: (_dom, row) => (
        <Space size={[0, 4]} wrap>
          {row.document.capabilities.map((capability) => (
            <Tag key={capability} color={capability.endsWith('.access') ? 'blue' : undefined}>
              {capabilityLabels[capability]}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      hideInTable: !canEdit,
      render: (_dom, row) => [
        <a key="edit" onClick={() => setEditing({ role: row.document })}>
          编辑
        </a>,
        <Popconfirm
          key="delete"
          title={`删除角色“${row.document.name}”？`}
          description="仍有用户使用的角色不能删除。删除后不可恢复。"
          okText="删除"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          onConfirm={() => removeRole(row.document)}
        >
          <Typography.Link type="danger">删除</Typography.Link>
        </Popconfirm>,
      ],
    },
  ];

  return (
    <PageContainer title="角色" content="角色是一组权限；“进入……”类权限决定用户能看到哪些功能区。">
      <ProTable<RoleRow, { current?: number; pageSize?: number; search?: string }>
        rowKey={(row) => row.document.id}
        actionRef={actionRef}
        columns={columns}
        request={async (params) => {
          try {
            const result = await client.admin.documents.list.query({
              kind: 'role',
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
              search: params.search?.trim() || undefined,
            });
            return { data: result.rows as RoleRow[], total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, '加载角色失败'));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20 }}
        search={{ labelWidth: 'auto' }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '尚未配置角色' }}
        headerTitle="角色列表"
        toolBarRender={() =>
          canEdit
            ? [
                <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                  新增角色
                </Button>,
              ]
            : []
        }
      />
      {editing && (
        <RoleDrawer
          role={editing.role}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            actionRef.current?.reload();
          }}
        />
      )}
    </PageContainer>
  );
}
