import { Table, Tag } from 'antd';
import type { RouterOutputs } from '../../../trpc.js';

type Overview = RouterOutputs['supervision']['keyProjects'];
type BundleMilestone = Overview['bundles'][number]['milestones'][number];

export const milestoneStateTag: Record<string, JSX.Element> = {
  'done-on-time': <Tag color="green">按期完成</Tag>,
  'done-late': <Tag color="orange">延期完成</Tag>,
  pending: <Tag>未到期</Tag>,
  overdue: <Tag color="red">已逾期</Tag>,
};
const deviation = (value: number | null) => (value === null ? '—' : value > 0 ? `+${value}` : String(value));

/** A bundle's milestones: plan, actual (the day its last member reached it), deviation, who is waiting. */
export function BundleMilestones({ milestones }: { milestones: BundleMilestone[] }) {
  return (
    <Table
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={milestones}
      columns={[
        { title: '节点', dataIndex: 'name' },
        { title: '对应阶段/环节', dataIndex: 'match' },
        { title: '计划', dataIndex: 'plannedDate' },
        { title: '实际', dataIndex: 'actualDate', render: (value: string | null) => value ?? '—' },
        { title: '偏差（天）', dataIndex: 'deviationDays', render: deviation },
        { title: '进度', render: (_, row) => `${row.reached}/${row.total}` },
        { title: '未到达的办件', dataIndex: 'waiting', render: (waiting: string[]) => (waiting.length ? waiting.join('、') : '—') },
        { title: '状态', dataIndex: 'state', render: (value: string) => milestoneStateTag[value] },
      ]}
    />
  );
}

