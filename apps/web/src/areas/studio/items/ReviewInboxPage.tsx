import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { itemCategories, type ItemCategory } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import { changeTypeLabels } from './itemLabels.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

/** 审核流程设置 (R1.8): which published flow reviews items; league reviewers change it, every change is validated. */
function ReviewFlowSetting() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const setting = useQuery(trpc.studio.items.reviewFlow.get.queryOptions());
  const save = useMutation(trpc.studio.items.reviewFlow.set.mutationOptions());
  const [choice, setChoice] = useState<string | undefined>();
  if (!setting.data) return null;
  const { flowId, name, version, problems, canConfigure, flows } = setting.data;
  const selected = choice ?? flowId;
  return (
    <Card size="small" title="审核流程设置" style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          当前审核流程：{name}
          {version !== null ? `（第${version}版）` : ''}。提交审核时按此流程的现行版本启动审核，进行中的审核沿用启动时的版本。
        </Typography.Text>
        {problems.length > 0 && <Alert type="error" showIcon message={problems.join('；')} />}
        {canConfigure && (
          <Space>
            <Select
              aria-label="审核流程"
              style={{ width: 360 }}
              showSearch
              optionFilterProp="label"
              value={selected}
              onChange={setChoice}
              options={flows.map((flow) => ({ value: flow.id, label: flow.name }))}
            />
            <Popconfirm
              title="更换事项审核流程？"
              description="之后提交的审核按新流程办理。"
              okText="更换"
              cancelText="取消"
              disabled={selected === flowId}
              onConfirm={async () => {
                try {
                  const result = await save.mutateAsync({ flowId: selected });
                  message.success(`事项审核流程已设为“${result.name}”`);
                  setChoice(undefined);
                  await queryClient.invalidateQueries({ queryKey: trpc.studio.items.reviewFlow.get.queryKey() });
                } catch (error) {
                  message.error(errorMessage(error, '设置失败'));
                }
              }}
            >
              <Button disabled={selected === flowId} loading={save.isPending}>
                保存
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** 事项审核: submissions of new items, changes and abolitions in the reviewer's region. */
export function ReviewInboxPage() {
  const trpc = useTRPC();
  const inbox = useQuery(trpc.studio.items.review.inbox.queryOptions());
  return (
    <PageContainer title="事项审核" content="按审核流程办理配置员提交的新增、变更和废止申请。最后一个环节通过后自动赋码并发布，退回时须写明理由。">
      <ReviewFlowSetting />
      {inbox.error && <Alert type="error" showIcon message={errorMessage(inbox.error)} />}
      <Table
        rowKey={(row) => `${row.id}:${row.revision}`}
        loading={inbox.isLoading}
        dataSource={inbox.data ?? []}
        locale={{ emptyText: '暂无待您审核的事项' }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 项` }}
        // The fixed columns alone fill a 1280-pixel screen: scroll sideways rather than squeeze 事项名称 to one character per line.
        scroll={{ x: 1200 }}
        columns={[
          { title: '事项名称', dataIndex: 'name', width: 240, render: (name: string, row) => <Link to={`/studio/item-review/${row.id}`}>{name}</Link> },
          {
            title: '申请类型',
            dataIndex: 'changeType',
            width: 100,
            render: (type: string) => (
              <Tag color={type === 'abolish' ? 'red' : type === 'change' ? 'orange' : 'blue'}>{changeTypeLabels[type]}</Tag>
            ),
          },
          { title: '事项类型', dataIndex: 'category', width: 120, render: (category: string) => itemCategories[category as ItemCategory] },
          { title: '当前环节', dataIndex: 'step', width: 140 },
          { title: '实施部门', dataIndex: 'departmentName', width: 220 },
          { title: '提交人', dataIndex: 'submittedByName', width: 120 },
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            width: 180,
            render: (value: string | null) => (value ? chinaDateTime(value) : '—'),
          },
          { title: '操作', width: 90, render: (_value, row) => <Link to={`/studio/item-review/${row.id}`}>审核</Link> },
        ]}
      />
    </PageContainer>
  );
}
