import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { documentTemplatePurposes } from '@xlgl/schema';
import { searchMaxLength } from '../../../lib/search.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useSingleFlight } from '../../../lib/singleFlight.js';
import { useTRPC, type RouterOutputs } from '../../../trpc.js';
import { blankTemplate, type TemplateKind } from './templateModel.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Row = RouterOutputs['templates']['list'][number];
const kindPath = (kind: TemplateKind) => (kind === 'certificate-template' ? 'certificate' : 'document');

function NewTemplateModal({ kind, onClose }: { kind: TemplateKind; onClose: () => void }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; certificateName?: string; purpose?: string; formId?: string; departmentId?: string }>();
  const choices = useQuery(trpc.templates.choices.queryOptions());
  const save = useMutation(trpc.templates.saveDraft.mutationOptions());
  // A double click on 创建 must not create two templates with two new ids.
  const flight = useSingleFlight({ closeAfterSuccess: true });
  const submit = async (values: { name: string; certificateName?: string; purpose?: string; formId?: string; departmentId?: string }) => {
    const document = blankTemplate(kind, { ...values, name: values.name.trim() });
    try {
      await save.mutateAsync({ kind, document });
      navigate(`/studio/templates/${kindPath(kind)}/${document.id}`);
    } catch (error) {
      message.error(errorMessage(error, '创建失败'));
      return false;
    }
  };
  return (
    <Modal
      open
      title={kind === 'certificate-template' ? '新建证照模板' : '新建文书模板'}
      okText="创建"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="new-template" onFinish={(values) => flight.run(() => submit(values))}>
        <Form.Item
          label="模板名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入模板名称' },
            { max: 100, message: '模板名称不能超过100个字符' },
          ]}
        >
          <Input placeholder={kind === 'certificate-template' ? '如：公共场所卫生许可证' : '如：受理通知书（市场监管局）'} />
        </Form.Item>
        {kind === 'certificate-template' ? (
          <Form.Item label="证照名称" name="certificateName" rules={[{ required: true, whitespace: true, message: '请输入证照名称' }]}>
            <Input placeholder="打印在证照上的名称" />
          </Form.Item>
        ) : (
          <Form.Item label="文书用途" name="purpose" initialValue="other" rules={[{ required: true }]}>
            <Select options={Object.entries(documentTemplatePurposes).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item label="所属部门（用印部门）" name="departmentId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(choices.data?.departments ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
          />
        </Form.Item>
        <Form.Item label="绑定表单（可绑定其字段）" name="formId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(choices.data?.forms ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TemplateTable({ kind }: { kind: TemplateKind }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.templates.list.queryOptions({ kind }));
  const [search, setSearch] = useState('');
  const keyword = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (row) => !keyword || [row.name, row.id, String(row.detail ?? '')].some((text) => text.toLowerCase().includes(keyword)),
  );
  return (
    <>
      <Input.Search
        allowClear
        aria-label="搜索模板"
        placeholder="按模板名称、证照名称或标识搜索"
        maxLength={searchMaxLength}
        style={{ maxWidth: 360, marginBottom: 12 }}
        onSearch={setSearch}
        onChange={(event) => {
          if (!event.target.value) setSearch('');
        }}
      />
      {list.error && <Alert type="error" showIcon message={errorMessage(list.error, '加载模板失败')} style={{ marginBottom: 12 }} />}
      <Table<Row>
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 个模板` }}
        locale={{ emptyText: keyword ? '没有符合条件的模板' : '还没有模板' }}
        columns={[
          {
            title: '模板名称',
            dataIndex: 'name',
            render: (name: string, row) => <Link to={`/studio/templates/${kindPath(kind)}/${row.id}`}>{name}</Link>,
          },
          {
            title: kind === 'certificate-template' ? '证照名称' : '用途',
            dataIndex: 'detail',
            render: (detail: string) =>
              kind === 'document-template' ? ((documentTemplatePurposes as Record<string, string>)[detail] ?? detail) : detail,
          },
          { title: '标识', dataIndex: 'id', width: 240 },
          {
            title: '状态',
            width: 200,
            render: (_value, row) => (
              <>
                {row.version ? <Tag color="green">第 {row.version} 版</Tag> : <Tag>未发布</Tag>}
                {row.hasDraft && <Tag color="orange">草稿</Tag>}
              </>
            ),
          },
          { title: '最近修改', dataIndex: 'updatedAt', width: 180, render: (value: string) => chinaDateTime(value) },
        ]}
      />
    </>
  );
}

/** 证照与文书模板: both kinds in tabs, each with its versions and drafts. */
export function TemplateListPage() {
  const [params, setParams] = useSearchParams();
  const kind: TemplateKind = params.get('kind') === 'document' ? 'document-template' : 'certificate-template';
  const [creating, setCreating] = useState(false);
  return (
    <PageContainer
      title="证照与文书模板"
      content="设计证照和文书的版式：页面上放置固定文字、绑定字段、二维码和印章；预览使用与打印相同的生成器。"
      extra={[
        <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {kind === 'certificate-template' ? '新建证照模板' : '新建文书模板'}
        </Button>,
      ]}
    >
      <Tabs
        activeKey={kind}
        onChange={(key) => setParams(key === 'document-template' ? { kind: 'document' } : {})}
        items={[
          { key: 'certificate-template', label: '证照模板', children: <TemplateTable kind="certificate-template" /> },
          { key: 'document-template', label: '文书模板', children: <TemplateTable kind="document-template" /> },
        ]}
      />
      {creating && <NewTemplateModal kind={kind} onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}
