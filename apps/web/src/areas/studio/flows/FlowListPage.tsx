import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { newId } from '@xlgl/schema';
import { emptyFlow } from '@xlgl/designer/flow-designer';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { useSingleFlight } from '../../../lib/singleFlight.js';
import { searchMaxLength } from '../../../lib/search.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Row = RouterOutputs['studio']['flows']['list']['rows'][number];

/** Published version and draft state of a flow or form, as tags. */
export function VersionTags({ row }: { row: { publishedVersion: number | null; hasDraft: boolean } }) {
  return (
    <Space size={4}>
      {row.publishedVersion ? <Tag color="green">已发布 第{row.publishedVersion}版</Tag> : <Tag>未发布</Tag>}
      {row.hasDraft && <Tag color="orange">有草稿</Tag>}
    </Space>
  );
}

function NewFlowModal({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; formId?: string }>();
  const context = useQuery(trpc.studio.flows.context.queryOptions());
  const save = useMutation(trpc.studio.flows.saveDraft.mutationOptions());
  // A double click on 创建 must not create two drafts with two new ids.
  const flight = useSingleFlight({ closeAfterSuccess: true });
  const submit = async (values: { name: string; formId?: string }) => {
    const flow = emptyFlow({ id: newId('flow'), name: values.name.trim(), formId: values.formId });
    try {
      await save.mutateAsync({ document: flow });
      message.success(`已创建流程草稿“${flow.name}”`);
      navigate(`/studio/flows/${flow.id}`);
    } catch (error) {
      message.error(errorMessage(error, '创建失败'));
      return false;
    }
  };
  return (
    <Modal open title="新建流程" okText="创建" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name="new-flow" onFinish={(values) => flight.run(() => submit(values))}>
        <Form.Item label="流程名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入流程名称' }, { max: 100, message: '流程名称不能超过100个字符' }]}>
          <Input placeholder="如：食品经营许可办理流程" />
        </Form.Item>
        <Form.Item label="绑定表单" name="formId" extra="条件分支和字段权限读取此表单已发布版本的字段">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={context.isLoading}
            placeholder="选择已发布的表单（可稍后设置）"
            options={(context.data?.forms ?? []).map((entry) => ({ value: entry.id, label: `${entry.name}（第${entry.version}版）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 流程设计: every flow with its version in force and draft state. */
export function FlowListPage() {
  const client = useTRPCClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const columns: ProColumns<Row>[] = [
    { title: '关键词', dataIndex: 'search', hideInTable: true, fieldProps: { placeholder: '流程名称或标识', maxLength: searchMaxLength } },
    { title: '流程名称', dataIndex: 'name', search: false, render: (_dom, row) => <Link to={`/studio/flows/${row.id}`}>{row.name}</Link> },
    { title: '标识', dataIndex: 'id', search: false, width: 240, copyable: true },
    { title: '绑定表单', dataIndex: 'formId', search: false, width: 220, render: (_dom, row) => row.formId ?? '—' },
    { title: '状态', dataIndex: 'publishedVersion', search: false, width: 200, render: (_dom, row) => <VersionTags row={row} /> },
    { title: '最近修改', dataIndex: 'draftUpdatedAt', search: false, width: 180, render: (_dom, row) => chinaDateTime(row.draftUpdatedAt ?? row.publishedAt ?? 0) },
    { title: '操作', valueType: 'option', width: 90, render: (_dom, row) => [<Link key="design" to={`/studio/flows/${row.id}`}>设计</Link>] },
  ];
  return (
    <PageContainer title="流程设计" content="以图形方式设计办理流程。保存的草稿不影响正在办理的办件；发布前检查流程的完整性与可靠性，发布后新办件使用新版本。">
      <ProTable<Row, { current?: number; pageSize?: number; search?: string }>
        rowKey="id"
        columns={columns}
        request={async (params) => {
          try {
            const result = await client.studio.flows.list.query({ page: params.current ?? 1, pageSize: params.pageSize ?? 20, search: params.search?.trim() || undefined });
            return { data: result.rows, total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, '加载流程失败'));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        search={{ labelWidth: 'auto' }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '没有符合条件的流程' }}
        headerTitle="流程列表"
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建流程
          </Button>,
        ]}
      />
      {creating && <NewFlowModal onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}
