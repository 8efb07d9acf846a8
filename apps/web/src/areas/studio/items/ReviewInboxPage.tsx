import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { itemCategories, type ItemCategory } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import { changeTypeLabels } from './itemLabels.js';

/** 事项审核: submissions of new items, changes and abolitions in the reviewer's region. */
export function ReviewInboxPage() {
  const trpc = useTRPC();
  const inbox = useQuery(trpc.studio.items.review.inbox.queryOptions());
  return (
    <PageContainer title="事项审核" content="审核配置员提交的新增、变更和废止申请。审核通过后自动赋码并发布，退回时须写明理由。">
      {inbox.error && <Alert type="error" showIcon message={errorMessage(inbox.error)} />}
      <Table
        rowKey={(row) => `${row.id}:${row.revision}`}
        loading={inbox.isLoading}
        dataSource={inbox.data ?? []}
        locale={{ emptyText: '暂无待审核的事项' }}
        pagination={false}
        columns={[
          { title: '事项名称', dataIndex: 'name', render: (name: string, row) => <Link to={`/studio/item-review/${row.id}`}>{name}</Link> },
          {
            title: '申请类型',
            dataIndex: 'changeType',
            width: 100,
            render: (type: string) => (
              <Tag color={type === 'abolish' ? 'red' : type === 'change' ? 'orange' : 'blue'}>{changeTypeLabels[type]}</Tag>
            ),
          },
          { title: '事项类型', dataIndex: 'category', width: 120, render: (category: string) => itemCategories[category as ItemCategory] },
          { title: '实施部门', dataIndex: 'departmentName', width: 220 },
          { title: '提交人', dataIndex: 'submittedByName', width: 120 },
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            width: 180,
            render: (value: string | null) => (value ? new Date(value).toLocaleString('zh-CN') : '—'),
          },
          { title: '操作', width: 90, render: (_value, row) => <Link to={`/studio/item-review/${row.id}`}>审核</Link> },
        ]}
      />
    </PageContainer>
  );
}
