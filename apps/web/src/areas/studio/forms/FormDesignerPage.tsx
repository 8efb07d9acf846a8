import { CloudUploadOutlined, DatabaseOutlined, SaveOutlined, TableOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Drawer, Empty, List, Modal, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { upgradeFormSettings, type FormDocument } from '@xlgl/schema';
import { FormDesigner, type FormIssue, type PlannedChange } from '@xlgl/designer';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { DesignerTitle } from '../components/DesignerTitle.js';
import { VersionHistoryButton } from '../components/VersionHistoryButton.js';
import { useLeaveGuard } from '../../../lib/useLeaveGuard.js';

type FormReview = RouterOutputs['studio']['forms']['review'];

/** The planned database change in plain words, risks and blockers first; the SQL for the curious. */
function PlanPanel({ review }: { review: FormReview }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="db-plan">
      <Typography.Text>
        {review.creates ? '将新建数据表' : '将修改数据表'} <Typography.Text code>{review.table}</Typography.Text>（发布为第{review.version}版，所有语句在一个事务中执行）
      </Typography.Text>
      {review.blockers.map((blocker) => (
        <Alert key={blocker} type="error" showIcon message={blocker} />
      ))}
      {review.risks.map((risk) => (
        <Alert key={risk} type="warning" showIcon message={risk} />
      ))}
      {review.failures.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`${review.failures.length}个已有值无法转换为新类型，将保留在旧列中`}
          description={review.failures.slice(0, 10).map((failure) => `记录${failure.rowId.slice(0, 8)}的“${failure.label}”：${failure.reason}`).join('；')}
        />
      )}
      <List size="small" bordered dataSource={review.changes} renderItem={(change) => <List.Item>{change}</List.Item>} />
      <Typography.Text type="secondary">执行的SQL语句：</Typography.Text>
      <pre style={{ maxHeight: 200, overflow: 'auto', background: '#fafafa', padding: 8, fontSize: 12, whiteSpace: 'pre-wrap' }}>{review.statements.join(';\n') || '（无）'}</pre>
    </Space>
  );
}

function TablePanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const table = useQuery(trpc.studio.forms.table.queryOptions({ id }));
  if (table.isLoading) return <Spin />;
  if (!table.data) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="表单尚未发布，还没有数据表" />;
  const stateTag = { active: <Tag color="green">使用中</Tag>, removed: <Tag>已隐藏（数据保留）</Tag>, retired: <Tag color="gold">旧类型（数据保留）</Tag>, system: <Tag color="blue">系统列</Tag> };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="form-table">
      <Typography.Text>
        数据表 <Typography.Text code>{table.data.table}</Typography.Text>：第{table.data.formVersion}版，{table.data.records}条记录，已发布版本 {table.data.publishedVersions.join('、')}
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey={(row) => `${row.table}.${row.column}`}
        dataSource={table.data.columns}
        columns={[
          { title: '数据表', dataIndex: 'table', width: 200 },
          { title: '列名', dataIndex: 'column', width: 180, render: (value: string) => <Typography.Text code>{value}</Typography.Text> },
          { title: '类型', dataIndex: 'sqlType', width: 160 },
          { title: '字段', dataIndex: 'label', ellipsis: true, render: (value: string | null) => value ?? '—' },
          { title: '状态', dataIndex: 'state', width: 150, render: (value: keyof typeof stateTag) => stateTag[value] },
        ]}
      />
    </Space>
  );
}

