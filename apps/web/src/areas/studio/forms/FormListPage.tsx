import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { newId, type FormDocument } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { VersionTags } from '../flows/FlowListPage.js';
import { useSingleFlight } from '../../../lib/singleFlight.js';
import { searchMaxLength } from '../../../lib/search.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Row = RouterOutputs['studio']['forms']['list']['rows'][number];

function NewFormModal({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const save = useMutation(trpc.studio.forms.saveDraft.mutationOptions());
  // A double click on 创建 must not create two drafts with two new ids.
  const flight = useSingleFlight({ closeAfterSuccess: true });
  const submit = async (values: { name: string }) => {
    const document: FormDocument = {
      kind: 'form',
      id: newId('form'),
      version: 1,
      schemaVersion: 1,
      name: values.name.trim(),
      sections: [{ id: 's_main', title: '基本信息', columns: 2, fields: [] }],
      rules: [],
    } as unknown as FormDocument;
    try {
      await save.mutateAsync({ document });
      message.success(`已创建表单草稿“${document.name}”`);
      navigate(`/studio/forms/${document.id}`);
    } catch (error) {
      message.error(errorMessage(error, '创建失败'));
      return false;
    }
  };
  return (
    <Modal open title="新建表单" okText="创建" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name="new-form" onFinish={(values) => flight.run(() => submit(values))}>
        <Form.Item label="表单名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入表单名称' }, { max: 100, message: '表单名称不能超过100个字符' }]}>
          <Input placeholder="如：食品经营许可申请表" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 表单设计: every form with its version in force and draft state. */
export function FormListPage() {
  const client = useTRPCClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const columns: ProColumns<Row>[] = [
    { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '表单名称或标识', maxLength: searchMaxLength } },
    { title: '表单名称', dataIndex: 'name', search: false, render: (_dom, row) => <Link to={`/studio/forms/${row.id}`}>{row.name}</Link> },
    { title: '标识', dataIndex: 'id', search: false, width: 260, copyable: true },
    { title: '状态', dataIndex: 'publishedVersion', search: false, width: 200, render: (_dom, row) => <VersionTags row={row} /> },
    { title: '最近修改', dataIndex: 'draftUpdatedAt', search: false, width: 180, render: (_dom, row) => chinaDateTime(row.draftUpdatedAt ?? row.publishedAt ?? 0) },
    { title: '操作', valueType: 'option', width: 90, render: (_dom, row) => [<Link key="design" to={`/studio/forms/${row.id}`}>设计</Link>] },
  ];
  return (
    <PageContainer title="表单设计" content="设计申请表单。发布时自动建立或扩展该表单的数据表：只增加列，从不删除数据。">
      <ProTable<Row, { current?: number; pageSize?: number; search?: string }>
        rowKey="id"
        columns={columns}
        request={async (params) => {
          try {
            const result = await client.studio.forms.list.query({ page: params.current ?? 1, pageSize: params.pageSize ?? 20, search: params.search?.trim() || undefined });
            return { data: result.rows, total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, '加载表单失败'));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        search={{ labelWidth: 'auto' }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '没有符合条件的表单' }}
        headerTitle="表单列表"
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建表单
          </Button>,
        ]}
      />
      {creating && <NewFormModal onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}
