import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Card, Input, Select, Space, Table, Tabs } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { useTRPC } from '../../../trpc.js';
import { caseStatusText, createDeskEventsClient, TimeStatusTag, type InboxRow } from '../deskShared.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Box = 'todo' | 'supplements' | 'done' | 'watched' | 'all';

/** 催办督办 addressed to the handler, answered here (supervision area; light, loaded on demand). */
const MyUrgesPanel = lazy(() => import('../../supervision/urges/MyUrgesPanel.js'));

const timeStatuses = ['green', 'yellow', 'red'] as const;

/** 我的办件: 待办 / 待补正 (windows) / 已办 / 关注 (and 全部 for superiors), colours by time status, live new-task notices. */
export default function InboxPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const [box, setBox] = useState<Box>('todo');
  const [search, setSearch] = useState('');
  // 窗口工作台's figures open the box on a colour: /desk/inbox?status=red.
  const [params] = useSearchParams();
  const [status, setStatus] = useState<'green' | 'yellow' | 'red' | undefined>(() => timeStatuses.find((value) => value === params.get('status')));
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const query = useQuery(trpc.desk.inbox.queryOptions({ box, search: search || undefined, status, page, pageSize }));

  // New tasks arrive live over SSE (tRPC subscription).
  useEffect(() => {
    const client = createDeskEventsClient();
    const subscription = client.desk.events.subscribe(undefined, {
      onData: (event) => {
        notification.info({ message: event.kind === 'task' ? '新待办' : '办件通知', description: event.message, placement: 'bottomRight' });
        void queryClient.invalidateQueries({ queryKey: trpc.desk.inbox.queryKey() });
      },
    });
    return () => subscription.unsubscribe();
  }, [notification, queryClient, trpc]);

  const tabs = [
    { key: 'todo', label: '待办' },
    ...(user.capabilities.includes('desk.accept') && user.roleIds.includes('role-window') ? [{ key: 'supplements', label: '待补正' }] : []),
    { key: 'done', label: '已办' },
    { key: 'watched', label: '关注' },
    ...(user.capabilities.includes('desk.lead') ? [{ key: 'all', label: '本中心全部' }] : []),
  ];

  return (
    <PageContainer title="我的办件">
      <Suspense fallback={null}>
        <div style={{ marginBottom: 16 }}>
          <MyUrgesPanel />
        </div>
      </Suspense>
      <Card>
        <Tabs activeKey={box} items={tabs} onChange={(key) => { setBox(key as Box); setPage(1); }} />
        <Space style={{ marginBottom: 12 }}>
          <Input.Search placeholder="办件编号、申请人或事项" allowClear onSearch={(value) => { setSearch(value); setPage(1); }} style={{ width: 280 }} aria-label="搜索办件" />
          <Select
            allowClear
            placeholder="时限状态"
            style={{ width: 140 }}
            value={status}
            onChange={(value) => { setStatus(value); setPage(1); }}
            options={[{ value: 'green', label: '正常' }, { value: 'yellow', label: '临近时限' }, { value: 'red', label: '已超期' }]}
          />
        </Space>
        <Table<InboxRow>
          rowKey={(row) => `${row.caseId}:${row.taskId ?? ''}`}
          loading={query.isLoading}
          dataSource={query.data?.rows ?? []}
          pagination={{ current: page, pageSize, total: query.data?.total ?? 0, onChange: setPage, showTotal: (total) => `共 ${total} 件` }}
          locale={{ emptyText: box === 'todo' ? '暂无待办办件' : box === 'supplements' ? '暂无等待补正材料的办件' : '暂无办件' }}
          columns={[
            { title: '办件编号', dataIndex: 'number', render: (number: string, row) => <Link to={`/desk/case/${row.caseId}`}>{number}</Link> },
            { title: '事项', dataIndex: 'itemName' },
            { title: '申请人', dataIndex: 'applicantName' },
            { title: box === 'todo' ? '待办环节' : box === 'supplements' ? '等待补正的环节' : '当前环节', render: (_, row) => row.taskLabel ?? (row.currentNodes || '—') },
            { title: '状态', render: (_, row) => (row.status === 'running' ? <Badge status="processing" text="办理中" /> : caseStatusText(row.status, row.outcome)) },
            { title: '时限', render: (_, row) => <TimeStatusTag status={row.timeStatus} paused={row.paused} /> },
            { title: '到期日', dataIndex: 'dueDate', render: (value: string | null) => value ?? '—' },
            { title: '受理时间', dataIndex: 'acceptedAt', render: (value: string) => chinaDateTime(value) },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
