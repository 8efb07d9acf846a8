import { DownloadOutlined, FileImageOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Drawer, Space, Table, Tag } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTRPC, type RouterInputs } from '../../../trpc.js';
import type { Pick } from './chartModel.js';
import { ReportChart, type ChartType, type ReportChartHandle } from './ReportChart.js';

export type ReportTarget = RouterInputs['reports']['run']['target'];

function download(fileName: string, href: string) {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Clicked values without the dimensions left open (the API takes plain strings). */
const definedPicks = (pick: Pick | undefined): Record<string, string> => Object.fromEntries(Object.entries(pick ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export const cardTag = (card: string) => (card === 'red' ? <Tag color="red">红牌</Tag> : card === 'yellow' ? <Tag color="gold">黄牌</Tag> : <Tag>无</Tag>);

/**
 * Runs a report and shows it with drill-through (穿透): a region bar goes one level down the
 * hierarchy (盟 → 旗县市 → 苏木乡镇); any other number opens the list of cases behind it.
 */
export function ReportViewer({ target, chart, title, height, extra }: { target: ReportTarget; chart: ChartType; title: ReactNode; height?: number; extra?: ReactNode }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [path, setPath] = useState<Array<{ code: string; name: string }>>([]);
  const [picked, setPicked] = useState<{ pick: Pick; regionParent?: string } | null>(null);
  const [casePage, setCasePage] = useState(1);
  const chartRef = useRef<ReportChartHandle>(null);
  const regionParent = path.at(-1)?.code;
  const drill = regionParent ? { regionParent } : undefined;
  const query = useQuery(trpc.reports.run.queryOptions({ target, drill }));
  const casesQuery = useQuery({ ...trpc.reports.cases.queryOptions({ target, drill: { regionParent: picked?.regionParent, picks: definedPicks(picked?.pick) }, page: casePage, pageSize: 10 }), enabled: picked !== null });
  const exportExcel = useMutation(trpc.reports.exportExcel.mutationOptions());
  const result = query.data;

  const onPick = (pick: Pick) => {
    if (!result) return;
    if (pick.region && result.drillableRegions.includes(pick.region)) {
      const row = result.rows.find((entry) => entry.keys[result.dimensions.findIndex((dimension) => dimension.key === 'region')] === pick.region);
      const label = row?.labels[result.dimensions.findIndex((dimension) => dimension.key === 'region')] ?? pick.region;
      setPath((current) => [...current, { code: pick.region!, name: label }]);
      return;
    }
    setCasePage(1);
    setPicked({ pick, regionParent });
  };

  const toolbar = (
    <Space>
      {extra}
      <Button
        size="small"
        icon={<DownloadOutlined />}
        loading={exportExcel.isPending}
        onClick={async () => {
          const file = await exportExcel.mutateAsync({ target, drill });
          download(file.fileName, `data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,${file.base64}`);
          message.success(`已导出 ${file.fileName}`);
        }}
      >
        导出Excel
      </Button>
      {chart !== 'table' && chart !== 'kpi' && (
        <Button
          size="small"
          icon={<FileImageOutlined />}
          onClick={() => {
            const png = chartRef.current?.toPng();
            if (png) download(`${typeof title === 'string' ? title : '图表'}.png`, png);
          }}
        >
          导出图片
        </Button>
      )}
    </Space>
  );

  return (
    <Card title={title} extra={toolbar} size="small" loading={query.isLoading} data-testid="report-viewer">
      {result && (
        <>
          {(path.length > 0 || result.dimensions.some((dimension) => dimension.key === 'region')) && (
            <Breadcrumb
              style={{ marginBottom: 8 }}
              items={[
                { title: <a onClick={() => setPath([])}>{path.length ? '全部' : result.regionParentName}</a> },
                ...path.map((entry, index) => ({ title: index === path.length - 1 ? entry.name : <a onClick={() => setPath(path.slice(0, index + 1))}>{entry.name}</a> })),
              ]}
            />
          )}
          <ReportChart ref={chartRef} result={result} chart={chart} height={height} onPick={onPick} />
        </>
      )}
      {query.error && <div role="alert">{query.error.message}</div>}
      <Drawer title="穿透：办件列表" width={760} open={picked !== null} onClose={() => setPicked(null)}>
        <Table
          size="small"
          rowKey="id"
          loading={casesQuery.isLoading}
          dataSource={casesQuery.data?.rows ?? []}
          pagination={{ current: casePage, pageSize: 10, total: casesQuery.data?.total ?? 0, onChange: setCasePage, showTotal: (total) => `共 ${total} 件` }}
          columns={[
            { title: '办件编号', dataIndex: 'number', render: (number: string, row) => <Link to={`/supervision/case/${row.id}`}>{number}</Link> },
            { title: '事项', dataIndex: 'itemName' },
            { title: '申请人', dataIndex: 'applicantName' },
            { title: '区划', dataIndex: 'regionName' },
            { title: '状态', render: (_, row) => (row.status === 'running' ? '在办' : row.outcome === 'refused' ? '不予受理' : '已办结') },
            { title: '红黄牌', dataIndex: 'card', render: cardTag },
          ]}
        />
      </Drawer>
    </Card>
  );
}
