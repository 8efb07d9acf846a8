import { Table, Tag, Typography } from 'antd';
import type { RouterOutputs } from '../../../trpc.js';
import { formatItemValue } from './itemLabels.js';

type Entry = RouterOutputs['studio']['items']['diff']['entries'][number];

const kindTags: Record<Entry['kind'], { label: string; color: string }> = {
  added: { label: '新增', color: 'green' },
  removed: { label: '删除', color: 'red' },
  changed: { label: '修改', color: 'orange' },
  moved: { label: '调整顺序', color: 'blue' },
};

function lastKey(entry: Entry): string | undefined {
  const last = entry.path[entry.path.length - 1];
  return typeof last === 'string' ? last : undefined;
}

/** Field-level diff: one row per difference, the two versions side by side. */
export function ItemDiffTable({ entries, beforeTitle, afterTitle }: { entries: Entry[]; beforeTitle: string; afterTitle: string }) {
  if (entries.length === 0) return <Typography.Text type="secondary">两个版本内容相同</Typography.Text>;
  return (
    <Table<Entry>
      size="small"
      className="item-diff"
      pagination={false}
      rowKey={(entry) => `${entry.kind}:${entry.path.join('/')}`}
      dataSource={entries}
      rowClassName={(entry) => `item-diff-${entry.kind}`}
      columns={[
        { title: '字段', dataIndex: 'label', width: 260 },
        {
          title: '变化',
          dataIndex: 'kind',
          width: 100,
          render: (kind: Entry['kind']) => <Tag color={kindTags[kind].color}>{kindTags[kind].label}</Tag>,
        },
        {
          title: beforeTitle,
          render: (_value, entry) =>
            entry.kind === 'moved' ? (
              `第${(entry.from ?? 0) + 1}项`
            ) : entry.kind === 'added' ? (
              '—'
            ) : (
              <del style={{ color: '#a8071a' }}>{formatItemValue(entry.before, lastKey(entry))}</del>
            ),
        },
        {
          title: afterTitle,
          render: (_value, entry) =>
            entry.kind === 'moved' ? (
              `第${(entry.to ?? 0) + 1}项`
            ) : entry.kind === 'removed' ? (
              '—'
            ) : (
              <ins style={{ color: '#135200', textDecoration: 'none' }}>{formatItemValue(entry.after, lastKey(entry))}</ins>
            ),
        },
      ]}
    />
  );
}
