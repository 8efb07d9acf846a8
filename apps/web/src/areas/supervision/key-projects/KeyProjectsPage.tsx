import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { useTRPC } from '../../../trpc.js';
import { BundleMilestones, milestoneStateTag } from './BundleMilestones.js';
import { searchMaxLength } from '../../../lib/search.js';

/** Supervision stages a milestone can match (a step label works too). */
const stageOptions = ['申办', '受理', '承办', '审核', '批准', '办结', '领证', '收费'].map((value) => ({ value }));

type MilestoneRow = { name: string; match: string; plannedDate: Dayjs | null };

/** Form of a new bundle: cases found by number / applicant / item, and the planned milestones. */
function NewBundleModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [search, setSearch] = useState('');
  const [caseIds, setCaseIds] = useState<string[]>([]);
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const [milestones, setMilestones] = useState<MilestoneRow[]>([
    { name: '全部受理', match: '受理', plannedDate: null },
    { name: '全部批准', match: '批准', plannedDate: null },
    { name: '全部办结', match: '办结', plannedDate: null },
  ]);
  const found = useQuery({ ...trpc.supervision.board.queryOptions({ search: search.trim() || undefined, page: 1, pageSize: 20 }), enabled: open && search.trim().length > 0 });
  const mark = useMutation(trpc.supervision.markKeyBundle.mutationOptions());
  const options = [
    ...[...chosen.entries()].map(([value, label]) => ({ value, label })),
    ...(found.data?.rows ?? []).filter((row) => !chosen.has(row.id)).map((row) => ({ value: row.id, label: `${row.number} ${row.itemName}（${row.applicantName}）` })),
  ];
  const update = (index: number, patch: Partial<MilestoneRow>) => setMilestones(milestones.map((entry, position) => (position === index ? { ...entry, ...patch } : entry)));
  const valid = name.trim() && caseIds.length >= 2 && milestones.length > 0 && milestones.every((entry) => entry.name.trim() && entry.match.trim() && entry.plannedDate);

  return (
    <Modal
      title="新建联办重点项目"
      open={open}
      width={760}
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ disabled: !valid, loading: mark.isPending }}
      onOk={async () => {
        try {
          await mark.mutateAsync({ name: name.trim(), caseIds, milestones: milestones.map((entry) => ({ name: entry.name.trim(), match: entry.match.trim(), plannedDate: entry.plannedDate!.format('YYYY-MM-DD') })) });
          message.success(`联办重点项目“${name.trim()}”已建立`);
          await queryClient.invalidateQueries({ queryKey: trpc.supervision.keyProjects.queryKey() });
          onClose();
        } catch (error) {
          message.error((error as Error).message);
        }
      }}
    >
      <Form layout="vertical">
        <Form.Item label="项目名称" required>
          <Input aria-label="联办项目名称" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} placeholder="例如：草原牧业产业园项目（工程建设联合审批）" />
        </Form.Item>
        <Form.Item label="包含的办件（至少两个）" required extra="输入办件编号、申请人或事项名称查找">
          <Select
            aria-label="联办办件"
            mode="multiple"
            showSearch
            filterOption={false}
            value={caseIds}
            onSearch={setSearch}
            notFoundContent={search.trim() ? (found.isLoading ? '查找中…' : '未找到办件') : '请输入关键字'}
            onChange={(values: string[]) => {
              const next = new Map<string, string>();
              for (const value of values) next.set(value, options.find((option) => option.value === value)?.label ?? value);
              setChosen(next);
              setCaseIds(values);
            }}
            options={options}
          />
        </Form.Item>
        <Form.Item label="计划节点" required extra="节点在全部办件都到达对应阶段或环节时完成；偏差按自然日计">
          <Space direction="vertical" style={{ width: '100%' }}>
            {milestones.map((milestone, index) => (
              <Space key={index}>
                <Input aria-label={`节点名称${index + 1}`} style={{ width: 160 }} value={milestone.name} onChange={(event) => update(index, { name: event.target.value })} />
                <Select aria-label={`对应阶段${index + 1}`} style={{ width: 140 }} value={milestone.match} showSearch options={stageOptions} onChange={(value: string) => update(index, { match: value })} />
                <DatePicker aria-label={`计划日期${index + 1}`} value={milestone.plannedDate} onChange={(value) => update(index, { plannedDate: value })} />
                <Button size="small" disabled={milestones.length === 1} onClick={() => setMilestones(milestones.filter((_, position) => position !== index))}>
                  删除
                </Button>
              </Space>
            ))}
            <Button size="small" icon={<PlusOutlined />} disabled={milestones.length >= 20} onClick={() => setMilestones([...milestones, { name: '', match: '办结', plannedDate: null }])}>
              添加节点
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 重点项目 (R7.4): single cases and bundles of cases followed against their planned milestones. */
export default function KeyProjectsPage() {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const overview = useQuery(trpc.supervision.keyProjects.queryOptions({ search: search.trim() || undefined }));
  const remove = useMutation(trpc.supervision.removeKeyBundle.mutationOptions());
  const canMark = user.capabilities.includes('supervision.urge');

  return (
    <PageContainer
      title="重点项目"
      content="单个办件或联办办件组列为重点项目后，按计划节点跟踪实际进度和偏差。"
      extra={
        canMark && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建联办重点项目
          </Button>
        )
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Input.Search maxLength={searchMaxLength} aria-label="搜索重点项目" allowClear placeholder="按项目名称或办件编号搜索" style={{ width: 320 }} onSearch={setSearch} />
        {overview.error && <Alert type="error" showIcon message={overview.error.message} />}
        <Card size="small" title="联办重点项目" loading={overview.isLoading} data-testid="key-bundles">
          {overview.data?.bundles.length === 0 && <Empty description="暂无联办重点项目" />}
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {overview.data?.bundles.map((bundle) => (
              <Card
                key={bundle.id}
                size="small"
                type="inner"
                title={
                  <Space>
                    <span>{bundle.name}</span>
                    {bundle.worstDeviationDays > 0 ? <Tag color="red">最大偏差 +{bundle.worstDeviationDays} 天</Tag> : <Tag color="green">无偏差</Tag>}
                  </Space>
                }
                extra={
                  canMark && (
                    <Popconfirm
                      title={`确定取消联办重点项目“${bundle.name}”？`}
                      description="办件本身不受影响"
                      okText="取消项目"
                      cancelText="保留"
                      onConfirm={async () => {
                        try {
                          await remove.mutateAsync({ bundleId: bundle.id });
                          message.success('已取消该联办重点项目');
                          await queryClient.invalidateQueries({ queryKey: trpc.supervision.keyProjects.queryKey() });
                        } catch (error) {
                          message.error((error as Error).message);
                        }
                      }}
                    >
                      <Button size="small" danger>
                        取消项目
                      </Button>
                    </Popconfirm>
                  )
                }
              >
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  办件：
                  {bundle.members.map((member) => (
                    <Tag key={member.caseId} color={member.status === 'running' ? 'blue' : 'default'}>
                      <Link to={`/supervision/case/${member.caseId}`}>{member.number}</Link> {member.itemName}
                      {member.status === 'running' ? '（在办）' : member.outcome === 'refused' ? '（不予受理）' : '（已办结）'}
                    </Tag>
                  ))}
                </Typography.Paragraph>
                <BundleMilestones milestones={bundle.milestones} />
              </Card>
            ))}
          </Space>
        </Card>
        <Card size="small" title="单件重点项目" loading={overview.isLoading}>
          <Table
            size="small"
            rowKey="caseId"
            dataSource={overview.data?.cases ?? []}
            locale={{ emptyText: <Empty description="暂无单件重点项目（在办件监察页列为重点项目）" /> }}
            pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 项` }}
            columns={[
              { title: '项目', dataIndex: 'name' },
              { title: '办件编号', dataIndex: 'number', render: (number: string, row) => <Link to={`/supervision/case/${row.caseId}`}>{number}</Link> },
              { title: '事项', dataIndex: 'itemName' },
              { title: '节点', render: (_, row) => <Space size={4} wrap>{row.milestones.map((milestone) => <span key={milestone.name}>{milestone.name}{milestoneStateTag[milestone.state]}</span>)}</Space> },
              { title: '最大偏差（天）', dataIndex: 'worstDeviationDays', render: (value: number) => (value > 0 ? <Tag color="red">+{value}</Tag> : '—') },
            ]}
          />
        </Card>
      </Space>
      <NewBundleModal key={String(creating)} open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
