import { SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { ProgressView } from '@xlgl/renderer';
import type { FlowDocument } from '@xlgl/schema';
import { errorMessage } from '../../lib/serverErrors.js';
import { useTRPC, type RouterOutputs } from '../../trpc.js';
import {  } from '../../lib/chinaTime.js';
import { chinaDateTime } from '../../lib/chinaTime.js';

type Progress = RouterOutputs['progress']['lookup'];

const timeTags: Record<Progress['timeStatus'], { color: string; text: string } | null> = {
  green: { color: 'green', text: '按期办理中' },
  yellow: { color: 'gold', text: '临近办结期限' },
  red: { color: 'red', text: '已超过承诺期限' },
  none: null,
};


function ProgressResult({ result }: { result: Progress }) {
  const timeTag = timeTags[result.timeStatus];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="progress-result">
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="办件编号">{result.number}</Descriptions.Item>
        <Descriptions.Item label="办理状态">
          <Space>
            <Typography.Text strong data-testid="progress-status">{result.status}</Typography.Text>
            {timeTag && <Tag color={timeTag.color}>{timeTag.text}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="申办事项">{result.itemName}</Descriptions.Item>
        <Descriptions.Item label="申请人">{result.applicantName}</Descriptions.Item>
        <Descriptions.Item label="当前环节">{result.currentSteps.length > 0 ? <span data-testid="progress-current">{result.currentSteps.join('、')}</span> : '—'}</Descriptions.Item>
        <Descriptions.Item label="受理时间">{chinaDateTime(result.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label="承诺时限">{result.promisedDays ? `${result.promisedDays}个工作日` : '即办'}</Descriptions.Item>
        <Descriptions.Item label={result.completedAt ? '办结时间' : '承诺办结日期'}>{result.completedAt ? chinaDateTime(result.completedAt) : (result.dueDate ?? '—')}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="办理进度">
        <ProgressView flow={result.flow as unknown as FlowDocument} progress={result.progress} height={360} />
      </Card>
      <Card size="small" title="办理过程">
        <Timeline
          data-testid="progress-history"
          items={result.history.map((entry) => ({
            color: entry.stepStatus.includes('退回') || entry.stepStatus.includes('不予') ? 'red' : entry.stepStatus.includes('暂停') ? 'orange' : 'blue',
            children: (
              <div>
                <Space wrap>
                  <Typography.Text strong>{entry.step}</Typography.Text>
                  <Tag>{entry.stepStatus}</Tag>
                  {entry.department && <Typography.Text type="secondary">{entry.department}</Typography.Text>}
                  <Typography.Text type="secondary">{chinaDateTime(entry.at)}</Typography.Text>
                </Space>
                {entry.opinion && <div>说明：{entry.opinion}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/**
 * 办件进度查询 (public, no sign-in): the case number and the query password from the acceptance
 * notice (the notice's QR code links here with the number filled in).
 */
export function ProgressPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  // The first request hands out the CSRF cookie the lookup (a POST) needs.
  useQuery(trpc.auth.me.queryOptions());
  const lookup = useMutation(trpc.progress.lookup.mutationOptions());
  const [form] = Form.useForm<{ number: string; password: string }>();
  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', padding: '32px 16px' }}>
      <Card style={{ maxWidth: 1000, margin: '0 auto' }} title="锡林郭勒盟政务服务 · 办件进度查询">
        <Form
          form={form}
          layout="inline"
          initialValues={{ number: params.get('number') ?? '' }}
          onFinish={(values) => lookup.mutate({ number: values.number.trim(), password: values.password.trim() })}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="number" label="办件编号" rules={[{ required: true, message: '请填写办件编号' }]}>
            <Input aria-label="办件编号" style={{ width: 240 }} maxLength={40} allowClear />
          </Form.Item>
          <Form.Item name="password" label="查询密码" rules={[{ required: true, message: '请填写查询密码' }, { pattern: /^\d{6}$/, message: '查询密码应为6位数字' }]}>
            <Input.Password aria-label="查询密码" style={{ width: 160 }} maxLength={6} autoComplete="off" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={lookup.isPending}>
              查询
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          办件编号和查询密码印在受理通知书上。为保护申请人信息，查询结果不显示证件号码和工作人员信息；多次输错将暂时限制查询。
        </Typography.Paragraph>
        {lookup.error && <Alert type="error" showIcon data-testid="progress-error" message={errorMessage(lookup.error, '查询失败')} style={{ marginBottom: 16 }} />}
        {lookup.data && <ProgressResult result={lookup.data} />}
      </Card>
    </div>
  );
}
