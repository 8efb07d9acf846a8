import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Spin, Table } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ReactNode } from 'react';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, type RouterOutputs } from '../../../trpc.js';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Stats = RouterOutputs['studio']['items']['statistics'];
type CountRow = Stats['byCategory'][number];

function ChartWithTable({ title, option, table }: { title: string; option: echarts.EChartsCoreOption; table: ReactNode }) {
  return (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col span={14}>
          <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
        </Col>
        <Col span={10}>{table}</Col>
      </Row>
    </Card>
  );
}

function countTable(rows: CountRow[], label: string) {
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ y: 260 }}
      dataSource={rows}
      columns={[
        { title: label, dataIndex: 'label' },
        { title: '事项数', dataIndex: 'count', width: 90, align: 'right' },
      ]}
    />
  );
}

const pie = (rows: CountRow[]): echarts.EChartsCoreOption => ({
  tooltip: { trigger: 'item', formatter: '{b}：{c}项（{d}%）' },
  legend: { type: 'scroll', orient: 'vertical', right: 0 },
  series: [
    { type: 'pie', radius: ['35%', '65%'], center: ['40%', '50%'], data: rows.map((row) => ({ name: row.label, value: row.count })) },
  ],
});
const bar = (rows: CountRow[]): echarts.EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 140, right: 20, top: 10, bottom: 20 },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', data: rows.map((row) => row.label).reverse() },
  series: [{ type: 'bar', name: '事项数', data: rows.map((row) => row.count).reverse() }],
});

/** 统计分析 (R1.7): counts by category, department, level and year; 精简 and 提速. */
export function ItemStatisticsPage() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.studio.items.statistics.queryOptions());
  if (stats.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (!stats.data) return <Alert type="error" showIcon message={errorMessage(stats.error, '加载统计失败')} />;
  const data = stats.data;
  return (
    <PageContainer title="事项统计" content="统计现行事项的分布与历年增减；提速比较各部门承诺时限与法定时限（工作日）。">
      <StatisticCard.Group direction="row" style={{ marginBottom: 16 }}>
        <StatisticCard statistic={{ title: '现行事项', value: data.total, suffix: '项' }} />
        <StatisticCard statistic={{ title: '累计新增', value: data.totals.added, suffix: '项' }} />
        <StatisticCard statistic={{ title: '累计变更', value: data.totals.changed, suffix: '次' }} />
        <StatisticCard statistic={{ title: '累计废止（精简）', value: data.totals.abolished, suffix: '项' }} />
        <StatisticCard statistic={{ title: '承诺时限较法定时限压缩', value: data.totals.reductionPercent, suffix: '%' }} />
      </StatisticCard.Group>
      <ChartWithTable title="按事项类型" option={pie(data.byCategory)} table={countTable(data.byCategory, '事项类型')} />
      <ChartWithTable title="按实施部门" option={bar(data.byDepartment)} table={countTable(data.byDepartment, '实施部门')} />
      <ChartWithTable title="按行使层级" option={pie(data.byLevel)} table={countTable(data.byLevel, '层级')} />
      <ChartWithTable
        title="历年新增、变更、废止（精简）"
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 40, right: 40, top: 30, bottom: 20 },
          xAxis: { type: 'category', data: data.byYear.map((row) => `${row.year}年`) },
          yAxis: [
            { type: 'value', minInterval: 1 },
            { type: 'value', minInterval: 1 },
          ],
          series: [
            { type: 'bar', name: '新增', data: data.byYear.map((row) => row.added) },
            { type: 'bar', name: '变更', data: data.byYear.map((row) => row.changed) },
            { type: 'bar', name: '废止', data: data.byYear.map((row) => row.abolished) },
            { type: 'line', name: '年末现行', yAxisIndex: 1, data: data.byYear.map((row) => row.inForce) },
          ],
        }}
        table={
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            dataSource={data.byYear}
            className="item-stats-years"
            columns={[
              { title: '年份', dataIndex: 'year' },
              { title: '新增', dataIndex: 'added', align: 'right' },
              { title: '变更', dataIndex: 'changed', align: 'right' },
              { title: '废止', dataIndex: 'abolished', align: 'right' },
              { title: '年末现行', dataIndex: 'inForce', align: 'right' },
            ]}
          />
        }
      />
      <ChartWithTable
        title="提速：各部门法定时限与承诺时限（工作日合计）"
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 140, right: 20, top: 30, bottom: 20 },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: data.speed.map((row) => row.departmentName).reverse() },
          series: [
            { type: 'bar', name: '法定时限', data: data.speed.map((row) => row.statutoryDays).reverse() },
            { type: 'bar', name: '承诺时限', data: data.speed.map((row) => row.promisedDays).reverse() },
          ],
        }}
        table={
          <Table
            size="small"
            rowKey="departmentId"
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={data.speed}
            columns={[
              { title: '部门', dataIndex: 'departmentName' },
              { title: '事项', dataIndex: 'items', width: 60, align: 'right' },
              { title: '法定', dataIndex: 'statutoryDays', width: 60, align: 'right' },
              { title: '承诺', dataIndex: 'promisedDays', width: 60, align: 'right' },
              { title: '压缩', dataIndex: 'reductionPercent', width: 80, align: 'right', render: (value: number) => `${value}%` },
            ]}
          />
        }
      />
    </PageContainer>
  );
}
