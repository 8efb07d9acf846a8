import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { reportSources } from '@xlgl/schema';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { useTRPC } from '../../../trpc.js';
import { ReportViewer } from './ReportViewer.js';

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

/** 统计报表: saved reports and dashboards. */
export default function ReportsPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.reports.list.queryOptions());
  const user = useCurrentUser();
  return (
    <PageContainer title="统计报表" extra={user.capabilities.includes('studio.report.edit') ? <Link to="/supervision/designer"><Button type="primary">新建报表</Button></Link> : undefined}>
      <Card>
        <List
          loading={list.isLoading}
          dataSource={[...(list.data ?? [])].sort((a, b) => Number(b.dashboard) - Number(a.dashboard))}
          renderItem={(report) => (
            <List.Item>
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

/** One report, or a dashboard of reports on its 24-column grid. */
export function ReportPage() {
  const { reportId = '' } = useParams();
  const trpc = useTRPC();
  const doc = useQuery(trpc.reports.get.queryOptions({ reportId }));
  if (!doc.data) return <PageContainer title="报表" loading />;
  const tiles = doc.data.dashboard;
  return (
    <PageContainer title={doc.data.name} content={doc.data.description}>
      {tiles?.length ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(24, 1fr)', gap: 12 }}>
          {[...tiles]
            .sort((a, b) => a.y - b.y || a.x - b.x)
            .map((tile) => (
              <div key={`${tile.reportId}-${tile.x}-${tile.y}`} style={{ gridColumn: `${tile.x + 1} / span ${tile.w}` }}>
                <SavedReport reportId={tile.reportId} height={Math.max(160, tile.h * 36)} />
              </div>
            ))}
        </div>
      ) : (
        <SavedReport reportId={reportId} height={420} />
      )}
    </PageContainer>
  );
}
