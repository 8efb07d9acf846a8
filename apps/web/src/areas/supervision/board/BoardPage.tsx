import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Input, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTRPC, type RouterInputs } from '../../../trpc.js';
import { cardTag } from '../reports/ReportViewer.js';
import { searchMaxLength } from '../../../lib/search.js';
import { errorMessage } from '../../../lib/serverErrors.js';

type Filter = Omit<RouterInputs['supervision']['board'], 'page' | 'pageSize'>;

const levelOptions = [
  { value: 'league', label: '盟本级' },
  { value: 'banner', label: '旗县市' },
  { value: 'township', label: '苏木乡镇' },
  { value: 'village', label: '嘎查村' },
];
const statusOptions = [
  { value: 'running', label: '在办' },
  { value: 'overdue', label: '超期在办' },
  { value: 'paused', label: '暂停计时' },
  { value: 'concluded', label: '已办结' },
];
export const timeTag = (status: string) =>
  status === 'red' ? <Tag color="red">已超期</Tag> : status === 'yellow' ? <Tag color="gold">临近时限</Tag> : status === 'green' ? <Tag color="green">正常</Tag> : <Tag>—</Tag>;

/** 监察台: every case in the supervisor's scope, filtered by region level, department, item, status and card. */
export default function BoardPage() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const summary = useQuery(trpc.supervision.summary.queryOptions());
  const options = useQuery(trpc.supervision.filterOptions.queryOptions());
  const board = useQuery(trpc.supervision.board.queryOptions({ ...filter, page, pageSize: 15 }));
  const update = (patch: Partial<Filter>) => {
    setFilter((current) => ({ ...current, ...patch }));
    setPage(1);
  };
  return (
    <PageContainer title="监察台">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(
          [
            ['在办办件', summary.data?.running, undefined],
            ['超期在办', summary.data?.overdueRunning, '#cf1322'],
            ['本月黄牌', summary.data?.yellowThisMonth, '#d48806'],
            ['本月红牌', summary.data?.redThisMonth, '#cf1322'],
          ] as const
        ).map(([title, value, color]) => (
          <Col key={title} span={6}>
            <Card size="small">
              {/* Coloured only when there is something to see; no zero while the figures load. */}
              <Statistic title={title} value={value ?? 0} loading={summary.isLoading} valueStyle={color && (value ?? 0) > 0 ? { color } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search maxLength={searchMaxLength} aria-label="搜索办件" placeholder="办件编号、申请人或事项" allowClear style={{ width: 240 }} onSearch={(value) => update({ search: value || undefined })} />
          <Select aria-label="区划层级" allowClear placeholder="区划层级" style={{ width: 120 }} options={levelOptions} onChange={(value) => update({ regionLevel: value })} />
          <Select aria-label="区划" allowClear showSearch optionFilterProp="label" placeholder="区划" style={{ width: 160 }} options={options.data?.regions.map((region) => ({ value: region.code, label: region.name }))} onChange={(value) => update({ regionCode: value })} />
          <Select aria-label="部门" allowClear showSearch optionFilterProp="label" placeholder="部门" style={{ width: 200 }} options={options.data?.departments.map((department) => ({ value: department.id, label: department.name }))} onChange={(value) => update({ departmentId: value })} />
          <Select aria-label="事项" allowClear showSearch optionFilterProp="label" placeholder="事项" style={{ width: 200 }} options={options.data?.items.map((item) => ({ value: item.id, label: item.name }))} onChange={(value) => update({ itemId: value })} />
          <Select aria-label="状态" allowClear placeholder="状态" style={{ width: 120 }} options={statusOptions} onChange={(value) => update({ status: value })} />
          <Select aria-label="红黄牌" allowClear placeholder="红黄牌" style={{ width: 110 }} options={[{ value: 'red', label: '红牌' }, { value: 'yellow', label: '黄牌' }, { value: 'none', label: '无' }]} onChange={(value) => update({ card: value })} />
          <Select aria-label="重点项目" allowClear placeholder="重点项目" style={{ width: 110 }} options={[{ value: 'yes', label: '仅重点项目' }]} onChange={(value) => update({ keyProject: value ? true : undefined })} />
        </Space>
        {/* A failed load must not read as 监察范围内暂无办件. */}
        {board.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorMessage(board.error, '加载办件失败')} />}
        <Table
          rowKey="id"
          size="middle"
          loading={board.isLoading}
          dataSource={board.data?.rows ?? []}
          pagination={{ current: page, pageSize: 15, total: board.data?.total ?? 0, onChange: setPage, showTotal: (total) => `共 ${total} 件` }}
          locale={{ emptyText: board.error ? '办件加载失败' : '监察范围内暂无办件' }}
          columns={[
            { title: '办件编号', dataIndex: 'number', render: (number: string, row) => <Link to={`/supervision/case/${row.id}`}>{number}</Link> },
            { title: '事项', dataIndex: 'itemName' },
            { title: '部门', dataIndex: 'departmentName' },
            { title: '区划', dataIndex: 'regionName' },
            { title: '申请人', dataIndex: 'applicantName' },
            { title: '当前环节', render: (_, row) => (row.status === 'running' ? row.currentNodes || '—' : row.outcome === 'refused' ? '不予受理' : '已办结') },
            { title: '时限', render: (_, row) => (row.paused ? <Tag color="blue">暂停计时</Tag> : timeTag(row.timeStatus)) },
            { title: '到期日', dataIndex: 'dueDate', render: (value: string | null) => value ?? '—' },
            { title: '红黄牌', render: (_, row) => <Space size={4}>{cardTag(row.card)}{row.keyProject && <Tag color="purple">重点</Tag>}{row.bundleName && <Tag color="purple" title="联办重点项目">联办：{row.bundleName}</Tag>}</Space> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
