import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Card, Col, Empty, Row, Statistic, Table } from 'antd';
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';
import type { RouterOutputs } from '../../../trpc.js';
import { chartModel, type Pick } from './chartModel.js';

// Only the parts the reports use (stack.md): bar, line, pie on canvas with grid, legend and tooltip.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ReportResult = RouterOutputs['reports']['run'];
const cardColors: Record<string, string> = { red: '#cf1322', yellow: '#faad14', none: '#8c8c8c' };
export type ChartType = 'bar' | 'line' | 'pie' | 'table' | 'kpi';
export type ReportChartHandle = { toPng: () => string | null };

type Props = { result: ReportResult; chart: ChartType; height?: number; onPick?: (pick: Pick) => void };

/** A report's result as a chart, table or KPI cards; clicking a bar, slice, point or cell picks it. */
export const ReportChart = forwardRef<ReportChartHandle, Props>(function ReportChart({ result, chart, height = 320, onPick }, ref) {
  const chartRef = useRef<ReactEChartsCore>(null);
  const model = useMemo(() => chartModel(result), [result]);
  useImperativeHandle(ref, () => ({ toPng: () => chartRef.current?.getEchartsInstance().getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null }), []);
  if (result.rows.length === 0) return <Empty description="没有符合条件的数据" />;

  if (chart === 'kpi') {
    const items = model.kpis;
    return (
      <Row gutter={16} data-testid="report-kpi">
        {items.map((item, index) => (
          <Col key={index} flex="1">
            <Card size="small" hoverable onClick={() => onPick?.(item.pick)}>
              <Statistic title={item.label} value={item.value ?? '—'} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  if (chart === 'table') {
    return (
      <Table
        size="small"
        data-testid="report-table"
        rowKey={(_, index) => String(index)}
        pagination={result.rows.length > 20 ? { pageSize: 20 } : false}
        dataSource={result.rows.map((row, index) => ({ row, index }))}
        columns={[
          ...result.dimensions.map((dimension, position) => ({ title: dimension.label, render: (_: unknown, record: { row: ReportResult['rows'][number] }) => record.row.labels[position] })),
          ...result.measures.map((measure, position) => ({
            title: measure.label,
            align: 'right' as const,
            render: (_: unknown, record: { row: ReportResult['rows'][number]; index: number }) => (
              <a onClick={() => onPick?.(model.pickOfRow(record.index))}>{record.row.values[position] ?? '—'}</a>
            ),
          })),
        ]}
      />
    );
  }
  const option: echarts.EChartsCoreOption =
    chart === 'pie'
      ? {
          tooltip: { trigger: 'item' },
          legend: { bottom: 0, type: 'scroll' },
          series: [{ type: 'pie', radius: ['30%', '65%'], data: model.categories.map((category, index) => ({ name: category.label, value: model.series[0]?.data[index] ?? 0 })) }],
        }
      : {
          tooltip: { trigger: 'axis' },
          legend: { bottom: 0, type: 'scroll' },
          grid: { left: 48, right: 16, top: 24, bottom: 56 },
          xAxis: { type: 'category', data: model.categories.map((category) => category.label), axisLabel: { interval: 0, rotate: model.categories.length > 6 ? 30 : 0 } },
          yAxis: { type: 'value' },
          series: model.series.map((series) => ({ type: chart, name: series.name, data: series.data, barMaxWidth: 48, ...(model.seriesDim === 'card' && series.key ? { itemStyle: { color: cardColors[series.key] } } : {}) })),
        };
  return (
    <div
      data-testid="report-chart"
      ref={(element) => {
        // The e2e clicks data points at chart.convertToPixel(…) (stack.md): expose the instance on the element.
        if (element) (element as unknown as { xlglChart?: () => unknown }).xlglChart = () => chartRef.current?.getEchartsInstance();
      }}
    >
      <ReactEChartsCore
        ref={chartRef}
        echarts={echarts}
        option={option}
        notMerge
        style={{ height }}
        onEvents={{ click: (params: { dataIndex: number; seriesIndex: number }) => onPick?.(model.pickOf(params.dataIndex, chart === 'pie' ? 0 : params.seriesIndex)) }}
      />
    </div>
  );
});
