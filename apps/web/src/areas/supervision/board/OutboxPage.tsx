import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useTRPC } from '../../../trpc.js';

const statusTags: Record<string, JSX.Element> = {
  pending: <Tag color="blue">待发送</Tag>,
  sent: <Tag color="green">已发送</Tag>,
  recorded: <Tag color="default">已记录（本地网关）</Tag>,
  failed: <Tag color="red">发送失败</Tag>,
};

/** 短信发件箱: texts for cards and urges, with the gateway's outcome. */
export default function OutboxPage() {
  const trpc = useTRPC();
  const outbox = useQuery({ ...trpc.supervision.outbox.queryOptions({ limit: 100 }), refetchInterval: 10_000 });
  return (
    <PageContainer title="短信发件箱">
      <Card>
        <Table
          rowKey="id"
          size="small"
          loading={outbox.isLoading}
          dataSource={outbox.data ?? []}
          locale={{ emptyText: '暂无短信' }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: (value: string) => new Date(value).toLocaleString('zh-CN', { hour12: false }), width: 170 },
            { title: '手机', dataIndex: 'mobile', width: 120 },
            { title: '内容', dataIndex: 'body' },
            { title: '状态', dataIndex: 'status', render: (value: string) => statusTags[value] ?? value, width: 150 },
            { title: '网关', dataIndex: 'gateway', render: (value: string | null) => value ?? '—', width: 80 },
            { title: '错误', dataIndex: 'error', render: (value: string | null) => value ?? '' },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
