import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../../auth/CurrentUserContext.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { useItemColumns } from '../items/useItemColumns.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type CatalogueRow = RouterOutputs['studio']['items']['catalogue']['rows'][number];
type Template = RouterOutputs['studio']['items']['announcements']['templates']['templates'][number];

const typeLabels: Record<string, { label: string; color: string }> = {
  added: { label: '新增', color: 'green' },
  changed: { label: '变更', color: 'orange' },
  abolished: { label: '废止', color: 'red' },
};

function CatalogueTable() {
  const client = useTRPCClient();
  const { message } = App.useApp();
  const item = useItemColumns<CatalogueRow>();
  const columns: ProColumns<CatalogueRow>[] = [
    item.search,
    { title: '基本编码', dataIndex: ['codes', 'basic'], search: false, width: 130, copyable: true },
    { ...item.name, width: 260 },
    item.category,
    item.caseType,
    item.department,
    item.level,
    { title: '法定/承诺时限', search: false, width: 130, render: (_dom, row) => `${row.statutory} / ${row.promised} 工作日` },
    { title: '实施编码', dataIndex: ['codes', 'implementation'], search: false, width: 200, ellipsis: true },
    { title: '版本', dataIndex: 'version', search: false, width: 70, render: (_dom, row) => `第${row.version}版` },
  ];
  return (
    <ProTable<
      CatalogueRow,
      { current?: number; pageSize?: number; search?: string; category?: string; departmentId?: string; level?: string }
    >
      rowKey="id"
      columns={columns}
      request={async (params) => {
        try {
          const result = await client.studio.items.catalogue.query({
            page: params.current ?? 1,
            pageSize: params.pageSize ?? 20,
            search: params.search?.trim() || undefined,
            category: params.category || undefined,
            departmentId: params.departmentId || undefined,
            level: params.level || undefined,
          });
          return { data: result.rows, total: result.total, success: true };
        } catch (error) {
          message.error(errorMessage(error, '加载标准目录失败'));
          return { data: [], total: 0, success: false };
        }
      }}
      pagination={{ defaultPageSize: 20 }}
      search={{ labelWidth: 'auto' }}
      options={{ density: false, setting: false, reload: true }}
      headerTitle="政务服务事项标准目录（现行有效）"
      locale={{ emptyText: '没有符合条件的现行事项' }}
    />
  );
}

function Announcements() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.studio.items.announcements.list.queryOptions({ page, pageSize: 10 }));
  return (
    <List
      className="item-announcements"
      itemLayout="vertical"
      loading={list.isLoading}
      dataSource={list.data?.rows ?? []}
      locale={{ emptyText: '暂无公告' }}
      pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage }}
      renderItem={(row) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Space>
                <Tag color={typeLabels[row.type]?.color}>{typeLabels[row.type]?.label}</Tag>
                <Link to={`/studio/items/${row.itemId}`}>{row.title}</Link>
              </Space>
            }
            description={`${chinaDateTime(row.publishedAt)} · 第${row.version}版`}
          />
          <Typography.Paragraph style={{ marginBottom: 0 }}>{row.body}</Typography.Paragraph>
        </List.Item>
      )}
    />
  );
}

function TemplateCard({ template, placeholders, canEdit }: { template: Template; placeholders: string[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const save = useMutation(trpc.studio.items.announcements.saveTemplate.mutationOptions());
  return (
    <Card size="small" title={`${typeLabels[template.type]?.label}公告模板`} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="vertical"
        disabled={!canEdit}
        initialValues={{ title: template.title, body: template.body }}
        onFinish={async (values) => {
          try {
            await save.mutateAsync({ type: template.type, ...values });
            await queryClient.invalidateQueries({ queryKey: trpc.studio.items.announcements.pathKey() });
            message.success('公告模板已保存，之后发布的公告按新模板生成');
          } catch (error) {
            message.error(errorMessage(error, '保存失败'));
          }
        }}
      >
        <Form.Item label="标题" name="title" rules={[{ required: true, message: '请填写公告标题模板' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          label="正文"
          name="body"
          rules={[{ required: true, message: '请填写公告正文模板' }]}
          extra={`可用占位符：${placeholders.map((key) => `{{${key}}}`).join(' ')}`}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存模板
          </Button>
        )}
      </Form>
    </Card>
  );
}

function Templates() {
  const trpc = useTRPC();
  const canEdit = useCan('studio.item.review');
  const templates = useQuery(trpc.studio.items.announcements.templates.queryOptions());
  if (!templates.data) return null;
  return (
    <>
      {templates.data.templates.map((template) => (
        <TemplateCard key={template.type} template={template} placeholders={templates.data.placeholders} canEdit={canEdit} />
      ))}
    </>
  );
}

/** 事项目录 (R1.4): the standard catalogue of items in force, announcements, announcement templates. */
export function CataloguePage() {
  return (
    <PageContainer title="事项目录" content="审核通过并发布的事项构成标准目录；新增、变更、废止时按公告模板自动生成公告。">
      <Tabs
        items={[
          { key: 'catalogue', label: '标准目录', children: <CatalogueTable /> },
          { key: 'announcements', label: '事项公告', children: <Announcements /> },
          { key: 'templates', label: '公告模板', children: <Templates /> },
        ]}
      />
    </PageContainer>
  );
}