/** 表单设计器: edit the draft with preview and JSON view, see the planned database change, publish. */
export function FormDesignerPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const loaded = useQuery(trpc.studio.forms.get.queryOptions({ id }));
  const directory = useQuery(trpc.studio.forms.context.queryOptions());
  const history = useQuery({ ...trpc.studio.forms.history.queryOptions({ id }), enabled: false });
  const [form, setForm] = useState<FormDocument>();
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty, '表单修改');
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [review, setReview] = useState<FormReview>();
  const [planning, setPlanning] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [tableOpen, setTableOpen] = useState(false);
  const [published, setPublished] = useState<RouterOutputs['studio']['forms']['publish']>();
  const saveDraft = useMutation(trpc.studio.forms.saveDraft.mutationOptions());
  const publish = useMutation(trpc.studio.forms.publish.mutationOptions());

  // a stored draft or version may hold field settings of an older version: edit them in the current shape
  const stored = loaded.data?.draft?.document ?? loaded.data?.published;
  const upgraded = useMemo(
    () => (stored ? (upgradeFormSettings(stored as unknown as Record<string, unknown>).document as unknown as FormDocument) : undefined),
    [stored],
  );
  const current = form ?? upgraded;
  const onChange = useCallback((next: FormDocument) => {
    setForm(next);
    setDirty(true);
    setReview(undefined);
  }, []);
  const publishedFieldIds = useMemo(
    () => (loaded.data?.published?.sections ?? []).flatMap((section) => section.fields.flatMap((field) => [field.id, ...(field.fields ?? []).map((child) => child.id)])),
    [loaded.data?.published],
  );
  const context = useMemo(
    () => (directory.data ? { dictionaries: directory.data.dictionaries, departments: directory.data.departments, regionTree: directory.data.regionTree, dependents: loaded.data?.dependents } : undefined),
    [directory.data, loaded.data?.dependents],
  );
  const plannedChanges = useMemo<PlannedChange[] | undefined>(
    () => (review ? [...review.blockers.map((risk) => ({ summary: '有其他配置依赖的字段', risk })), ...review.changes.map((summary) => ({ summary })), ...review.risks.map((risk) => ({ summary: '风险', risk }))] : undefined),
    [review],
  );

  if (loaded.isLoading || directory.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (loaded.error || !current || !context) {
    return <Result status="warning" title="无法打开表单" subTitle={errorMessage(loaded.error ?? directory.error, '表单不存在')} extra={<Link to="/studio/forms">返回表单列表</Link>} />;
  }

  const save = async (quiet = false) => {
    if (issues.length > 0) {
      message.error({ content: `表单有${issues.length}处问题，请先修正：${issues.slice(0, 3).map((issue) => issue.message).join('；')}`, duration: 6 });
      return false;
    }
    try {
      await saveDraft.mutateAsync({ document: current });
      setDirty(false);
      await queryClient.invalidateQueries({ queryKey: trpc.studio.forms.get.queryKey({ id }) });
      if (!quiet) message.success('草稿已保存');
      return true;
    } catch (error) {
      message.error({ content: errorMessage(error, '保存草稿失败'), duration: 8 });
      return false;
    }
  };

  const plan = async () => {
    setPlanning(true);
    try {
      if (!(await save(true))) return undefined;
      const result = await client.studio.forms.review.query({ id });
      setReview(result);
      return result;
    } catch (error) {
      message.error({ content: errorMessage(error, '生成数据库变更计划失败'), duration: 8 });
      return undefined;
    } finally {
      setPlanning(false);
    }
  };

  const startPublish = async () => {
    const result = await plan();
    if (!result) return;
    setAcknowledged(false);
    setConfirming(true);
  };

  const confirmPublish = async () => {
    try {
      const result = await publish.mutateAsync({ id, confirmDependents: acknowledged });
      setConfirming(false);
      setReview(undefined);
      setForm(undefined);
      setDirty(false);
      setPublished(result);
      await queryClient.invalidateQueries({ queryKey: trpc.studio.forms.get.queryKey({ id }) });
      await queryClient.invalidateQueries({ queryKey: trpc.studio.forms.table.queryKey({ id }) });
      setTableOpen(true);
      message.success(`已发布第${result.version}版，数据表 ${result.table} 已${result.previousVersion ? '更新' : '建立'}`);
    } catch (error) {
      message.error({ content: errorMessage(error, '发布失败'), duration: 10 });
    }
  };

  return (
    <PageContainer
      title={<DesignerTitle name={current.name} publishedVersion={loaded.data?.publishedVersion} hasDraft={!!loaded.data?.draft} dirty={dirty} />}
      breadcrumb={{ items: [{ title: <Link to="/studio/forms">表单设计</Link> }, { title: current.name }] }}
      extra={[
        <VersionHistoryButton key="history" history={history} />,
        <Button key="table" icon={<TableOutlined />} onClick={() => setTableOpen(true)}>
          数据表
        </Button>,
        <Button key="save" icon={<SaveOutlined />} loading={saveDraft.isPending && !planning} onClick={() => save()}>
          保存草稿
        </Button>,
        <Button key="plan" icon={<DatabaseOutlined />} loading={planning && !confirming} onClick={plan}>
          数据库变更计划
        </Button>,
        <Button key="publish" type="primary" icon={<CloudUploadOutlined />} onClick={startPublish}>
          发布
        </Button>,
      ]}
    >
      {published && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 12 }}
          onClose={() => setPublished(undefined)}
          message={`已发布第${published.version}版：${published.report.join('；')}`}
          data-testid="publish-report"
        />
      )}
      {review && (
        <Card size="small" title="数据库变更计划" style={{ marginBottom: 12 }} extra={<a onClick={() => setReview(undefined)}>收起</a>}>
          <PlanPanel review={review} />
        </Card>
      )}
      <FormDesigner
        value={current}
        onChange={onChange}
        context={context}
        plannedChanges={plannedChanges}
        publishedFieldIds={publishedFieldIds}
        onIssues={setIssues}
        height="calc(100vh - 200px)"
      />
      <Modal
        open={confirming && !!review}
        title={`发布表单“${current.name}”？`}
        okText="确认发布"
        cancelText="取消"
        width={760}
        onCancel={() => setConfirming(false)}
        onOk={confirmPublish}
        confirmLoading={publish.isPending}
        okButtonProps={{ disabled: !!review?.blockers.length && !acknowledged }}
      >
        {review && <PlanPanel review={review} />}
        {!!review?.blockers.length && (
          <Checkbox checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} style={{ marginTop: 8 }}>
            我已了解上述依赖，仍要发布（依赖这些字段的配置需随后修改）
          </Checkbox>
        )}
      </Modal>
      <Drawer open={tableOpen} onClose={() => setTableOpen(false)} title="数据表结构" width={860} destroyOnHidden>
        <TablePanel id={id} />
      </Drawer>
    </PageContainer>
  );
}
