import '@xyflow/react/dist/style.css';
import { CheckCircleOutlined, CloudUploadOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, List, Modal, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { FlowDocument } from '@xlgl/schema';
// The flow designer's own entry: the package's index also holds the form designer, whose form renderer
// (formily, and through it most of antd) the route would otherwise load and evaluate.
import { FlowDesigner, engineReviewer, type FlowDesignerContext, type FlowReviewer, type ReviewProblem } from '@xlgl/designer/flow-designer';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { DesignerTitle } from '../components/DesignerTitle.js';
import { VersionHistoryButton } from '../components/VersionHistoryButton.js';
import { useLeaveGuard } from '../../../lib/useLeaveGuard.js';

type Directory = RouterOutputs['studio']['flows']['context'];
type ReviewResult = RouterOutputs['studio']['flows']['review'];

const holdsCases = new Set(['task', 'countersign', 'parallel-join', 'fee-gate', 'print-gate', 'escalate', 'hand-back', 'supplement', 'special-procedure']);

/** What the designer offers in its pickers and gives its live review, for the chosen item. */
function designerContext(directory: Directory, flow: FlowDocument, itemId: string | undefined): FlowDesignerContext {
  const form = directory.forms.find((entry) => entry.id === flow.formId);
  const item = directory.items.find((entry) => entry.id === itemId);
  return {
    formFields: (form?.fields ?? []).map((field) => ({ id: field.id, label: field.label, type: field.type, removed: field.removed })),
    roles: directory.roles,
    posts: directory.posts,
    organizations: directory.organizations,
    users: directory.users,
    item: item ? { name: item.name, regionCode: item.regionCode, timeLimit: item.timeLimit, charges: item.charges, fees: item.fees, result: item.result } : undefined,
    certificateTemplates: directory.certificateTemplates,
  };
}

function ProblemList({ problems, flow }: { problems: ReviewProblem[]; flow: FlowDocument }) {
  const label = (id?: string) => flow.nodes.find((node) => node.id === id)?.label;
  if (problems.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有发现问题" />;
  return (
    <List
      size="small"
      dataSource={problems}
      data-testid="server-problems"
      renderItem={(problem) => (
        <List.Item>
          <Space direction="vertical" size={0}>
            <Space size={4} wrap>
              <Tag color={problem.severity === 'error' ? 'red' : 'gold'}>{problem.severity === 'error' ? '错误' : '警告'}</Tag>
              {problem.nodeId && <Tag>{label(problem.nodeId) ?? problem.nodeId}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {problem.ruleId}
              </Typography.Text>
            </Space>
            <span>{problem.message}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Rule 16: maps every node of the version in force that running cases may occupy and that is gone. */
function MappingModal({ previous, flow, onCancel, onConfirm }: { previous: FlowDocument; flow: FlowDocument; onCancel: () => void; onConfirm: (mapping: Record<string, string>) => void }) {
  const gone = previous.nodes.filter((node) => holdsCases.has(node.type) && !flow.nodes.some((next) => next.id === node.id && next.type === node.type));
  const targets = flow.nodes.filter((node) => holdsCases.has(node.type));
  const [form] = Form.useForm<Record<string, string>>();
  return (
    <Modal open title="迁移映射：正在办理的办件" okText="按此映射发布" cancelText="取消" onCancel={onCancel} onOk={() => form.submit()}>
      <Typography.Paragraph type="secondary">
        正在使用第{previous.version}版的办件仍停留在下列环节。新版本中没有这些环节，请为每个环节指定新版本中的对应环节（办件迁移到新版本时使用）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => onConfirm(Object.fromEntries(Object.entries(values).filter(([, value]) => value)))}>
        {gone.map((node) => (
          <Form.Item key={node.id} name={node.id} label={`旧环节“${node.label}”`} rules={[{ required: true, message: '请选择对应的新环节' }]}>
            <Select options={targets.map((target) => ({ value: target.id, label: target.label }))} placeholder="选择新版本中的环节" />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** 流程设计器: edit the draft, check it on the server, publish a new version. */
export function FlowDesignerPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const loaded = useQuery(trpc.studio.flows.get.queryOptions({ id }));
  const directory = useQuery(trpc.studio.flows.context.queryOptions());
  const history = useQuery({ ...trpc.studio.flows.history.queryOptions({ id }), enabled: false });
  const [flow, setFlow] = useState<FlowDocument>();
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty, '流程修改');
  const [itemId, setItemId] = useState<string>();
  const [review, setReview] = useState<ReviewResult>();
  const [refusal, setRefusal] = useState<string>();
  const [mappingOpen, setMappingOpen] = useState(false);
  const saveDraft = useMutation(trpc.studio.flows.saveDraft.mutationOptions());
  const publish = useMutation(trpc.studio.flows.publish.mutationOptions());
  const [checking, setChecking] = useState(false);

  const initial = loaded.data ? ((loaded.data.draft?.document ?? loaded.data.published) as FlowDocument) : undefined;
  const current = flow ?? initial;
  const boundItemId = itemId ?? directory.data?.items.find((item) => item.flowId === id)?.id;
  const context = useMemo(() => (directory.data && current ? designerContext(directory.data, current, boundItemId) : undefined), [directory.data, current === undefined, current?.formId, boundItemId]); // eslint-disable-line react-hooks/exhaustive-deps

  // The server also checks rule 16 (mapping for running cases), which needs the version in force.
  const serverOnly = useMemo(() => (review?.problems ?? []).filter((problem) => problem.ruleId === 'flow.migration-mapping'), [review]);
  const reviewer = useCallback<FlowReviewer>((doc, ctx) => [...engineReviewer(doc, ctx), ...serverOnly], [serverOnly]);

  const onChange = useCallback((next: FlowDocument) => {
    setFlow(next);
    setDirty(true);
  }, []);

  if (loaded.isLoading || directory.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (loaded.error || !current || !context || !directory.data) {
    return <Result status="warning" title="无法打开流程" subTitle={errorMessage(loaded.error ?? directory.error, '流程不存在')} extra={<Link to="/studio/flows">返回流程列表</Link>} />;
  }

  const save = async (quiet = false) => {
    try {
      await saveDraft.mutateAsync({ document: current });
      setDirty(false);
      await queryClient.invalidateQueries({ queryKey: trpc.studio.flows.get.queryKey({ id }) });
      if (!quiet) message.success('草稿已保存');
      return true;
    } catch (error) {
      message.error({ content: errorMessage(error, '保存草稿失败'), duration: 8 });
      return false;
    }
  };

  const check = async (mapping?: Record<string, string>) => {
    setChecking(true);
    try {
      if (!(await save(true))) return undefined;
      const result = await client.studio.flows.review.query({ id, itemId: boundItemId, mapping });
      setReview(result);
      return result;
    } catch (error) {
      message.error(errorMessage(error, '检查失败'));
      return undefined;
    } finally {
      setChecking(false);
    }
  };

  const runCheck = async () => {
    setRefusal(undefined);
    const result = await check();
    if (!result) return;
    if (result.errors === 0) message.success(result.warnings ? `检查通过，有${result.warnings}个警告` : '检查通过，可以发布');
    else message.warning(`检查发现${result.errors}个错误，修正后才能发布`);
  };

  const doPublish = async (mapping?: Record<string, string>) => {
    setRefusal(undefined);
    const result = await check(mapping);
    if (!result) return;
    if (result.blocked) {
      setRefusal(`检查发现${result.errors}个错误，不能发布。请按问题列表修正（问题已标在节点上）。`);
      if (result.problems.some((problem) => problem.ruleId === 'flow.migration-mapping') && loaded.data?.published) setMappingOpen(true);
      return;
    }
    modal.confirm({
      title: `发布流程“${current.name}”？`,
      content: `发布后新受理的办件使用新版本${result.previousVersion ? `；正在办理的办件仍使用第${result.previousVersion}版` : ''}。${result.warnings ? `有${result.warnings}个警告。` : ''}`,
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        try {
          const published = await publish.mutateAsync({ id, itemId: boundItemId, mapping });
          setReview(undefined);
          setFlow(published.document);
          setDirty(false);
          await queryClient.invalidateQueries({ queryKey: trpc.studio.flows.get.queryKey({ id }) });
          message.success(`已发布第${published.version}版${published.warnings.length ? `（${published.warnings.length}个警告）` : ''}`);
        } catch (error) {
          setRefusal(errorMessage(error, '发布失败'));
        }
      },
    });
  };

  return (
    <PageContainer
      title={<DesignerTitle name={current.name} publishedVersion={loaded.data?.publishedVersion} hasDraft={!!loaded.data?.draft} dirty={dirty} />}
      breadcrumb={{ items: [{ title: <Link to="/studio/flows">流程设计</Link> }, { title: current.name }] }}
      extra={[
        <Select
          key="item"
          style={{ width: 260 }}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="按事项检查（时限、收费、证照）"
          value={boundItemId}
          onChange={(value) => setItemId(value)}
          options={directory.data.items.map((item) => ({ value: item.id, label: item.name }))}
        />,
        <VersionHistoryButton key="history" history={history} />,
        <Button key="save" icon={<SaveOutlined />} loading={saveDraft.isPending && !checking} onClick={() => save()}>
          保存草稿
        </Button>,
        <Button key="check" icon={<SafetyCertificateOutlined />} loading={checking} onClick={runCheck}>
          检查
        </Button>,
        <Button key="publish" type="primary" icon={<CloudUploadOutlined />} loading={publish.isPending} onClick={() => doPublish()}>
          发布
        </Button>,
      ]}
    >
      {refusal && <Alert type="error" showIcon closable style={{ marginBottom: 12 }} message="发布被拒绝" description={refusal} data-testid="publish-refused" onClose={() => setRefusal(undefined)} />}
      <div style={{ display: 'flex', gap: 12 }}>
        <div style={{ flex: 1, minWidth: 0, height: 'calc(100vh - 230px)', minHeight: 560 }}>
          <FlowDesigner value={current} onChange={onChange} context={context} reviewer={reviewer} />
        </div>
        {review && (
          <Card
            size="small"
            style={{ width: 320, flex: 'none', maxHeight: 'calc(100vh - 230px)', overflowY: 'auto' }}
            title={
              <Space>
                {review.errors === 0 ? <CheckCircleOutlined style={{ color: '#52c41a' }} /> : null}
                服务器检查：{review.errors}个错误，{review.warnings}个警告
              </Space>
            }
            extra={<a onClick={() => setReview(undefined)}>关闭</a>}
            data-testid="server-review"
          >
            <ProblemList problems={review.problems} flow={current} />
          </Card>
        )}
      </div>
      {mappingOpen && loaded.data?.published && (
        <MappingModal
          previous={loaded.data.published}
          flow={current}
          onCancel={() => setMappingOpen(false)}
          onConfirm={(mapping) => {
            setMappingOpen(false);
            void doPublish(mapping);
          }}
        />
      )}
    </PageContainer>
  );
}
