import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTRPC } from '../../../trpc.js';
import { useItemAction } from './useItemAction.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

/**
 * 授权修改 (P3): a league-level reviewer lets a lower-level organisation change this league item.
 * Without a grant, banner users cannot change league-level text.
 */
export function ItemGrants({ itemId, canGrant }: { itemId: string; canGrant: boolean }) {
  const trpc = useTRPC();
  const grants = useQuery(trpc.studio.items.grants.list.queryOptions({ id: itemId }));
  const options = useQuery(trpc.studio.items.options.queryOptions());
  const grant = useMutation(trpc.studio.items.grants.grant.mutationOptions());
  const revoke = useMutation(trpc.studio.items.grants.revoke.mutationOptions());
  const [organizationId, setOrganizationId] = useState<string>();
  const [note, setNote] = useState('');
  const names = new Map((options.data?.allDepartments ?? []).map((entry) => [entry.id, entry.name]));
  const run = useItemAction();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        下级（旗县市）部门默认不能修改盟级事项；经授权后，被授权机构的配置员可以对本事项申请变更。
      </Typography.Paragraph>
      {canGrant && (
        <Space>
          <Select
            aria-label="被授权机构"
            style={{ width: 280 }}
            showSearch
            optionFilterProp="label"
            placeholder="选择被授权的部门"
            value={organizationId}
            onChange={setOrganizationId}
            options={(options.data?.allDepartments ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
          />
          <Input
            style={{ width: 240 }}
            placeholder="授权说明（可选）"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={200}
          />
          <Button
            type="primary"
            disabled={!organizationId}
            loading={grant.isPending}
            onClick={() =>
              run(() => grant.mutateAsync({ id: itemId, organizationId: organizationId!, note: note.trim() || undefined }), '已授权')
            }
          >
            授权
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="organizationId"
        pagination={false}
        loading={grants.isLoading}
        dataSource={grants.data ?? []}
        locale={{ emptyText: '未授权任何下级机构' }}
        columns={[
          { title: '被授权机构', dataIndex: 'organizationId', render: (id: string) => names.get(id) ?? id },
          { title: '说明', dataIndex: 'note' },
          { title: '授权时间', dataIndex: 'grantedAt', render: (value: string) => chinaDateTime(value) },
          {
            title: '操作',
            width: 90,
            render: (_value, row) =>
              canGrant ? (
                <Popconfirm
                  title="撤销授权？"
                  okText="撤销"
                  cancelText="取消"
                  onConfirm={() => run(() => revoke.mutateAsync({ id: itemId, organizationId: row.organizationId }), '已撤销授权')}
                >
                  <Typography.Link type="danger">撤销</Typography.Link>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
