import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTRPC } from '../../../trpc.js';
import { searchMaxLength } from '../../../lib/search.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

const statusLabels = {
  pending: { label: '待发送', color: 'blue' },
  sent: { label: '已发送', color: 'green' },
  recorded: { label: '已记录（本地网关）', color: 'default' },
  failed: { label: '发送失败', color: 'red' },
} as const;
type Status = keyof typeof statusLabels;
const pageSize = 20;

/** 短信发件箱: texts for cards and urges, with the gateway's outcome; newest first, searchable. */
export default function OutboxPage() {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const outbox = useQuery({
    ...trpc.supervision.outbox.queryOptions({ page, pageSize, search: search || undefined, status }),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
  return (
    <PageContainer title="短信发件箱">
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <Input.Search maxLength={searchMaxLength}
            aria-label="搜索短信"
            placeholder="办件编号、事项或内容"
            allowClear
            style={{ width: 280 }}
            onSearch={(value) => {
              setSearch(value.trim());
              setPage(1);
            }}
          />
          <Select
            aria-label="发送状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 180 }}
            value={status}
            onChange={(value: Status | undefined) => {
              setStatus(value);
              setPage(1);
            }}
            options={Object.entries(statusLabels).map(([value, { label }]) => ({ value, label }))}
          />
        </Space>
        {/* A failed load must not read as 暂无短信. */}
        {outbox.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorMessage(outbox.error, '加载短信失败')} />}
        <Table
          rowKey="id"
          size="small"
          loading={outbox.isLoading}
          dataSource={outbox.data?.rows ?? []}
          locale={{ emptyText: outbox.error ? '短信加载失败' : search || status ? '没有符合条件的短信' : '暂无短信' }}
          pagination={{ current: page, pageSize, total: outbox.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (total) => `共 ${total} 条` }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: (value: string) => chinaDateTime(value), width: 170 },
            { title: '手机', dataIndex: 'mobile', width: 120 },
            { title: '内容', dataIndex: 'body' },
            {
              title: '状态',
              dataIndex: 'status',
              width: 150,
              render: (value: string) => {
                const known = statusLabels[value as Status];
                return known ? <Tag color={known.color}>{known.label}</Tag> : value;
              },
            },
            { title: '网关', dataIndex: 'gateway', render: (value: string | null) => value ?? '—', width: 80 },
            { title: '错误', dataIndex: 'error', width: 160, render: (value: string | null) => value ?? '' },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
