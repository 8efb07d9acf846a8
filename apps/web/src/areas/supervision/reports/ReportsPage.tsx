import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, List, Popconfirm, Result, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { reportSources, type ReportDocument } from '@xlgl/schema';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import { ReportViewer } from './ReportViewer.js';
import { searchMaxLength } from '../../../lib/search.js';

const chartNames: Record<string, string> = { bar: '柱状图', line: '折线图', pie: '饼图', table: '表格', kpi: '指标卡' };

/** A saved report by id, as a viewer with its own chart type. */
export function SavedReport({ reportId, height }: { reportId: string; height?: number }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const doc = useQuery(trpc.reports.get.queryOptions({ reportId }));
  if (!doc.data) return <Card size="small" loading />;
  return (
    <ReportViewer
      target={{ reportId }}
      chart={doc.data.chart}
      title={doc.data.name}
      height={height}
      extra={user.capabilities.includes('studio.report.edit') ? <Link to={`/supervision/designer?id=${reportId}`}>编辑</Link> : undefined}
    />
  );
}

/** 统计报表: saved reports and dashboards, searchable and paged; designers may delete one after confirming. */
export default function ReportsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.reports.list.queryOptions());
  const user = useCurrentUser();
  const navigate = useNavigate();
  const save = useMutation(trpc.reports.save.mutationOptions());
  const remove = useMutation(trpc.reports.remove.mutationOptions());
  const [search, setSearch] = useState('');
  const newDashboard = async () => {
    const id = `report-dashboard-${Date.now().toString(36)}`;
    try {
      // A dashboard is a report document whose tiles are other reports (its own definition is a count KPI).
      await save.mutateAsync({ document: { kind: 'report', id, version: 1, schemaVersion: 1, name: '新驾驶舱', source: 'cases', rows: [], series: [], measures: [{ measure: 'count' }], chart: 'kpi', filters: [], period: {}, dashboard: [] } });
      void navigate(`/supervision/reports/${id}`);
    } catch (error) {
      message.error(errorMessage(error, '新建驾驶舱失败'));
    }
  };
  const removeReport = async (report: { id: string; name: string }) => {
    try {
      await remove.mutateAsync({ reportId: report.id });
      message.success(`已删除“${report.name}”`);
      await queryClient.invalidateQueries({ queryKey: trpc.reports.list.queryKey() });
    } catch (error) {
      message.error(errorMessage(error, '删除失败'));
    }
  };
  const editor = user.capabilities.includes('studio.report.edit');
  const keyword = search.trim().toLowerCase();
  const rows = [...(list.data ?? [])]
    .filter((report) => !keyword || report.name.toLowerCase().includes(keyword) || report.description.toLowerCase().includes(keyword))
    .sort((a, b) => Number(b.dashboard) - Number(a.dashboard));
  return (
    <PageContainer
      title="统计报表"
      extra={
        editor ? (
          <Space>
            <Button onClick={newDashboard} loading={save.isPending}>新建驾驶舱</Button>
            <Link to="/supervision/designer"><Button type="primary">新建报表</Button></Link>
          </Space>
        ) : undefined
      }
    >
      <Card>
        <Input.Search maxLength={searchMaxLength}
          allowClear
          aria-label="搜索报表"
          placeholder="按报表名称或说明搜索"
          style={{ maxWidth: 360, marginBottom: 8 }}
          onSearch={setSearch}
          onChange={(event) => {
            if (!event.target.value) setSearch('');
          }}
        />
        {list.error && <Alert type="error" showIcon message={errorMessage(list.error, '加载报表失败')} />}
        <List
          loading={list.isLoading}
          dataSource={rows}
          locale={{ emptyText: keyword ? '没有符合条件的报表' : '暂无报表' }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total) => `共 ${total} 张报表` }}
          renderItem={(report) => (
            <List.Item
              actions={
                editor
                  ? [
                      <Popconfirm
                        key="remove"
                        title={`删除“${report.name}”？`}
                        description="删除后不可恢复；仍被驾驶舱引用的报表不能删除。"
                        okText="删除"
                        cancelText="取消"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => removeReport(report)}
                      >
                        <Typography.Link type="danger">删除</Typography.Link>
                      </Popconfirm>,
                    ]
                  : undefined
              }
            >
              <List.Item.Meta
                title={<Link to={`/supervision/reports/${report.id}`}>{report.name}</Link>}
                description={
                  <Space>
                    {report.dashboard ? <Tag color="purple">驾驶舱</Tag> : <Tag>{chartNames[report.chart]}</Tag>}
                    <Tag>{reportSources[report.source as keyof typeof reportSources]}</Tag>
                    {report.description}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}

type Tile = NonNullable<ReportDocument['dashboard']>[number];
const tileDragType = 'application/x-xlgl-report-id';

/** Dashboard editing by drag: reports from the palette onto the grid; width and removal per tile. */
function DashboardEditor({ doc, onDone }: { doc: ReportDocument; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.reports.list.queryOptions());
  const save = useMutation(trpc.reports.save.mutationOptions());
  const [tiles, setTiles] = useState<Tile[]>(doc.dashboard ?? []);
  const [over, setOver] = useState(false);
  const names = new Map((list.data ?? []).map((report) => [report.id, report.name]));
  const layout = (next: Tile[]) => {
    // Flow layout: tiles fill rows of 24 columns in order.
    let x = 0;
    let y = 0;
    return next.map((tile) => {
      if (x + tile.w > 24) {
        x = 0;
        y += 8;
      }
      const placed = { ...tile, x, y };
      x += tile.w;
      return placed;
    });
  };
  return (
    <Row gutter={16}>
      <Col span={6}>
        <Card size="small" title="报表（拖到右侧）">
          {(list.data ?? []).filter((report) => !report.dashboard).map((report) => (
            <Tag
              key={report.id}
              draggable
              data-testid={`palette-report-${report.id}`}
              style={{ cursor: 'grab', marginBottom: 8, padding: '4px 8px' }}
              onDragStart={(event) => {
                event.dataTransfer.setData(tileDragType, report.id);
                event.dataTransfer.setData('text/plain', report.id);
              }}
            >
              {report.name}
            </Tag>
          ))}
        </Card>
      </Col>
      <Col span={18}>
        <div
          data-testid="dashboard-grid"
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(event) => {
            event.preventDefault();
            setOver(false);
            const id = event.dataTransfer.getData(tileDragType) || event.dataTransfer.getData('text/plain');
            if (id && names.has(id)) setTiles(layout([...tiles, { reportId: id, x: 0, y: 0, w: 12, h: 8 }]));
          }}
          style={{ minHeight: 240, border: `2px dashed ${over ? '#1677ff' : '#d9d9d9'}`, borderRadius: 6, padding: 12, display: 'grid', gridTemplateColumns: 'repeat(24, 1fr)', gap: 8, alignContent: 'start' }}
        >
          {tiles.length === 0 && <div style={{ gridColumn: '1 / span 24', color: '#8c8c8c' }}>把报表拖到这里</div>}
          {tiles.map((tile, index) => (
            <Card
              key={`${tile.reportId}-${index}`}
              size="small"
              style={{ gridColumn: `span ${tile.w}` }}
              title={names.get(tile.reportId) ?? tile.reportId}
              extra={
                <Space size={4}>
                  <Button size="small" onClick={() => setTiles(layout(tiles.map((entry, position) => (position === index ? { ...entry, w: entry.w === 24 ? 12 : 24 } : entry))))}>
                    {tile.w === 24 ? '半宽' : '整宽'}
                  </Button>
                  <Button size="small" danger onClick={() => setTiles(layout(tiles.filter((_, position) => position !== index)))}>
                    移除
                  </Button>
                </Space>
              }
            >
              {tile.w}/24 列
            </Card>
          ))}
        </div>
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={async () => {
              try {
                await save.mutateAsync({ document: { ...doc, dashboard: tiles } as unknown as Record<string, unknown> });
                await queryClient.invalidateQueries({ queryKey: trpc.reports.get.queryKey({ reportId: doc.id }) });
                message.success('驾驶舱已保存');
                onDone();
              } catch (error) {
                message.error((error as Error).message);
              }
            }}
          >
            保存驾驶舱
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Space>
      </Col>
    </Row>
  );
}

