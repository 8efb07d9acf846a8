import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Form, Input, Modal, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ItemDocument } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import { ItemDiffTable } from './ItemDiffTable.js';
import { ServiceGuide } from './ServiceGuide.js';
import { changeTypeLabels } from './itemLabels.js';

/**
 * Review of one submission (R1.2): the proposed version beside the published one as a field-level
 * diff (child lists by row), the two service guides side by side, then approve or return with reasons.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const detail = useQuery(trpc.studio.items.get.queryOptions({ id }));
  const publishedVersion = detail.data?.published?.version ?? 0;
  const diff = useQuery({
    ...trpc.studio.items.diff.queryOptions({ id, from: publishedVersion, to: 'draft' }),
    enabled: !!detail.data?.open,
  });
  const approve = useMutation(trpc.studio.items.review.approve.mutationOptions());
  const sendBack = useMutation(trpc.studio.items.review.return.mutationOptions());
  const [returning, setReturning] = useState(false);
  const [approving, setApproving] = useState(false);
  const [returnForm] = Form.useForm<{ comment: string }>();
  const [approveForm] = Form.useForm<{ comment?: string }>();

  if (detail.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (detail.error || !detail.data) return <Alert type="error" showIcon message={errorMessage(detail.error, '加载事项失败')} />;
  const { open, published, departmentName, permissions } = detail.data;
  if (!open || open.status !== 'submitted') {
    return (
      <PageContainer title="事项审核" onBack={() => navigate('/studio/item-review')}>
        <Alert type="info" showIcon message="该事项当前没有待审核的申请" />
      </PageContainer>
    );
  }

  const done = async (text: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.studio.items.pathKey() });
    message.success(text);
    navigate('/studio/item-review');
  };
  const onApprove = async (values: { comment?: string }) => {
    try {
      const result = await approve.mutateAsync({ id, comment: values.comment?.trim() || undefined });
      setApproving(false);
      modal.success({
        title: result.status === 'abolished' ? '已废止' : published ? '审核通过，变更已发布（沿用原编码）' : '审核通过，已赋码并发布',
        content: (
          <div>
            {result.codes && <p>基本编码：{result.codes.basic}</p>}
            <p>现行版本：第{result.version}版</p>
            <p>已发布公告：{result.announcement.title}</p>
          </div>
        ),
      });
      await done('审核通过');
    } catch (error) {
      message.error(errorMessage(error, '审核失败'));
    }
  };
  const onReturn = async (values: { comment: string }) => {
    try {
      await sendBack.mutateAsync({ id, comment: values.comment.trim() });
      setReturning(false);
      await done('已退回修改');
    } catch (error) {
      message.error(errorMessage(error, '退回失败'));
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
      extra={
        permissions.canReview
          ? [
              <Button key="return" danger onClick={() => setReturning(true)}>
                退回修改
              </Button>,
              <Button key="approve" type="primary" onClick={() => setApproving(true)}>
                审核通过
              </Button>,
            ]
          : []
      }
    >
      {!permissions.canReview && (
        <Alert style={{ marginBottom: 16 }} type="warning" showIcon message={permissions.reviewDenied ?? '您不能审核该事项'} />
      )}
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="实施部门">{departmentName}</Descriptions.Item>
        <Descriptions.Item label="现行版本">{published ? `第${published.version}版` : '无（新增事项）'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">
          {open.submittedAt ? new Date(open.submittedAt).toLocaleString('zh-CN') : '—'}
        </Descriptions.Item>
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
        open={returning}
        title="退回修改"
        okText="退回"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        confirmLoading={sendBack.isPending}
        onCancel={() => setReturning(false)}
        onOk={() => returnForm.submit()}
      >
        <Form form={returnForm} layout="vertical" onFinish={onReturn}>
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
        </Form>
      </Modal>
      <Modal
        open={approving}
        title="审核通过"
        okText="确认通过"
        cancelText="取消"
        confirmLoading={approve.isPending}
        onCancel={() => setApproving(false)}
        onOk={() => approveForm.submit()}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {open.changeType === 'abolish'
              ? '通过后事项即废止，并发布废止公告。'
              : '通过后自动按编码规则赋码，发布新版本并生成公告；各办理界面随即切换到新版本。'}
          </Typography.Text>
          <Form form={approveForm} layout="vertical" onFinish={onApprove}>
            <Form.Item label="审核意见（可选）" name="comment">
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </Form>
        </Space>
      </Modal>
    </PageContainer>
  );
}
