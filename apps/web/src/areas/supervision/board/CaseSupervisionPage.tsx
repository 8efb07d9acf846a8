import '@xyflow/react/dist/style.css';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, List, Radio, Result, Row, Space, Table, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { BundleMilestones } from '../key-projects/BundleMilestones.js';
import type { FlowDocument } from '@xlgl/schema';
import { ProgressView } from '@xlgl/renderer';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { useTRPC } from '../../../trpc.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

const when = (iso: string | null) => (iso ? chinaDateTime(iso) : '—');
const milestoneTag: Record<string, JSX.Element> = {
  'done-on-time': <Tag color="green">按期完成</Tag>,
  'done-late': <Tag color="orange">延期完成</Tag>,
  pending: <Tag>未到期</Tag>,
  overdue: <Tag color="red">已逾期</Tag>,
};

/** 办件监察详情 (R3.4): all step information as text and on the flow diagram; cards; urge/supervise; key project. */
export default function CaseSupervisionPage() {
  const { caseId = '' } = useParams();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const detail = useQuery(trpc.supervision.case.queryOptions({ caseId }));
  const urge = useMutation(trpc.supervision.urge.mutationOptions());
  const mark = useMutation(trpc.supervision.markKeyProject.mutationOptions());
  const [urgeForm] = Form.useForm<{ kind: 'urge' | 'supervise'; message: string; replyBy?: Dayjs }>();
  const [milestones, setMilestones] = useState<Array<{ name: string; match: string; plannedDate: Dayjs | null }>>([
    { name: '受理', match: '受理', plannedDate: null },
    { name: '审批决定', match: '批准', plannedDate: null },
    { name: '办结', match: '办结', plannedDate: null },
  ]);
  const [projectName, setProjectName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.supervision.case.queryKey({ caseId }) });

  if (detail.error) {
    // A mistyped deep link fails input validation; say so in words rather than echo the field name (caseId).
    const reason = detail.error.data?.code === 'BAD_REQUEST' ? '链接中的办件标识不正确，请从监察台重新打开' : detail.error.message;
    return (
      <PageContainer title="办件监察">
        <Result status="warning" title="无法打开办件" subTitle={reason} extra={<Link to="/supervision/board">返回监察台</Link>} />
      </PageContainer>
    );
  }
  const data = detail.data;
  if (!data) return <PageContainer title="办件监察" loading />;
  const item = data.case;
  const canUrge = user.capabilities.includes('supervision.urge') && item.status === 'running';

  return (
    <PageContainer title={`办件监察：${item.number}`} subTitle={item.itemName}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {data.cards.length > 0 && (
          <Card size="small" title="红黄牌" data-testid="case-cards">
            <List
              size="small"
              dataSource={data.cards}
              renderItem={(card) => (
                <List.Item>
                  <Space>
                    {card.color === 'red' ? <Tag color="red">红牌</Tag> : <Tag color="gold">黄牌</Tag>}
                    <span>{card.reason}</span>
                    <Tag>{card.ruleId}</Tag>
                    <span style={{ color: '#8c8c8c' }}>{when(card.createdAt)}</span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
        <Card size="small" title="办件信息">
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label="事项">{item.itemName}（{item.itemCode}）</Descriptions.Item>
            <Descriptions.Item label="部门">{item.departmentName}</Descriptions.Item>
            <Descriptions.Item label="区划">{item.regionName}</Descriptions.Item>
            <Descriptions.Item label="申请人">{item.applicant.name}（{item.applicant.idNumber}）</Descriptions.Item>
            <Descriptions.Item label="联系人">{item.applicant.contactName ?? '—'} {item.applicant.contactPhone ?? ''}</Descriptions.Item>
            <Descriptions.Item label="办件内容">{item.summary ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="是否受理">{item.accepted.accepted ? '已受理' : `不予受理：${item.accepted.reason ?? '（未说明理由）'}`}</Descriptions.Item>
            <Descriptions.Item label="受理人">{item.acceptedBy}</Descriptions.Item>
            <Descriptions.Item label="受理时间">{when(item.acceptedAt)}</Descriptions.Item>
            <Descriptions.Item label="承诺时限">{item.timeLimitDays ?? '—'}个工作日（法定{item.statutoryDays ?? '—'}）</Descriptions.Item>
            <Descriptions.Item label="预警日 / 到期日">{item.yellowDate ?? '—'} / {item.dueDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="预警阈值">
              {item.thresholds
                ? [item.thresholds.yellowRatio !== null ? `用时达${Math.round(item.thresholds.yellowRatio * 100)}%` : null, item.thresholds.yellowDaysBefore > 0 ? `到期前${item.thresholds.yellowDaysBefore}个工作日` : null].filter(Boolean).join('或') || '到期日'
                : '—'}
              （{item.thresholdsFromItem ? '本事项设定' : '中心默认'}，先到者亮黄牌；超过到期日亮红牌）
            </Descriptions.Item>
            <Descriptions.Item label="状态">{item.status === 'running' ? (item.paused ? '暂停计时' : `在办：${item.currentNodes}`) : `已办结（${item.outcome ?? ''}）${when(item.completedAt)}`}</Descriptions.Item>
            <Descriptions.Item label="收费">{data.bill ? `${(data.bill.totalFen / 100).toFixed(2)}元（${data.bill.status === 'paid' ? '已缴' : data.bill.status === 'waived' ? '减免' : '未缴'}）` : '不收费'}</Descriptions.Item>
            <Descriptions.Item label="证照/结果">
              {data.certificates.length ? data.certificates.map((entry) => `${entry.name}（${entry.number}，${entry.status === 'valid' ? '有效' : entry.status}）`).join('；') : item.result ? Object.values(item.result).filter((value) => typeof value === 'string').join('，') || '已办结' : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="暂停计时">{item.pausedIntervals.length ? item.pausedIntervals.map((pause) => `${pause.kind} ${pause.from.slice(0, 10)}~${pause.to?.slice(0, 10) ?? '至今'}`).join('；') : '无'}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title="流程图">
          <ProgressView flow={data.flow as unknown as FlowDocument} progress={data.progress} height={340} />
        </Card>
        <Card size="small" title="办理过程（全部环节）">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.steps}
            columns={[
              { title: '时间', dataIndex: 'at', render: when, width: 170 },
              { title: '阶段', dataIndex: 'stage', render: (value: string | null) => value ?? '—' },
              { title: '环节', dataIndex: 'step', render: (value: string | null) => value ?? '—' },
              { title: '状态', dataIndex: 'stepStatus' },
              { title: '办理人', dataIndex: 'handlerName', render: (value: string | null) => value ?? '—' },
              { title: '部门/机构', render: (_, row) => row.departmentName ?? row.officeName ?? '—' },
              { title: '意见', dataIndex: 'opinion', render: (value: string | null) => value ?? '—' },
              { title: '说明', dataIndex: 'message' },
            ]}
          />
        </Card>
        <Row gutter={16}>
          <Col span={12}>
            <Card size="small" title="催办督办">
              {canUrge && (
                <Form
                  form={urgeForm}
                  layout="vertical"
                  initialValues={{ kind: 'urge' }}
                  onFinish={async (values) => {
                    try {
                      const sent = await urge.mutateAsync({ caseId, kind: values.kind, message: values.message, replyBy: values.replyBy?.format('YYYY-MM-DD') });
                      message.success(`已发送给${sent.sent.map((entry) => entry.toName).join('、')}（弹窗与短信）`);
                      urgeForm.resetFields(['message']);
                      void refresh();
                    } catch (error) {
                      message.error((error as Error).message);
                    }
                  }}
                >
                  <Form.Item name="kind">
                    <Radio.Group options={[{ value: 'urge', label: '催办' }, { value: 'supervise', label: '督办' }]} optionType="button" />
                  </Form.Item>
                  <Form.Item name="message" label="内容" rules={[{ required: true, message: '请填写催办内容' }]}>
                    <Input.TextArea aria-label="催办内容" rows={2} maxLength={500} />
                  </Form.Item>
                  <Form.Item name="replyBy" label="答复期限">
                    <DatePicker />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={urge.isPending}>
                    发送
                  </Button>
                </Form>
              )}
              <Timeline
                style={{ marginTop: 16 }}
                items={data.urges.map((entry) => ({
                  color: entry.status === 'responded' ? 'green' : entry.status === 'read' ? 'blue' : 'gray',
                  children: (
                    <div>
                      <b>{entry.kind === 'urge' ? '催办' : '督办'}</b> {entry.fromName} → {entry.toName}（{when(entry.createdAt)}）：{entry.message}
                      <div style={{ color: '#595959' }}>{entry.status === 'responded' ? `答复：${entry.response}（${when(entry.respondedAt)}）` : entry.status === 'read' ? '已读，未答复' : '未读'}</div>
                    </div>
                  ),
                }))}
              />
              {data.urges.length === 0 && <Empty description="暂无催办督办" />}
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title="重点项目">
              {data.keyProject ? (
                <Table
                  size="small"
                  rowKey="name"
                  pagination={false}
                  title={() => data.keyProject!.name}
                  dataSource={data.keyProject.milestones}
                  columns={[
                    { title: '节点', dataIndex: 'name' },
                    { title: '计划', dataIndex: 'plannedDate' },
                    { title: '实际', dataIndex: 'actualDate', render: (value: string | null) => value ?? '—' },
                    { title: '偏差（天）', dataIndex: 'deviationDays', render: (value: number | null) => (value === null ? '—' : value > 0 ? `+${value}` : value) },
                    { title: '状态', dataIndex: 'state', render: (value: string) => milestoneTag[value] },
                  ]}
                />
              ) : canUrge ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Input aria-label="项目名称" placeholder="项目名称" value={projectName} onChange={(event) => setProjectName(event.target.value)} />
                  {milestones.map((milestone, index) => (
                    <Space key={index}>
                      <Input style={{ width: 120 }} value={milestone.name} onChange={(event) => setMilestones(milestones.map((entry, position) => (position === index ? { ...entry, name: event.target.value } : entry)))} />
                      <Input style={{ width: 100 }} value={milestone.match} title="匹配的阶段或环节名称" onChange={(event) => setMilestones(milestones.map((entry, position) => (position === index ? { ...entry, match: event.target.value } : entry)))} />
                      <DatePicker value={milestone.plannedDate} onChange={(value) => setMilestones(milestones.map((entry, position) => (position === index ? { ...entry, plannedDate: value } : entry)))} />
                    </Space>
                  ))}
                  <Button
                    disabled={!projectName.trim() || milestones.some((entry) => !entry.plannedDate)}
                    loading={mark.isPending}
                    onClick={async () => {
                      try {
                        await mark.mutateAsync({ caseId, name: projectName.trim(), milestones: milestones.map((entry) => ({ name: entry.name, match: entry.match, plannedDate: entry.plannedDate!.format('YYYY-MM-DD') })) });
                        message.success('已列为重点项目');
                        void refresh();
                      } catch (error) {
                        message.error((error as Error).message);
                      }
                    }}
                  >
                    列为重点项目
                  </Button>
                </Space>
              ) : (
                <Empty description="非重点项目" />
              )}
              {data.keyBundles.map((bundle) => (
                <div key={bundle.id} style={{ marginTop: 12 }} data-testid="case-key-bundle">
                  <Space style={{ marginBottom: 4 }}>
                    <Tag color="purple">联办重点项目</Tag>
                    <Link to="/supervision/key-projects">{bundle.name}</Link>
                    <span>共{bundle.members.length}件</span>
                  </Space>
                  <BundleMilestones milestones={bundle.milestones} />
                </div>
              ))}
            </Card>
          </Col>
        </Row>
      </Space>
    </PageContainer>
  );
}
