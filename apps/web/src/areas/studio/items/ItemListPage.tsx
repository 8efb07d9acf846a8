import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Space, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { itemStatuses, type ItemStatus } from '@xlgl/schema';
import { useCan } from '../../../auth/CurrentUserContext.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { changeTypeLabels, statusColors, statusLabel } from './itemLabels.js';
import { useItemColumns, valueEnum } from './useItemColumns.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Row = RouterOutputs['studio']['items']['list']['rows'][number];
type Params = {
  current?: number;
  pageSize?: number;
  search?: string;
  departmentId?: string;
  category?: string;
  status?: string;
  level?: string;
  mine?: string;
};

/** 事项管理: every item with its latest revision; search, filters, paging on the server. */
export function ItemListPage() {
  const client = useTRPCClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canEdit = useCan('studio.item.edit');
  const item = useItemColumns<Row>();
  const columns: ProColumns<Row>[] = [
    item.search,
    item.name,
    { title: '基本编码', dataIndex: 'basicCode', search: false, width: 130, render: (_dom, row) => row.basicCode ?? <Tag>未赋码</Tag> },
    item.category,
    item.caseType,
    item.department,
    item.level,
    {
      title: '状态',
      dataIndex: 'status',
      width: 170,
      valueType: 'select',
      valueEnum: valueEnum(itemStatuses),
      render: (_dom, row) => (
        <Space size={4}>
          <Tag color={statusColors[row.status as ItemStatus]}>{statusLabel(row.status)}</Tag>
          {row.changeType !== 'import' && row.changeType !== 'create' && !['published', 'superseded', 'abolished'].includes(row.status) && (
            <Tag>{changeTypeLabels[row.changeType]}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: '在用版本',
      dataIndex: 'publishedVersion',
      search: false,
      width: 90,
      render: (_dom, row) => (row.publishedVersion ? `第${row.publishedVersion}版` : '—'),
    },
    { title: '只看本部门', dataIndex: 'mine', hideInTable: true, valueType: 'select', valueEnum: { yes: { text: '是' } } },
    {
      title: '最近修改',
      dataIndex: 'updatedAt',
      search: false,
      width: 160,
      render: (_dom, row) => chinaDateTime(row.updatedAt),
    },
  ];
  return (
    <PageContainer
      title="事项管理"
      content="编制事项、提交审核、申请变更或废止。审核通过后自动赋码并发布到标准目录，新版本发布后各办理界面自动切换，正在办理的办件仍按原版本办结。"
    >
      <ProTable<Row, Params>
        rowKey="id"
        columns={columns}
        request={async (params) => {
          try {
            const result = await client.studio.items.list.query({
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
              search: params.search?.trim() || undefined,
              departmentId: params.departmentId || undefined,
              category: params.category || undefined,
              status: params.status || undefined,
              level: params.level || undefined,
              mine: params.mine === 'yes' || undefined,
            });
            return { data: result.rows, total: result.total, success: true };
          } catch (error) {
            message.error(errorMessage(error, '加载事项失败'));
            return { data: [], total: 0, success: false };
          }
        }}
        pagination={{ defaultPageSize: 20 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '没有符合条件的事项' }}
        headerTitle="事项列表"
        toolBarRender={() =>
          canEdit
            ? [
                <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/studio/items/new')}>
                  新建事项
                </Button>,
              ]
            : []
        }
      />
    </PageContainer>
  );
}
