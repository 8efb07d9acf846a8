import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Radio, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import type { CaseDetail } from '../deskShared.js';

type Delivery = NonNullable<CaseDetail['delivery']>;
type Method = 'window' | 'post' | 'electronic';
type Values = { method: Method; recipient: string; deliveredOn: Dayjs; address?: string; trackingNo?: string; note?: string };

const methodOptions: Array<{ value: Method; label: string }> = [
  { value: 'window', label: '窗口领取' },
  { value: 'post', label: '邮寄' },
  { value: 'electronic', label: '电子送达' },
];

/** Today in China (UTC+8), the date the server checks the delivery date against. */
const chinaToday = () => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

/**
 * 结果送达: a result handled at another centre came back to the window that accepted the case. A window
 * of that centre records how it reached the applicant (窗口领取 / 邮寄 / 电子送达, recipient, date);
 * everyone else sees where the result is.
 */
export function DeliveryPanel({ caseId, version, applicantName, delivery, onDone }: { caseId: string; version: number; applicantName: string; delivery: Delivery; onDone: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const method = Form.useWatch('method', form);
  const deliver = useMutation(trpc.desk.deliver.mutationOptions());
  const returnedOn = dayjs(new Date(new Date(delivery.returnedAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10));

  if (delivery.status === 'delivered') {
    return (
      <Card size="small" title="结果送达" data-testid="delivery" extra={<Tag color="green">已送达</Tag>}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="送达方式">{delivery.methodLabel}</Descriptions.Item>
          <Descriptions.Item label="签收人">{delivery.recipient}</Descriptions.Item>
          <Descriptions.Item label="送达日期">{delivery.deliveredOn}</Descriptions.Item>
          {delivery.address && <Descriptions.Item label={delivery.method === 'post' ? '邮寄地址' : '送达地址'}>{delivery.address}</Descriptions.Item>}
          {delivery.trackingNo && <Descriptions.Item label="邮件单号">{delivery.trackingNo}</Descriptions.Item>}
          {delivery.note && <Descriptions.Item label="备注">{delivery.note}</Descriptions.Item>}
          <Descriptions.Item label="登记人">
            {delivery.deliveredByName}（{delivery.toCentreName}）
          </Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }

  const pendingText = `办理结果已于${returnedOn.format('YYYY-MM-DD')}由办理中心下发至${delivery.toCentreName}`;
  if (!delivery.canDeliver) {
    return (
      <Card size="small" title="结果送达" data-testid="delivery" extra={<Tag color="orange">待送达</Tag>}>
        <Alert type="info" showIcon message={`${pendingText}，待受理窗口送达申请人`} />
      </Card>
    );
  }

  async function submit(values: Values) {
    const input = {
      caseId,
      expectedVersion: version,
      method: values.method,
      recipient: values.recipient,
      deliveredOn: values.deliveredOn.format('YYYY-MM-DD'),
      ...(values.method !== 'window' && values.address ? { address: values.address } : {}),
      ...(values.method === 'post' && values.trackingNo ? { trackingNo: values.trackingNo } : {}),
      ...(values.note ? { note: values.note } : {}),
    };
    const label = methodOptions.find((option) => option.value === values.method)!.label;
    modal.confirm({
      title: '确认登记送达',
      content: `${label}，签收人${values.recipient}，送达日期${input.deliveredOn}。登记后不能修改。`,
      okText: '确认送达',
      cancelText: '取消',
      onOk: async () => {
        try {
          await deliver.mutateAsync(input);
          message.success('已登记送达');
        } catch (error) {
          message.error(errorMessage(error));
        }
        await onDone();
      },
    });
  }

  return (
    <Card size="small" title="结果送达" data-testid="delivery" extra={<Tag color="orange">待送达</Tag>}>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`${pendingText}，请送达申请人并登记`} />
      <Form form={form} layout="vertical" size="small" initialValues={{ method: 'window', recipient: applicantName, deliveredOn: chinaToday() }} onFinish={(values) => void submit(values)}>
        <Form.Item name="method" label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]}>
          <Radio.Group options={methodOptions} optionType="button" />
        </Form.Item>
        <Form.Item name="recipient" label="签收人（领取人）" rules={[{ required: true, whitespace: true, message: '请填写签收人（领取人）' }, { max: 50, message: '签收人不超过50字' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="deliveredOn" label="送达日期" rules={[{ required: true, message: '请选择送达日期' }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(day) => day.isAfter(chinaToday(), 'day') || day.isBefore(returnedOn, 'day')} />
        </Form.Item>
        {method === 'post' && (
          <>
            <Form.Item name="address" label="邮寄地址" rules={[{ required: true, whitespace: true, message: '邮寄送达必须填写邮寄地址' }, { max: 200, message: '地址不超过200字' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="trackingNo" label="邮件单号" rules={[{ max: 50, message: '邮件单号不超过50字' }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {method === 'electronic' && (
          <Form.Item name="address" label="送达地址（电子邮箱或账号）" rules={[{ required: true, whitespace: true, message: '电子送达必须填写送达地址' }, { max: 200, message: '地址不超过200字' }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不超过500字' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={deliver.isPending}>
          登记送达
        </Button>
      </Form>
    </Card>
  );
}
