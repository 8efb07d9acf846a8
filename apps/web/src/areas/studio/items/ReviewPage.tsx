import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ItemDocument } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, type RouterOutputs } from '../../../trpc.js';
import { ItemDiffTable } from './ItemDiffTable.js';
import { ServiceGuide } from './ServiceGuide.js';
import { changeTypeLabels } from './itemLabels.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';
import { useCloseGuard } from '../../../lib/useLeaveGuard.js';

type ReviewAction = NonNullable<RouterOutputs['studio']['items']['review']['detail']>['actions'][number];
type Dialog = { action: ReviewAction } | null;

/** The button text of an engine action in an item review (the engine's type, the review's words). */
function actionText(action: ReviewAction): string {
  switch (action.type) {
    case 'approve':
      return '审核通过';
    case 'reject':
      return '退回修改';
    case 'return':
      return '退回上一环节';
    case 'transfer':
      return '转办';
    default:
      return action.label;
  }
}

/**
 * Review of one submission (R1.2): the proposed version beside the published one as a field-level
 * diff (child lists by row), the two service guides side by side, and exactly the actions the flow
 * engine offers the reviewer at the current step of the review flow (R1.8).
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const detail = useQuery(trpc.studio.items.get.queryOptions({ id }));
  const review = useQuery(trpc.studio.items.review.detail.queryOptions({ id }));
  const publishedVersion = detail.data?.published?.version ?? 0;
  const diff = useQuery({
    ...trpc.studio.items.diff.queryOptions({ id, from: publishedVersion, to: 'draft' }),
    enabled: !!detail.data?.open,
  });
  const act = useMutation(trpc.studio.items.review.act.mutationOptions());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ comment?: string; targetNodeId?: string; toUserId?: string }>();
  const dialogInitial = useMemo(
    () => (dialog?.action.targets?.length === 1 ? { targetNodeId: dialog.action.targets[0]!.nodeId } : {}),
    [dialog],
  );
  // Closing the dialog (取消, ×, Esc, the mask) with an opinion or a choice entered asks first.
  const guardClose = useCloseGuard(form, dialogInitial, '审核意见');

  if (detail.isLoading || review.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (detail.error || !detail.data) return <Alert type="error" showIcon message={errorMessage(detail.error, '加载事项失败')} />;
  const { open, published, departmentName, permissions } = detail.data;
  if (!open || open.status !== 'submitted') {
    return (
      <PageContainer title="事项审核" onBack={() => navigate('/studio/item-review')}>
        <Alert type="info" showIcon message="该事项当前没有待审核的申请" />
      </PageContainer>
    );
  }
  const flow = review.data ?? null;
  const actions = permissions.canReview ? (flow?.actions ?? []) : [];
  const currentSteps = flow?.currentSteps.map((step) => step.label).join('、') ?? '';

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.studio.items.pathKey() });
  const open_ = (action: ReviewAction) => setDialog({ action });
  const onFinish = async (values: { comment?: string; targetNodeId?: string; toUserId?: string }) => {
    if (!dialog || !flow) return;
    const { action } = dialog;
    try {
      const result = await act.mutateAsync({
        id,
        expectedVersion: flow.version,
        action: {
          type: action.type as 'approve' | 'reject' | 'return' | 'transfer' | 'withdraw',
          taskId: action.taskId,
          nodeId: action.nodeId,
          targetNodeId: values.targetNodeId,
          toUserId: values.toUserId,
          comment: values.comment?.trim() || undefined,
        },
      });
      setDialog(null);
      await refresh();
      if (!result.concluded) {
        message.success(result.nextSteps.length > 0 ? `已提交至：${result.nextSteps.join('、')}` : '已办理');
        return;
      }
      if (result.status === 'returned') {
        message.success('已退回修改');
        navigate('/studio/item-review');
        return;
      }
      modal.success({
        title: result.status === 'abolished' ? '已废止' : published ? '审核通过，变更已发布（沿用原编码）' : '审核通过，已赋码并发布',
        content: (
          <div>
            {result.codes && <p>基本编码：{result.codes.basic}</p>}
            {result.codes?.subItems.map((sub) => (
              <p key={sub.subItemId}>
                {sub.name}：{sub.basic}
              </p>
            ))}
            {result.version !== null && <p>现行版本：第{result.version}版</p>}
            {result.announcement && <p>已发布公告：{result.announcement.title}</p>}
          </div>
        ),
        onOk: () => navigate('/studio/item-review'),
      });
    } catch (error) {
      message.error(errorMessage(error, '审核办理失败'));
    }
  };

  const proposed = open.document as ItemDocument;
  return (
    <PageContainer
      title={`审核：${open.document.name}`}
      onBack={() => navigate('/studio/item-review')}
      tags={
        <Tag color={open.changeType === 'abolish' ? 'red' : open.changeType === 'change' ? 'orange' : 'blue'}>
          {changeTypeLabels[open.changeType]}申请
        </Tag>
      }
      extra={actions.map((action) =>
        action.disabledReason ? (
          <Tooltip key={`${action.type}:${action.taskId ?? action.nodeId}`} title={action.disabledReason}>
            <Button disabled>{actionText(action)}</Button>
          </Tooltip>
        ) : (
          <Button
            key={`${action.type}:${action.taskId ?? action.nodeId}`}
            type={action.type === 'approve' ? 'primary' : 'default'}
            danger={action.type === 'reject' || action.type === 'return'}
            onClick={() => open_(action)}
          >
            {actionText(action)}
          </Button>
        ),
      )}
    >
      {!permissions.canReview && (
        <Alert style={{ marginBottom: 16 }} type="warning" showIcon message={permissions.reviewDenied ?? '您不能审核该事项'} />
      )}
      {flow && (
        <Alert
          style={{ marginBottom: 16 }}
          type={actions.length > 0 ? 'info' : 'warning'}
          showIcon
          message={`当前环节：${currentSteps || '—'}`}
          description={
            <Space direction="vertical" size={4}>
              <Steps
                size="small"
                current={Math.max(
                  0,
                  flow.steps.findIndex((step) => flow.currentSteps.some((current) => current.nodeId === step.nodeId)),
                )}
                items={flow.steps.map((step) => ({ title: step.label }))}
              />
              <Typography.Text type="secondary">
                审核流程：{flow.flowName}（第{flow.flowVersion}版）
                {actions.length === 0 && permissions.canReview ? '。当前环节不由您办理' : ''}
              </Typography.Text>
            </Space>
          }
        />
      )}
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="实施部门">{departmentName}</Descriptions.Item>
        <Descriptions.Item label="现行版本">{published ? `第${published.version}版` : '无（新增事项）'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{open.submittedAt ? chinaDateTime(open.submittedAt) : '—'}</Descriptions.Item>
        {open.changeType === 'abolish' && <Descriptions.Item label="废止原因">{open.abolishReason}</Descriptions.Item>}
        {open.changeType === 'abolish' && <Descriptions.Item label="废止日期">{open.abolishDate}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'diff',
            label: `字段差异${diff.data ? `（${diff.data.entries.length}处）` : ''}`,
            children: diff.isLoading ? (
              <Spin />
            ) : (
              <ItemDiffTable
                entries={diff.data?.entries ?? []}
                beforeTitle={published ? `现行版本（第${published.version}版）` : '现行版本（无）'}
                afterTitle="拟发布版本"
              />
            ),
          },
          {
            key: 'side-by-side',
            label: '办事指南对照',
            children: (
              <Row gutter={16}>
                <Col span={12}>
                  <Typography.Title level={5}>现行版本</Typography.Title>
                  {published ? (
                    <ServiceGuide item={published.document as ItemDocument} departmentName={departmentName} />
                  ) : (
                    <Alert type="info" message="新增事项，无现行版本" />
                  )}
                </Col>
                <Col span={12}>
                  <Typography.Title level={5}>拟发布版本</Typography.Title>
                  <ServiceGuide item={proposed} departmentName={departmentName} />
                </Col>
              </Row>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={dialog ? `${actionText(dialog.action)}（${currentSteps}）` : ''}
        okText={
          dialog?.action.type === 'approve'
            ? '确认通过'
            : dialog?.action.type === 'reject' || dialog?.action.type === 'return'
              ? '退回'
              : '确定'
        }
        okButtonProps={{ danger: dialog?.action.type === 'reject' || dialog?.action.type === 'return' }}
        cancelText="取消"
        confirmLoading={act.isPending}
        onCancel={guardClose(() => setDialog(null))}
        onOk={async () => {
          // Validate and act directly (not through a submit event), so a quick confirm is never lost.
          const values = await form.validateFields().catch(() => null);
          if (values) await onFinish(values);
        }}
        destroyOnHidden
      >
        {dialog && (
          <Form form={form} layout="vertical" onFinish={onFinish} preserve={false} initialValues={dialogInitial}>
            {dialog.action.type === 'approve' && (
              <Typography.Paragraph>
                {open.changeType === 'abolish'
                  ? '审核流程的最后一个环节通过后，事项即废止，并发布废止公告。'
                  : '审核流程的最后一个环节通过后，自动按编码规则赋码，发布新版本并生成公告；各办理界面随即切换到新版本。'}
              </Typography.Paragraph>
            )}
            {dialog.action.type === 'reject' && (
              <Typography.Paragraph>退回给提交人修改，本次审核结束；修改后重新提交审核。</Typography.Paragraph>
            )}
            {dialog.action.type === 'withdraw' && <Typography.Paragraph>撤回您在该环节的办理结果，重新办理该环节。</Typography.Paragraph>}
            {dialog.action.type === 'return' && (
              <Form.Item label="退回至" name="targetNodeId" rules={[{ required: true, message: '请选择退回的环节' }]}>
                <Select options={(dialog.action.targets ?? []).map((target) => ({ value: target.nodeId, label: target.label }))} />
              </Form.Item>
            )}
            {dialog.action.type === 'transfer' && (
              <Form.Item label="转办给" name="toUserId" rules={[{ required: true, message: '请选择转办人员' }]}>
                <Select
                  options={(flow?.transferTo ?? []).map((user) => ({ value: user.id, label: user.name }))}
                  notFoundContent="本中心没有其他审核人员"
                />
              </Form.Item>
            )}
            {dialog.action.type === 'reject' || dialog.action.type === 'return' ? (
              <Form.Item
                label="退回意见"
                name="comment"
                rules={[
                  { required: true, whitespace: true, message: '请填写退回原因' },
                  { min: 2, message: '请填写退回原因' },
                ]}
              >
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} placeholder="写明需要修改的内容" />
              </Form.Item>
            ) : (
              <Form.Item label={dialog.action.type === 'approve' ? '审核意见（可选）' : '说明（可选）'} name="comment">
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
              </Form.Item>
            )}
          </Form>
        )}
      </Modal>
    </PageContainer>
  );
}
