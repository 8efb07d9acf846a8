import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Result, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { itemDocument, migrateDocument, type ItemDocument, type ItemStatus } from '@xlgl/schema';
import { useCurrentUser } from '../../../auth/CurrentUserContext.js';
import { errorMessage, issuesFromError } from '../../../lib/serverErrors.js';
import { useTRPC, type RouterOutputs } from '../../../trpc.js';
import { documentFromForm, ItemEditor, newItemDefaults, placeOnForm, useItemChanges, validateItem } from './ItemEditor.js';
import { useCloseGuard, useLeaveGuard } from '../../../lib/useLeaveGuard.js';
import { ItemGrants } from './ItemGrants.js';
import { useItemAction } from './useItemAction.js';
import { ItemVersions } from './ItemVersions.js';
import { ServiceGuide } from './ServiceGuide.js';
import { changeTypeLabels, eventActionLabels, statusColors, statusLabel } from './itemLabels.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type Detail = RouterOutputs['studio']['items']['get'];

const noAbolishValues = {};

function AbolishModal({
  onClose,
  onSubmit,
  pending,
}: {
  onClose: () => void;
  onSubmit: (values: { reason: string; effectiveDate: string }) => void;
  pending: boolean;
}) {
  const [form] = Form.useForm<{ reason: string; effectiveDate: Dayjs }>();
  // Closing with a reason typed asks first (the page's own leave guard covers navigation).
  const close = useCloseGuard(form, noAbolishValues, '废止申请')(onClose);
  return (
    <Modal
      open
      title="申请废止事项"
      okText="提交废止申请"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={close}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => onSubmit({ reason: values.reason.trim(), effectiveDate: values.effectiveDate.format('YYYY-MM-DD') })}
      >
        <Form.Item label="废止原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写废止原因' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={500} />
        </Form.Item>
        <Form.Item label="废止日期" name="effectiveDate" rules={[{ required: true, message: '请选择废止日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function History({ detail }: { detail: Detail }) {
  return (
    <Timeline
      items={[...detail.events].reverse().map((event) => ({
        color: event.action === 'return' ? 'red' : event.action === 'publish' ? 'green' : 'blue',
        children: (
          <div>
            <Typography.Text strong>
              {eventActionLabels[event.action] ?? event.action}
              {typeof event.detail.step === 'string' && `（${event.detail.step}）`}
            </Typography.Text>
            {event.action === 'reviewStep' && typeof event.detail.message === 'string' && <div>{event.detail.message}</div>}
            <Typography.Text type="secondary">
              {' '}
              · 第{event.revision}次修订 · {event.actorName} · {chinaDateTime(event.at)}
            </Typography.Text>
            {event.comment && <div>意见：{event.comment}</div>}
            {event.action === 'code' && typeof event.detail.codes === 'object' && (
              <div>基本编码：{(event.detail.codes as { basic: string }).basic}</div>
            )}
            {Array.isArray(event.detail.fields) && <div>修改：{(event.detail.fields as string[]).join('、')}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** Where a submission is in the review flow (the engine's current steps). */
function SubmittedNotice({ id }: { id: string }) {
  const trpc = useTRPC();
  const review = useQuery(trpc.studio.items.review.detail.queryOptions({ id }));
  const steps = review.data?.currentSteps.map((step) => step.label).join('、');
  return (
    <Alert
      style={{ marginBottom: 16 }}
      type="info"
      showIcon
      message="已提交审核，等待审改部门处理"
      description={review.data ? `审核流程：${review.data.flowName}；当前环节：${steps || '—'}` : undefined}
    />
  );
}

/** One item: editor (draft or change), service-guide preview, versions with diffs, and its history. */
export function ItemPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const user = useCurrentUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const options = useQuery(trpc.studio.items.options.queryOptions());
  const detailQuery = useQuery({ ...trpc.studio.items.get.queryOptions({ id }), enabled: !isNew });
  const detail = detailQuery.data;
  const [tab, setTab] = useState('edit');
  const [preview, setPreview] = useState<{ item?: ItemDocument; issues: string[] }>({ issues: [] });
  const [abolishing, setAbolishing] = useState(false);

  const create = useMutation(trpc.studio.items.create.mutationOptions());
  const save = useMutation(trpc.studio.items.save.mutationOptions());
  const submit = useMutation(trpc.studio.items.submit.mutationOptions());
  const withdraw = useMutation(trpc.studio.items.withdraw.mutationOptions());
  const discard = useMutation(trpc.studio.items.discard.mutationOptions());
  const requestChange = useMutation(trpc.studio.items.requestChange.mutationOptions());
  const requestAbolish = useMutation(trpc.studio.items.requestAbolish.mutationOptions());

  const newDefaults = useMemo(
    () => (options.data ? newItemDefaults(options.data, user.regionLevel) : undefined),
    [options.data, user.regionLevel],
  );
  const open = detail?.open ?? null;
  const editable = isNew
    ? user.capabilities.includes('studio.item.edit')
    : !!open && (open.status === 'draft' || open.status === 'returned') && open.changeType !== 'abolish' && !!detail?.permissions.canEdit;
  const base: Partial<ItemDocument> | undefined = isNew ? newDefaults : (open?.document ?? detail?.published?.document);
  const lastReturn =
    open?.status === 'returned' ? [...(detail?.events ?? [])].reverse().find((event) => event.action === 'return') : undefined;

  // Leaving with unsaved edits asks first (a link, the back arrow, closing the tab); saving ends it.
  const changes = useItemChanges(form, base, editable);
  const leaveGuard = useLeaveGuard(changes.dirty, '事项修改');

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.studio.items.pathKey() });
  };
  const run = useItemAction();

  const currentDocument = () => documentFromForm(base ?? {}, form.getFieldsValue(true) as Record<string, unknown>);

  /** Validates and saves the form; returns false when it could not. */
  const saveForm = async (): Promise<boolean> => {
    const document = currentDocument();
    const issues = validateItem(document);
    if (issues.length > 0) {
      const unplaced = placeOnForm(form, issues);
      message.error(unplaced.length ? unplaced.join('；') : '请按提示修改标红的字段');
      setTab('edit');
      return false;
    }
    try {
      if (isNew) await create.mutateAsync({ document });
      else await save.mutateAsync({ document });
      changes.markSaved();
      // A new item moves to its own address next, before the page re-renders as saved.
      if (isNew) leaveGuard.release();
      return true;
    } catch (error) {
      const unplaced = placeOnForm(form, issuesFromError(error));
      message.error(unplaced.length ? unplaced.join('；') : errorMessage(error, '保存失败'));
      return false;
    }
  };

  const onSave = async () => {
    if (!(await saveForm())) return;
    message.success('草稿已保存');
    if (isNew) navigate(`/studio/items/${String(base?.id)}`, { replace: true });
    else await refresh();
  };
  const onSubmit = async () => {
    if (!(await saveForm())) return;
    const itemId = String(base?.id);
    try {
      await submit.mutateAsync({ id: itemId });
      message.success('已提交审改部门审核');
      if (isNew) navigate(`/studio/items/${itemId}`, { replace: true });
      await refresh();
    } catch (error) {
      message.error(errorMessage(error, '提交失败'));
      if (isNew) navigate(`/studio/items/${itemId}`, { replace: true });
    }
  };

  const onTab = (key: string) => {
    if (key === 'preview') {
      // A stored version may be of an earlier schema version: migrate it first (as the server does).
      const parsed = itemDocument.safeParse(editable ? currentDocument() : migrateDocument({ ...(base as Record<string, unknown>) }));
      setPreview(parsed.success ? { item: parsed.data, issues: [] } : { issues: parsed.error.issues.map((issue) => issue.message) });
    }
    setTab(key);
  };

  // A failed load (unknown id in a deep link, no access) ends the spinner: `base` stays undefined after an error.
  const loadError = (!isNew ? detailQuery.error : null) ?? options.error;
  if (loadError) {
    return <Result status="warning" title="无法打开事项" subTitle={errorMessage(loadError, '加载事项失败')} extra={<Link to="/studio/items">返回事项列表</Link>} />;
  }
  if ((!isNew && detailQuery.isLoading) || options.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (!base) return <Result status="warning" title="无法打开事项" subTitle="该事项没有可查看的版本" extra={<Link to="/studio/items">返回事项列表</Link>} />;

  const status = (isNew ? 'draft' : (open?.status ?? detail?.published?.status ?? 'draft')) as ItemStatus;
  const departmentName =
    detail?.departmentName ??
    options.data?.departments.find((entry) => entry.id === base.departmentId)?.name ??
    String(base.departmentId ?? '');
  const published = detail?.published;
  const canEdit = isNew || !!detail?.permissions.canEdit;
  const actions = [];
  if (editable) {
    actions.push(
      <Button key="save" onClick={onSave} loading={create.isPending || save.isPending}>
        保存草稿
      </Button>,
      <Button key="submit" type="primary" onClick={onSubmit} loading={submit.isPending}>
        提交审核
      </Button>,
    );
    if (!isNew)
      actions.push(
        <Popconfirm
          key="discard"
          title="放弃这次修订？"
          description={published ? '现行版本不受影响。' : '未发布的新事项将被删除。'}
          okText="放弃"
          cancelText="取消"
          onConfirm={() =>
            run(() => discard.mutateAsync({ id }), '已放弃修订').then(() => {
              // The edits went with the revision: nothing is left to ask about.
              leaveGuard.release();
              if (!published) navigate('/studio/items');
            })
          }
        >
          <Button danger>放弃修订</Button>
        </Popconfirm>,
      );
  }
  if (open?.status === 'submitted' && canEdit)
    actions.push(
      <Button key="withdraw" onClick={() => run(() => withdraw.mutateAsync({ id }), '已撤回，可继续修改')}>
        撤回
      </Button>,
    );
  if (!open && published?.status === 'published' && canEdit)
    actions.push(
      <Button
        key="change"
        type="primary"
        onClick={() => run(() => requestChange.mutateAsync({ id }), '已创建变更草稿，现行版本在审核通过前继续有效')}
      >
        申请变更
      </Button>,
      <Button key="abolish" danger onClick={() => setAbolishing(true)}>
        申请废止
      </Button>,
    );
  if (detail?.permissions.canReview)
    actions.push(
      <Link key="review" to={`/studio/item-review/${id}`}>
        <Button type="primary">去审核</Button>
      </Link>,
    );

  return (
    <PageContainer
      title={isNew ? '新建事项' : String(base.name)}
      onBack={() => navigate('/studio/items')}
      tags={
        <Space size={4}>
          <Tag color={statusColors[status]}>{statusLabel(status)}</Tag>
          {open && open.changeType !== 'create' && <Tag color="orange">{changeTypeLabels[open.changeType]}申请</Tag>}
          {published && <Tag color={published.status === 'published' ? 'green' : 'default'}>现行第{published.version}版</Tag>}
          {published?.document.codes && <Tag>基本编码 {published.document.codes.basic}</Tag>}
        </Space>
      }
      extra={actions}
    >
      {lastReturn && (
        <Alert
          style={{ marginBottom: 16 }}
          type="error"
          showIcon
          message="审改部门退回了本次修订"
          description={`退回意见：${lastReturn.comment ?? ''}（${lastReturn.actorName}，${chinaDateTime(lastReturn.at)}）`}
        />
      )}
      {open?.status === 'submitted' && <SubmittedNotice id={id} />}
      {open?.changeType === 'abolish' && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          message={`废止申请：${open.abolishReason ?? ''}，拟于${open.abolishDate ?? ''}废止`}
        />
      )}
      {!canEdit && detail?.permissions.editDenied && user.capabilities.includes('studio.item.edit') && (
        <Alert style={{ marginBottom: 16 }} type="warning" showIcon message={detail.permissions.editDenied} />
      )}
      <Tabs
        activeKey={tab}
        onChange={onTab}
        items={[
          {
            key: 'edit',
            label: editable ? '编辑' : '内容',
            children: editable ? (
              <ItemEditor form={form} initial={base} options={options.data} />
            ) : (
              <ServiceGuide item={base as ItemDocument} departmentName={departmentName} />
            ),
          },
          {
            key: 'preview',
            label: '办事指南预览',
            children: preview.item ? (
              <ServiceGuide item={preview.item} departmentName={departmentName} />
            ) : (
              <Alert type="warning" showIcon message="内容尚不完整，无法预览办事指南" description={preview.issues.join('；')} />
            ),
          },
          ...(isNew
            ? []
            : [
                {
                  key: 'versions',
                  label: '版本历史',
                  children: published ? (
                    <ItemVersions itemId={id} hasOpenRevision={!!open} departmentName={departmentName} />
                  ) : (
                    <Empty description="尚未发布过版本" />
                  ),
                },
                { key: 'history', label: '操作记录', children: detail ? <History detail={detail} /> : null },
                ...(published
                  ? [
                      {
                        key: 'grants',
                        label: '授权修改',
                        children: (
                          <ItemGrants
                            itemId={id}
                            canGrant={user.capabilities.includes('studio.item.review') && user.regionLevel === 'league'}
                          />
                        ),
                      },
                    ]
                  : []),
              ]),
        ]}
      />
      {abolishing && (
        <AbolishModal
          pending={requestAbolish.isPending}
          onClose={() => setAbolishing(false)}
          onSubmit={(values) =>
            run(() => requestAbolish.mutateAsync({ id, ...values }), '废止申请已提交审改部门审核').then(() => setAbolishing(false))
          }
        />
      )}
    </PageContainer>
  );
}
