import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { newId, type UserDocument } from '@xlgl/schema';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { OrganizationTreeSelect } from '../components/OrganizationTreeSelect.js';
import { useCanEdit, useInvalidateAdmin, useOrganizationTree, usePosts, useRoles } from '../adminData.js';
import { showIssues, showSaveError, validateDocument, withoutEmpty } from '../documentForm.js';
import { listUsers, type UserRow } from '../listUsers.js';
import { useSingleFlight } from '../../../lib/singleFlight.js';
import { useDiscardGuard } from '../../../lib/useLeaveGuard.js';
import { searchMaxLength } from '../../../lib/search.js';

/** The password rule the server enforces (auth/passwords.ts), checked before sending. */
const passwordRules = [
  { required: true, message: '请输入密码' },
  { min: 8, message: '密码至少8位' },
  { max: 128, message: '密码不能超过128位' },
  { pattern: /^(?=.*[A-Za-z])(?=.*\d)/, message: '密码必须同时包含字母和数字' },
];

type UserValues = {
  account: string;
  name: string;
  organizationId?: string;
  roleIds: string[];
  postIds: string[];
  mobile?: string;
  active: boolean;
  password?: string;
  confirmPassword?: string;
};

type SearchParams = { current?: number; pageSize?: number; search?: string; organizationId?: string; roleId?: string };

