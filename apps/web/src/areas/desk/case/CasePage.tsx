import '@xyflow/react/dist/style.css';
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { FormRenderer, ProgressView, type FormRendererApi } from '@xlgl/renderer';
import type { FlowDocument, FormDocument } from '@xlgl/schema';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { CertificatePanel } from './CertificatePanel.js';
import { caseStatusText, downloadPdf, fenToYuan, opinionPhrases, TimeStatusTag, type CaseDetail } from '../deskShared.js';
import { MaterialsViewer } from '../accept/MaterialsViewer.js';
import { materialFileUrl } from '../accept/materialFiles.js';
import { SupplementPanel, SupplementRequestModal } from './SupplementPanel.js';
import { DeliveryPanel } from './DeliveryPanel.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Action = CaseDetail['actions'][number];
const needsReason = new Set(['reject', 'return', 'supplement', 'suspend', 'escalate']);
const noticeLabels: Record<string, string> = { acceptance: '受理通知书', refusal: '不予受理通知书', supplement: '补正告知书', completion: '办结通知书' };

/** The case screen: applicant, form in the node's view, materials, progress diagram, history, actions, fees, notices. */
export default function CasePage() {
  const { caseId = '' } = useParams();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const detail = useQuery(trpc.desk.case.queryOptions({ caseId }));
  const services = useQuery(trpc.desk.rendererServices.queryOptions());
  const [pending, setPending] = useState<Action | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const formApi = useRef<FormRendererApi | null>(null);
  const [opinion, setOpinion] = useState('');
  const [target, setTarget] = useState<string | undefined>();
  const [paying, setPaying] = useState(false);
  const [payForm] = Form.useForm<{ method: 'cash' | 'transfer' | 'provider'; amountYuan: number; receiptNo: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.desk.case.queryKey({ caseId }) });
  const act = useMutation(trpc.desk.act.mutationOptions());
  const pay = useMutation(trpc.desk.recordPayment.mutationOptions());
  const watch = useMutation(trpc.desk.watch.mutationOptions());
  const requestWaiver = useMutation(trpc.desk.requestWaiver.mutationOptions());
  const decideWaiver = useMutation(trpc.desk.decideWaiver.mutationOptions());
  const [waiving, setWaiving] = useState(false);
  const [waiverReason, setWaiverReason] = useState('');
  const user = useCurrentUser();

  if (detail.isLoading) return <PageContainer title="办件" loading />;
  if (detail.error || !detail.data) return <PageContainer title="办件"><Alert type="error" showIcon message={errorMessage(detail.error)} /></PageContainer>;
  const data = detail.data;
  const c = data.case;
  // 一表制: the fields this step may edit (the node's view); the rest of the form stays read-only.
  const editableFields = Object.entries(data.form?.view.fields ?? {})
    .filter(([, permission]) => permission === 'edit')
    .map(([fieldId]) => fieldId);
  const editable = editableFields.length > 0 && data.actions.some((action) => action.type === 'approve' && !action.disabledReason);

  async function run(action: Action) {
    if (needsReason.has(action.type) && !opinion.trim()) {
      message.error('请填写意见和理由');
      return;
    }
    if (action.type === 'return' && !target) {
      message.error('请选择退回到的环节');
      return;
    }
    const base = { caseId, expectedVersion: c.version };
    const taskId = action.taskId!;
    const payload =
      action.type === 'approve' ? { type: 'approve' as const, taskId, ...(opinion ? { comment: opinion } : {}) }
      : action.type === 'reject' ? { type: 'reject' as const, taskId, reason: opinion }
      : action.type === 'return' ? { type: 'return' as const, taskId, targetNodeId: target!, reason: opinion }
      : action.type === 'supplement' ? { type: 'supplement' as const, taskId, reason: opinion }
      : action.type === 'suspend' ? { type: 'suspend' as const, taskId, procedure: '特别程序', reason: opinion }
      : action.type === 'resume' ? { type: 'resume' as const, taskId, ...(opinion ? { comment: opinion } : {}) }
      : action.type === 'escalate' ? { type: 'escalate' as const, taskId, reason: opinion }
      : action.type === 'record-print' ? { type: 'record-print' as const }
      : action.type === 'withdraw' ? { type: 'withdraw' as const, nodeId: action.nodeId! }
      : null;
    if (!payload) return;
    let formValues: Record<string, unknown> | undefined;
    if (editable && action.type === 'approve' && formApi.current) {
      try {
        const record = await formApi.current.submit({ draft: true });
        formValues = Object.fromEntries(editableFields.filter((id) => id in record).map((id) => [id, record[id]]));
      } catch {
        message.error('表单填写有误，请按提示修改');
        return;
      }
    }
    try {
      const isLast = action.type === 'approve' && data.tasks.length === 1 && data.flow.edges.some((edge) => edge.source === action.nodeId && data.flow.nodes.find((node) => node.id === edge.target)?.type === 'end');
      await act.mutateAsync({ ...base, action: payload, ...(formValues && Object.keys(formValues).length > 0 ? { formValues } : {}), ...(isLast ? { result: { deliveryMethod: '窗口领取' } } : {}) });
      message.success(`${action.label}：已完成`);
      setPending(null);
      setOpinion('');
      setTarget(undefined);
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
      await refresh();
    }
  }

  async function decide(approve: boolean) {
    try {
      await decideWaiver.mutateAsync({ caseId, expectedVersion: c.version, approve });
      message.success(approve ? '已批准减免' : '已不批准减免');
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  async function download(noticeId: string) {
    try {
      downloadPdf(await client.desk.notice.query({ noticeId }));
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  return (
    <PageContainer
      title={`${c.itemName}`}
      subTitle={<span data-testid="case-number">{c.number}</span>}
      tags={[<Tag key="s" color={c.status === 'running' ? 'processing' : 'default'} data-testid="case-status">{caseStatusText(c.status, c.outcome)}</Tag>, <TimeStatusTag key="t" status={c.timeStatus} paused={c.paused} />]}
      extra={[
        <Button key="watch" icon={data.watched ? <StarFilled /> : <StarOutlined />} onClick={async () => { await watch.mutateAsync({ caseId, watched: !data.watched }); await refresh(); }}>
          {data.watched ? '取消关注' : '关注'}
        </Button>,
      ]}
    >
      <Row gutter={16}>
        <Col span={16}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small" title="办件信息">
              <Descriptions size="small" column={3}>
                <Descriptions.Item label="申请人">{c.applicant.name}</Descriptions.Item>
                <Descriptions.Item label={c.applicant.idType}>{c.applicant.idNumber}</Descriptions.Item>
                <Descriptions.Item label="经办人">{[c.applicant.contactName, c.applicant.contactPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
                <Descriptions.Item label="受理时间">{chinaDateTime(c.acceptedAt)}</Descriptions.Item>
                <Descriptions.Item label="到期日">{c.dueDate ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="渠道">{c.channel === 'self' ? '自助登记' : '窗口登记'}</Descriptions.Item>
                {c.escalatedTo && <Descriptions.Item label="上报至">{c.escalatedTo}</Descriptions.Item>}
                {c.completedAt && <Descriptions.Item label="办结时间">{chinaDateTime(c.completedAt)}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card size="small" title="办理进度">
              <ProgressView flow={data.flow as unknown as FlowDocument} progress={data.progress} height={480} />
            </Card>
            {data.form && (
              <Card size="small" title={`申请表：${data.form.document.name}`}>
                {editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本环节可填写的字段已开放编辑，办理“通过”时一并保存" />}
                <FormRenderer
                  key={`${c.version}-${editable}`}
                  form={data.form.document as unknown as FormDocument}
                  view={data.form.view}
                  initialValues={data.form.values}
                  readOnly={!editable}
                  dictionaries={services.data?.dictionaries}
                  regionTree={services.data?.regionTree}
                  fileUrl={materialFileUrl}
                  onReady={(api) => (formApi.current = api)}
                />
              </Card>
            )}
            <SupplementPanel caseId={c.id} itemId={c.itemId} materials={data.item.materials} applicantKey={c.applicant.idNumber} onChanged={refresh} />
            <Card size="small" title="材料">
              <MaterialsViewer caseId={c.id} checklist={data.materials} acceptedAt={c.acceptedAt} />
            </Card>
            <Card size="small" title="办理过程">
              <Timeline
                data-testid="case-history"
                items={data.history.map((entry) => ({
                  color: entry.stepStatus.includes('退回') || entry.stepStatus.includes('不予') ? 'red' : entry.stepStatus.includes('暂停') ? 'orange' : 'blue',
                  children: (
                    <div>
                      <Space wrap>
                        <Typography.Text strong>{entry.step ?? entry.stage ?? '办件'}</Typography.Text>
                        <Tag>{entry.stepStatus}</Tag>
                        {entry.stage && <Tag color="geekblue">{entry.stage}</Tag>}
                        <span>{entry.handlerName ?? '系统'}</span>
                        {entry.departmentName && <Typography.Text type="secondary">{entry.departmentName}</Typography.Text>}
                        <Typography.Text type="secondary">{chinaDateTime(entry.at)}</Typography.Text>
                      </Space>
                      {entry.opinion && <div>意见：{entry.opinion}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
        <Col span={8}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card size="small" title="办理" data-testid="actions">
              {data.tasks.length > 0 && (
                <div style={{ marginBottom: 12 }}>
                  当前环节：
                  {data.tasks.map((task) => (
                    <Tag key={task.id} color={task.paused ? 'orange' : 'blue'}>
                      {task.label}
                      {task.escalated ? '（上级中心）' : ''}
                    </Tag>
                  ))}
                </div>
              )}
              {data.actions.every((action) => action.type === 'record-print') ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.actions.length > 0 ? '请在“证照”栏签发并打印证照' : data.superior && c.status === 'running' ? '上级可查看办件，但不能代为办理' : c.status === 'running' ? '您在当前环节没有可办理的操作' : '办件已办结'} />
              ) : (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input.TextArea rows={3} value={opinion} onChange={(event) => setOpinion(event.target.value)} placeholder="办理意见" aria-label="办理意见" />
                  <Select placeholder="常用意见" style={{ width: '100%' }} value={null} onChange={(value: string) => setOpinion((current) => (current ? `${current}；${value}` : value))} options={opinionPhrases.map((phrase) => ({ value: phrase, label: phrase }))} />
                  <Space wrap>
                    {data.actions.filter((action) => action.type !== 'record-print').map((action) =>
                      action.type === 'record-payment' ? (
                        <Button key={`${action.type}-${action.taskId}`} onClick={() => { payForm.setFieldsValue({ method: 'cash', amountYuan: (data.bill?.totalFen ?? 0) / 100 }); setPaying(true); }}>
                          {action.label}
                        </Button>
                      ) : (
                        <Button
                          key={`${action.type}-${action.taskId ?? action.nodeId}`}
                          type={action.type === 'approve' ? 'primary' : 'default'}
                          danger={action.type === 'reject'}
                          disabled={!!action.disabledReason || act.isPending}
                          title={action.disabledReason}
                          onClick={() => (action.type === 'return' ? setPending(action) : action.type === 'supplement' ? setAsking(action.taskId!) : void run(action))}
                        >
                          {action.label}
                        </Button>
                      ),
                    )}
                  </Space>
                  {data.actions.filter((action) => action.disabledReason).map((action) => (
                    <Typography.Text key={`reason-${action.taskId}`} type="warning">
                      {action.label}：{action.disabledReason}
                    </Typography.Text>
                  ))}
                </Space>
              )}
            </Card>
            {data.delivery && <DeliveryPanel caseId={c.id} version={c.version} applicantName={c.applicant.name} delivery={data.delivery} onDone={refresh} />}
            {data.bill && (
              <Card size="small" title="收费（一单式）" data-testid="fee-bill">
                <Table
                  size="small"
                  pagination={false}
                  rowKey="feeId"
                  dataSource={data.bill.lines}
                  columns={[
                    { title: '收费项目', dataIndex: 'name' },
                    { title: '数量', render: (_, line) => `${line.quantity ?? 1}${line.unit ?? '件'}` },
                    { title: '金额', dataIndex: 'amountFen', render: (value: number) => fenToYuan(value) },
                  ]}
                />
                <div style={{ marginTop: 8 }}>
                  合计 {fenToYuan(data.bill.totalFen)}：{data.bill.status === 'paid' ? <Tag color="green">已缴清</Tag> : data.bill.status === 'waived' ? <Tag color="blue">已减免</Tag> : <Tag color="red">未缴费</Tag>}
                  {data.bill.waiverStatus === 'requested' && <Tag color="orange">减免审批中</Tag>}
                </div>
                {data.bill.status === 'unpaid' && data.bill.waiverStatus !== 'requested' && user.capabilities.includes('desk.accept') && data.bill.lines.every((line) => line.waivable) && (
                  <Button size="small" style={{ marginTop: 8 }} onClick={() => setWaiving(true)}>
                    申请减免（绿色通道）
                  </Button>
                )}
                {data.bill.waiverStatus === 'requested' && (
                  <div style={{ marginTop: 8 }}>
                    减免理由：{data.bill.waiverReason}
                    {user.capabilities.includes('desk.lead') && (
                      <Space style={{ marginLeft: 8 }}>
                        <Button size="small" type="primary" onClick={() => void decide(true)}>
                          批准减免
                        </Button>
                        <Button size="small" onClick={() => void decide(false)}>
                          不批准
                        </Button>
                      </Space>
                    )}
                  </div>
                )}
                {data.bill.payments.map((payment) => (
                  <div key={payment.id}>
                    {payment.method === 'cash' ? '现金' : payment.method === 'transfer' ? '转账' : '在线支付'} {fenToYuan(payment.amountFen)} 票据号 {payment.receiptNo}
                  </div>
                ))}
              </Card>
            )}
            <CertificatePanel detail={data} onChanged={refresh} />
            <Card size="small" title="文书">
              <List
                size="small"
                dataSource={data.notices}
                locale={{ emptyText: '暂无文书' }}
                renderItem={(notice) => (
                  <List.Item actions={[<Button key="d" type="link" size="small" disabled={!notice.templateId} onClick={() => void download(notice.id)}>下载PDF</Button>]}>
                    {noticeLabels[notice.kind] ?? notice.kind}
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <SupplementRequestModal caseId={caseId} version={c.version} taskId={asking} materials={data.item.materials} initialReason={opinion} onClose={() => setAsking(null)} onDone={() => { setOpinion(''); return refresh(); }} />
      <Modal open={!!pending} title="退回" okText="确定退回" cancelText="取消" onCancel={() => setPending(null)} onOk={() => pending && void run(pending)} confirmLoading={act.isPending}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select placeholder="退回到" style={{ width: '100%' }} value={target} onChange={setTarget} options={(pending?.targets ?? []).map((entry) => ({ value: entry.nodeId, label: entry.label }))} aria-label="退回到" />
          <Input.TextArea rows={3} value={opinion} onChange={(event) => setOpinion(event.target.value)} placeholder="退回理由" aria-label="退回理由" />
        </Space>
      </Modal>
      <Modal
        open={waiving}
        title="申请减免（绿色通道）"
        okText="提交申请"
        cancelText="取消"
        confirmLoading={requestWaiver.isPending}
        onCancel={() => setWaiving(false)}
        onOk={async () => {
          try {
            await requestWaiver.mutateAsync({ caseId, reason: waiverReason });
            message.success('减免申请已提交，待部门负责人审批');
            setWaiving(false);
            await refresh();
          } catch (error) {
            message.error(errorMessage(error));
          }
        }}
      >
        <Input.TextArea rows={3} value={waiverReason} onChange={(event) => setWaiverReason(event.target.value)} placeholder="减免理由和依据" aria-label="减免理由" />
      </Modal>
      <Modal
        open={paying}
        title="登记缴费"
        okText="确认收费"
        cancelText="取消"
        confirmLoading={pay.isPending}
        onCancel={() => setPaying(false)}
        onOk={async () => {
          const values = await payForm.validateFields();
          try {
            await pay.mutateAsync({ caseId, expectedVersion: c.version, method: values.method, amountFen: Math.round(values.amountYuan * 100), receiptNo: values.receiptNo });
            message.success('缴费已登记');
            setPaying(false);
            await refresh();
          } catch (error) {
            message.error(errorMessage(error));
          }
        }}
      >
        <Form form={payForm} layout="vertical">
          <Form.Item name="method" label="缴费方式">
            <Select options={[{ value: 'cash', label: '现金' }, { value: 'transfer', label: '转账' }, { value: 'provider', label: '在线支付' }]} />
          </Form.Item>
          <Form.Item name="amountYuan" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="receiptNo" label="票据号" rules={[{ required: true, message: '请填写票据号' }]}>
            <Input aria-label="票据号" />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
