import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { fenToYuan } from '../deskShared.js';

/** 收费统计 of the centre, with the export for the finance non-tax revenue system. */
export default function FeeReportPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const input = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const report = useQuery(trpc.desk.feeReport.queryOptions(input));

  async function exportCsv() {
    try {
      const file = await client.desk.feeExport.query(input);
      const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  return (
    <PageContainer
      title="收费统计"
      extra={
        <Space>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])} />
          <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()}>
            导出非税收入数据
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Row gutter={16}>
          <Col span={8}>
            <Card>
              <Statistic title="实收金额" value={fenToYuan(report.data?.totalFen ?? 0)} loading={report.isLoading} />
            </Card>
          </Col>
          <Col span={8}>
            <Card>
              <Statistic title="缴费笔数" value={report.data?.count ?? 0} loading={report.isLoading} />
            </Card>
          </Col>
          <Col span={8}>
            <Card>
              <Statistic title="减免件数" value={report.data?.waived.length ?? 0} loading={report.isLoading} />
            </Card>
          </Col>
        </Row>
        <Card title="按事项" size="small">
          <Table size="small" rowKey="itemId" pagination={false} dataSource={report.data?.byItem ?? []} columns={[{ title: '事项', dataIndex: 'itemName' }, { title: '笔数', dataIndex: 'count' }, { title: '金额', dataIndex: 'totalFen', render: (value: number) => fenToYuan(value) }]} />
        </Card>
        <Card title="按缴费方式" size="small">
          <Table size="small" rowKey="method" pagination={false} dataSource={report.data?.byMethod ?? []} columns={[{ title: '方式', dataIndex: 'label' }, { title: '金额', dataIndex: 'totalFen', render: (value: number) => fenToYuan(value) }]} />
        </Card>
        <Card title="减免（绿色通道）" size="small">
          <Table size="small" rowKey="number" pagination={false} dataSource={report.data?.waived ?? []} columns={[{ title: '办件编号', dataIndex: 'number' }, { title: '事项', dataIndex: 'itemName' }, { title: '应收', dataIndex: 'totalFen', render: (value: number) => fenToYuan(value) }, { title: '理由', dataIndex: 'reason' }]} />
        </Card>
      </Space>
    </PageContainer>
  );
}