function UserDrawer({ user, onClose, onSaved }: { user?: UserDocument; onClose: () => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<UserValues>();
  const organizationId = Form.useWatch('organizationId', form);
  const selectedPosts = Form.useWatch('postIds', form);
  const { roles } = useRoles();
  const { posts } = usePosts();
  const save = useMutation(trpc.admin.documents.save.mutationOptions());
  const flight = useSingleFlight();
  const resetPassword = useMutation(trpc.admin.users.resetPassword.mutationOptions());
  const creating = !user;
  const initialValues = useMemo<Partial<UserValues>>(
    () =>
      user
        ? { account: user.account, name: user.name, organizationId: user.organizationId, roleIds: user.roleIds, postIds: user.postIds, mobile: user.mobile, active: user.active }
        : { roleIds: [], postIds: [], active: true },
    [user],
  );
  // Closing with changed fields asks first; a save closes the drawer without asking.
  const close = useDiscardGuard(form, initialValues, '用户信息的修改').guardClose(onClose);

  const postOptions = posts
    .filter((post) => post.organizationId === organizationId || selectedPosts?.includes(post.id))
    .map((post) => ({ value: post.id, label: post.name }));

  const submit = async (values: UserValues) => {
    const { password, confirmPassword: _confirm, ...fields } = values;
    const base: Record<string, unknown> = user ? { ...user } : { kind: 'user', id: newId('usr'), version: 1, schemaVersion: 1 };
    const document = withoutEmpty({ ...base, ...fields, account: fields.account.trim(), postIds: fields.postIds ?? [] });
    const issues = validateDocument('user', document);
    if (issues.length > 0) return showIssues({ form, issues, message });
    let saved: { id: string };
    try {
      saved = await save.mutateAsync({ document, mode: creating ? 'create' : 'update' });
    } catch (error) {
      return showSaveError({ form, error, message, conflictField: 'account' });
    }
    if (creating && password) {
      try {
        await resetPassword.mutateAsync({ userId: saved.id, password });
      } catch (error) {
        message.error({ content: `用户已创建，但设置初始密码失败：${errorMessage(error)}。请在列表中使用“重置密码”。`, duration: 10 });
      }
    }
    await invalidate();
    message.success(creating ? `已创建用户“${values.name}”` : '已保存');
    onSaved();
  };

  return (
    <Drawer
      open
      width={560}
      title={creating ? '新增用户' : `编辑用户“${user.name}”`}
      onClose={close}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={save.isPending || resetPassword.isPending} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<UserValues>
        name="user"
        form={form}
        layout="vertical"
        onFinish={(values) => flight.run(() => submit(values))}
        initialValues={initialValues}
      >
        <Form.Item
          label="账号"
          name="account"
          extra={creating ? '用于登录，创建后不可修改' : undefined}
          rules={[
            { required: true, whitespace: true, message: '请输入账号' },
            { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: '账号须以小写字母开头，3–32位小写字母、数字、点、下划线或连字符' },
          ]}
        >
          <Input disabled={!creating} placeholder="如：xl.window2" autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 30, message: '姓名不能超过30个字符' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="所属机构" name="organizationId" rules={[{ required: true, message: '请选择所属机构' }]}>
          <OrganizationTreeSelect />
        </Form.Item>
        <Form.Item label="角色" name="roleIds" rules={[{ required: true, type: 'array', min: 1, message: '用户至少要有一个角色' }]}>
          <Select mode="multiple" placeholder="请选择角色" options={roles.map((role) => ({ value: role.id, label: role.name }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item label="岗位" name="postIds" extra={organizationId ? '可选所属机构的岗位' : '请先选择所属机构'}>
          <Select mode="multiple" placeholder="请选择岗位" options={postOptions} optionFilterProp="label" notFoundContent="该机构尚未设置岗位" />
        </Form.Item>
        <Form.Item label="手机号码" name="mobile" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号码格式不正确' }]}>
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item label="启用" name="active" valuePropName="checked" extra="停用的用户不能登录">
          <Switch />
        </Form.Item>
        {creating && (
          <>
            <Form.Item label="初始密码" name="password" rules={passwordRules} validateFirst extra="至少8位，须同时包含字母和数字">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认密码"
              name="confirmPassword"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_rule, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}

const noPassword = {};

function ResetPasswordModal({ user, onClose }: { user: UserDocument; onClose: () => void }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; confirmPassword: string }>();
  const resetPassword = useMutation(trpc.admin.users.resetPassword.mutationOptions());
  const close = useDiscardGuard(form, noPassword, '新密码').guardClose(onClose);

  const submit = async ({ password }: { password: string }) => {
    try {
      await resetPassword.mutateAsync({ userId: user.id, password });
      message.success(`已重置“${user.name}”的密码，账号如被锁定也已解锁`);
      onClose();
    } catch (error) {
      form.setFields([{ name: 'password', errors: [errorMessage(error, '重置密码失败')] }]);
    }
  };

  return (
    <Modal open title={`重置“${user.name}”（${user.account}）的密码`} okText="重置密码" confirmLoading={resetPassword.isPending} onOk={() => form.submit()} onCancel={close} destroyOnHidden>
      <Typography.Paragraph type="secondary">重置后该用户的其他登录会话将被注销，请将新密码当面或通过安全渠道告知本人。</Typography.Paragraph>
      <Form name="reset-password" form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="新密码" name="password" rules={passwordRules} validateFirst extra="至少8位，须同时包含字母和数字">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 用户: search, filter by organisation and role, paginate; create / edit / reset password / deactivate / delete. */
export function UsersPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const canEdit = useCanEdit('admin.user.edit');
  const invalidate = useInvalidateAdmin();
  const actionRef = useRef<ActionType>(null);
  const { index: organizations } = useOrganizationTree();
  const { roles } = useRoles();
  const [editing, setEditing] = useState<{ user?: UserDocument }>();
  const [resetting, setResetting] = useState<UserDocument>();
  const save = useMutation(trpc.admin.documents.save.mutationOptions());
  const remove = useMutation(trpc.admin.documents.remove.mutationOptions());
  const roleNames = useMemo(() => new Map(roles.map((role) => [role.id, role.name])), [roles]);

  const reload = () => actionRef.current?.reload();

  const setActive = async (user: UserDocument, active: boolean) => {
    try {
      await save.mutateAsync({ document: { ...user, active }, mode: 'update' });
      await invalidate();
      message.success(active ? `已启用“${user.name}”` : `已停用“${user.name}”，其登录会话已注销`);
      reload();
    } catch (error) {
      message.error(errorMessage(error, active ? '启用失败' : '停用失败'));
    }
  };

  const removeUser = async (user: UserDocument) => {
    try {
      await remove.mutateAsync({ kind: 'user', id: user.id });
      await invalidate();
      message.success(`已删除用户“${user.name}”`);
      reload();
    } catch (error) {
      message.error({ content: errorMessage(error, '删除失败'), duration: 8 });
    }
  };

  // Choosing a centre lists the staff of its departments and windows too.
  const subtreeIds = (id: string) => {
    const ids = [id];
    for (const [candidate, entry] of organizations) if (entry.ancestors.some((ancestor) => ancestor.id === id)) ids.push(candidate);
    return ids;
  };

  const organizationLabel = (id: string) => {
    const entry = organizations.get(id);
    if (!entry) return id;
    const centre = [...entry.ancestors].reverse().find((node) => node.type === 'centre');
    return centre && centre.id !== id ? `${centre.name} / ${entry.node.name}` : entry.node.name;
  };

  const columns: ProColumns<UserRow>[] = [
    { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '账号或姓名', maxLength: searchMaxLength } },
    { title: '账号', dataIndex: ['document', 'account'], search: false, width: 140 },
    { title: '姓名', dataIndex: ['document', 'name'], search: false, width: 100 },
    {
      title: '所属机构',
      dataIndex: 'organizationId',
      width: 240,
      renderFormItem: () => <OrganizationTreeSelect />,
      render: (_dom, row) => organizationLabel(row.document.organizationId),
    },
    {
      title: '角色',
      dataIndex: 'roleId',
      width: 200,
      renderFormItem: () => <Select allowClear placeholder="全部角色" options={roles.map((role) => ({ value: role.id, label: role.name }))} />,
      render: (_dom, row) => (
        <Space size={[0, 4]} wrap>
          {row.document.roleIds.map((id) => (
            <Tag key={id}>{roleNames.get(id) ?? id}</Tag>
          ))}
        </Space>
      ),
    },
    { title: '手机号码', dataIndex: ['document', 'mobile'], search: false, width: 130 },
    {
      title: '状态',
      dataIndex: ['document', 'active'],
      search: false,
      width: 80,
      render: (_dom, row) => (row.document.active ? <Badge status="success" text="启用" /> : <Badge status="default" text="停用" />),
    },
    { title: '更新时间', dataIndex: 'updatedAt', valueType: 'dateTime', search: false, width: 170 },
    {
      title: '操作',
      valueType: 'option',
      width: 240,
      hideInTable: !canEdit,
      render: (_dom, row) => {
        const user = row.document;
        const self = user.id === me.id;
        return [
          <a key="edit" onClick={() => setEditing({ user })}>
            编辑
          </a>,
          <a key="reset" onClick={() => setResetting(user)}>
            重置密码
          </a>,
          user.active ? (
            <Popconfirm
              key="deactivate"
              title={`停用“${user.name}”？`}
              description="停用后该用户不能登录，已登录的会话立即失效。"
              okText="停用"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              disabled={self}
              onConfirm={() => setActive(user, false)}
            >
              <Typography.Link type="danger" disabled={self} title={self ? '不能停用当前登录的用户' : undefined}>
                停用
              </Typography.Link>
            </Popconfirm>
          ) : (
            <a key="activate" onClick={() => setActive(user, true)}>
              启用
            </a>
          ),
          <Popconfirm
            key="delete"
            title={`删除“${user.name}”？`}
            description="删除后不可恢复；如只是暂停使用，请改为停用。"
            okText="删除"
            cancelText="取消"
            okButtonProps={{ danger: true }}
            disabled={self}
            onConfirm={() => removeUser(user)}
          >
            <Typography.Link type="danger" disabled={self} title={self ? '不能删除当前登录的用户' : undefined}>
              删除
            </Typography.Link>
          </Popconfirm>,
        ];
      },
    },
  ];

  return (
    <PageContainer title="用户" content="维护工作人员账号：所属机构、角色与岗位决定其可用的功能和可办理的事项。">
      <ProTable<UserRow, SearchParams>
        rowKey={(row) => row.document.id}
        actionRef={actionRef}
        columns={columns}
        // Fixed column widths add up to more than a 1280-pixel screen leaves: scroll sideways rather than squeeze 所属机构 to one character per line.
        scroll={{ x: 1300 }}
        request={async (params) => {
          try {
            const result = await listUsers((input) => client.admin.documents.list.query(input), {
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
              search: params.search?.trim() || undefined,
              organizationIds: params.organizationId ? subtreeIds(params.organizationId) : undefined,
              roleId: params.roleId || undefined,
            });
            return { data: result.rows, total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, '加载用户失败'));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '没有符合条件的用户' }}
        headerTitle="用户列表"
        toolBarRender={() =>
          canEdit
            ? [
                <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                  新增用户
                </Button>,
              ]
            : []
        }
      />
      {editing && (
        <UserDrawer
          user={editing.user}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        <KeyOutlined /> 连续输错密码被锁定的账号，重置密码后即解锁。
      </Typography.Text>
    </PageContainer>
  );
}
