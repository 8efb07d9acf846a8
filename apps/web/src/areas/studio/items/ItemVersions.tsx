import { useQuery } from '@tanstack/react-query';
import { Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ItemDocument } from '@xlgl/schema';
import { useTRPC } from '../../../trpc.js';
import { ItemDiffTable } from './ItemDiffTable.js';
import { ServiceGuide } from './ServiceGuide.js';
import { statusColors, statusLabel } from './itemLabels.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Ref = number | 'draft';

function refLabel(ref: Ref): string {
  return ref === 'draft' ? '未发布的修订' : ref === 0 ? '（无）' : `第${ref}版`;
}

/** 版本管理 (R1.6): every stored version, viewable, and a diff between any two. */
export function ItemVersions({
  itemId,
  hasOpenRevision,
  departmentName,
}: {
  itemId: string;
  hasOpenRevision: boolean;
  departmentName: string;
}) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.studio.items.versions.queryOptions({ id: itemId }));
  const rows = versions.data ?? [];
  const refs: Ref[] = [...(hasOpenRevision ? (['draft'] as Ref[]) : []), ...rows.map((row) => row.version)];
  const [from, setFrom] = useState<Ref>();
  const [to, setTo] = useState<Ref>();
  const effectiveTo = to ?? refs[0];
  const effectiveFrom = from ?? refs[1] ?? 0;
  const diff = useQuery({
    ...trpc.studio.items.diff.queryOptions({ id: itemId, from: effectiveFrom, to: effectiveTo ?? 0 }),
    enabled: effectiveTo !== undefined,
  });
  const [viewing, setViewing] = useState<number>();
  const viewed = useQuery({
    ...trpc.studio.items.version.queryOptions({ id: itemId, version: viewing ?? 1 }),
    enabled: viewing !== undefined,
  });
  const options = [...refs, 0].map((ref) => ({ value: String(ref), label: refLabel(ref) }));
  const parse = (value: string): Ref => (value === 'draft' ? 'draft' : Number(value));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="version"
        loading={versions.isLoading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '版本', dataIndex: 'version', width: 100, render: (version: number) => `第${version}版` },
          {
            title: '状态',
            dataIndex: 'status',
            width: 180,
            render: (status: string, row) => (
              <Space size={4}>
                <Tag color={statusColors[status as keyof typeof statusColors]}>{statusLabel(status)}</Tag>
                {row.inForce && <Tag color="green">现行</Tag>}
              </Space>
            ),
          },
          { title: '发布时间', dataIndex: 'createdAt', render: (value: string) => chinaDateTime(value) },
          {
            title: '操作',
            width: 200,
            render: (_value, row) => (
              <Space>
                <a onClick={() => setViewing(row.version)}>查看</a>
                <a
                  onClick={() => {
                    setFrom(row.version);
                    setTo(refs[0]);
                  }}
                >
                  与最新比较
                </a>
              </Space>
            ),
          },
        ]}
      />
      <div>
        <Typography.Title level={5}>版本比较</Typography.Title>
        <Space style={{ marginBottom: 12 }}>
          <Select
            aria-label="比较基准版本"
            style={{ width: 180 }}
            value={String(effectiveFrom)}
            options={options}
            onChange={(value) => setFrom(parse(value))}
          />
          <span>→</span>
          <Select
            aria-label="比较目标版本"
            style={{ width: 180 }}
            value={effectiveTo === undefined ? undefined : String(effectiveTo)}
            options={options}
            onChange={(value) => setTo(parse(value))}
          />
          <Button onClick={() => void diff.refetch()}>刷新</Button>
        </Space>
        {diff.data && (
          <ItemDiffTable entries={diff.data.entries} beforeTitle={refLabel(effectiveFrom)} afterTitle={refLabel(effectiveTo ?? 0)} />
        )}
      </div>
      <Modal open={viewing !== undefined} width={1000} title={`第${viewing}版`} footer={null} onCancel={() => setViewing(undefined)}>
        {viewed.data && <ServiceGuide item={viewed.data as ItemDocument} departmentName={departmentName} />}
      </Modal>
    </Space>
  );
}