/** One report, or a dashboard of reports on its 24-column grid. */
export function ReportPage() {
  const { reportId = '' } = useParams();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const doc = useQuery(trpc.reports.get.queryOptions({ reportId }));
  if (doc.error) {
    // An unknown report id in a deep link ends the spinner with the server's reason.
    return (
      <PageContainer title="报表">
        <Result status="warning" title="无法打开报表" subTitle={errorMessage(doc.error, '加载报表失败')} extra={<Link to="/supervision/reports">返回报表列表</Link>} />
      </PageContainer>
    );
  }
  if (!doc.data) return <PageContainer title="报表" loading />;
  const tiles = doc.data.dashboard;
  const canEdit = user.capabilities.includes('studio.report.edit');
  return (
    <PageContainer
      title={doc.data.name}
      content={doc.data.description}
      extra={tiles && canEdit && !editing ? <Button onClick={() => setEditing(true)}>编辑驾驶舱</Button> : undefined}
    >
      {editing ? (
        <DashboardEditor doc={doc.data} onDone={() => setEditing(false)} />
      ) : tiles?.length ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(24, 1fr)', gap: 12 }}>
          {[...tiles]
            .sort((a, b) => a.y - b.y || a.x - b.x)
            .map((tile) => (
              <div key={`${tile.reportId}-${tile.x}-${tile.y}`} style={{ gridColumn: `${tile.x + 1} / span ${tile.w}` }}>
                <SavedReport reportId={tile.reportId} height={Math.max(160, tile.h * 36)} />
              </div>
            ))}
        </div>
      ) : tiles ? (
        <Card>把报表拖入驾驶舱：点击“编辑驾驶舱”。</Card>
      ) : (
        <SavedReport reportId={reportId} height={420} />
      )}
    </PageContainer>
  );
}
