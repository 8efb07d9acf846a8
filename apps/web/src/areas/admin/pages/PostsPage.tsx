import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { newId, type PostDocument } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { OrganizationTreeSelect } from '../components/OrganizationTreeSelect.js';
import { useCanEdit, useInvalidateAdmin, useOrganizationTree } from '../adminData.js';
import { showIssues, showSaveError, validateDocument, withoutEmpty } from '../documentForm.js';

type PostRow = { document: PostDocument; updatedAt: string; updatedBy: string | null };
type PostValues = { name: string; organizationId?: string; description?: string };

function PostDrawer({ post, onClose, onSaved }: { post?: PostDocument; onClose: () => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<PostValues>();
  const save = useMutation(trpc.admin.documents.save.mutationOptions());

  const submit = async (values: PostValues) => {
    const base: Record<string, unknown> = post ? { ...post } : { kind: 'post', id: newId('post'), version: 1, schemaVersion: 1 };
    const document = withoutEmpty({ ...base, ...values });
    const issues = validateDocument('post', document);
    if (issues.length > 0) return showIssues({ form, issues, message });
    try {
      await save.mutateAsync({ document, mode: post ? 'update' : 'create' });
      await invalidate();
      message.success(post ? '已保存' : `已创建岗位“${values.name}”`);
      onSaved();
    } catch (error) {
      showSaveError({ form, error, message });
    }
  };

  return (
    <Drawer
      open
      width={520}
      title={post ? `编辑岗位“${post.name}”` : '新增岗位'}
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
      <Form<PostValues> name="post" form={form} layout="vertical" onFinish={submit} initialValues={post ? { name: post.name, organizationId: post.organizationId, description: post.description } : {}}>
        <Form.Item label="岗位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入岗位名称' }, { max: 50, message: '岗位名称不能超过50个字符' }]}>
          <Input placeholder="如：受理岗、审核岗、审批岗" />
        </Form.Item>
        <Form.Item label="所属机构" name="organizationId" rules={[{ required: true, message: '请选择所属机构' }]}>
          <OrganizationTreeSelect />
        </Form.Item>
        <Form.Item label="岗位职责" name="description" rules={[{ max: 500, message: '岗位职责不能超过500个字符' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 岗位: posts within organisations; flow steps can assign work to a post. */
export function PostsPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { message } = App.useApp();
  const canEdit = useCanEdit('admin.role.edit');
  const invalidate = useInvalidateAdmin();
  const actionRef = useRef<ActionType>(null);
  const { index: organizations } = useOrganizationTree();
  const [editing, setEditing] = useState<{ post?: PostDocument }>();
  const remove = useMutation(trpc.admin.documents.remove.mutationOptions());

  const removePost = async (post: PostDocument) => {
    try {
      await remove.mutateAsync({ kind: 'post', id: post.id });
      await invalidate();
      message.success(`已删除岗位“${post.name}”`);
      actionRef.current?.reload();
    } catch (error) {
      message.error({ content: errorMessage(error, '删除失败'), duration: 8 });
    }
  };

  const organizationLabel = (id: string) => {
    const entry = organizations.get(id);
    if (!entry) return id;
    return [...entry.ancestors.map((node) => node.name), entry.node.name].slice(-2).join(' / ');
  };

  const columns: ProColumns<PostRow>[] = [
    { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '岗位名称' } },
    { title: '岗位名称', dataIndex: ['document', 'name'], search: false, width: 180 },
    {
      title: '所属机构',
      dataIndex: 'organizationId',
      width: 320,
      renderFormItem: () => <OrganizationTreeSelect />,
      render: (_dom, row) => organizationLabel(row.document.organizationId),
    },
    { title: '岗位职责', dataIndex: ['document', 'description'], search: false, ellipsis: true },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      hideInTable: !canEdit,
      render: (_dom, row) => [
        <a key="edit" onClick={() => setEditing({ post: row.document })}>
          编辑
        </a>,
        <Popconfirm
          key="delete"
          title={`删除岗位“${row.document.name}”？`}
          description="仍有用户或流程环节使用的岗位不能删除。删除后不可恢复。"
          okText="删除"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          onConfirm={() => removePost(row.document)}
        >
          <Typography.Link type="danger">删除</Typography.Link>
        </Popconfirm>,
      ],
    },
  ];

  return (
    <PageContainer title="岗位" content="岗位设在机构之下，流程环节可指派给岗位，由该岗位上的用户办理。">
      <ProTable<PostRow, { current?: number; pageSize?: number; search?: string; organizationId?: string }>
        rowKey={(row) => row.document.id}
        actionRef={actionRef}
        columns={columns}
        request={async (params) => {
          try {
            const result = await client.admin.documents.list.query({
              kind: 'post',
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
              search: params.search?.trim() || undefined,
              organizationId: params.organizationId || undefined,
            });
            return { data: result.rows as PostRow[], total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, '加载岗位失败'));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        search={{ labelWidth: 'auto' }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '没有符合条件的岗位' }}
        headerTitle="岗位列表"
        toolBarRender={() =>
          canEdit
            ? [
                <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                  新增岗位
                </Button>,
              ]
            : []
        }
      />
      {editing && (
        <PostDrawer
          post={editing.post}
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
