import { CheckCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Radio, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { FormRenderer, FormRendererWarmup, type FormRendererApi } from '@xlgl/renderer';
import { caseTypes, type FormDocument } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient, type RouterOutputs } from '../../../trpc.js';
import { downloadPdf, fenToYuan, opinionPhrases } from '../deskShared.js';
import { MaterialsChecklist } from './MaterialsChecklist.js';
import { checklistMaterials, formFieldUpload, materialFileUrl, type ChecklistValue } from './materialFiles.js';

type ApplicantValues = { kind: 'person' | 'enterprise'; key: string; name: string; legalRepresentative?: string; phone?: string; address?: string; contactName?: string; contactPhone?: string };

const clamped = { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' } as const;

/**
 * The item's acceptance conditions in two lines with 展开 / 收起. Clamped by CSS; whether the text is
 * longer is read after the page is painted (antd's measuring ellipsis forced a layout of the whole
 * screen, generated form included, while it was being mounted).
 */
function Conditions({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const element = ref.current;
      if (element) setOverflows(element.scrollHeight > element.clientHeight + 1);
    });
    return () => cancelAnimationFrame(frame);
  }, [text]);
  return (
    <div>
      <Typography.Paragraph ref={ref} type="secondary" style={{ whiteSpace: 'pre-line', marginBottom: 0, ...(expanded ? {} : clamped) }}>
        {text}
      </Typography.Paragraph>
      {(overflows || expanded) && (
        <Typography.Link onClick={() => setExpanded(!expanded)} style={{ fontSize: 12 }}>
          {expanded ? '收起' : '展开受理条件'}
        </Typography.Link>
      )}
    </div>
  );
}

/**
 * The antd components an item's screen shows besides the generated form (its description, the
 * applicant card), for `FormRendererWarmup` to mount hidden before an item is picked.
 */
function AcceptanceWarmup() {
  return (
    <>
      <Descriptions size="small" column={3} items={[{ key: 'warmup', label: '预热', children: '预热' }]} />
      <Typography.Paragraph type="secondary">预热</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="预热">
          <Radio.Group optionType="button" options={[{ value: 'warmup', label: '预热' }]} />
        </Form.Item>
        <Form.Item label="预热" required>
          <Input.Search enterButton="预热" />
        </Form.Item>
      </Form>
    </>
  );
}

/** Made once: `FormRendererWarmup` is memoised and skips the page's re-renders. */
const acceptanceWarmup = <AcceptanceWarmup />;

/** The 证件号码 label follows the applicant kind. */
const kindChanged = (previous: ApplicantValues, next: ApplicantValues) => previous.kind !== next.kind;

type ItemEntry = RouterOutputs['desk']['items'][number];

/** How long the pointer rests on an item before its acceptance screen is requested (passing over the list requests nothing). */
const hoverIntentMs = 80;

/**
 * One item of the list. Memoised: choosing an item re-renders only the two rows whose highlight changes.
 * The acceptance screen is requested when the pointer rests on a row (a person's pointer is on the item a
 * few hundred ms before the press, so the answer is usually there when the click comes and the screen is
 * drawn in the click's own task) and at the latest when the pointer goes down on it (≈ 100 ms before the
 * click completes, and before the click's re-render).
 */
const ItemRow = memo(function ItemRow(props: { entry: ItemEntry; selected: boolean; onPick: (id: string) => void; onPrefetch: (id: string) => void }) {
  const { entry } = props;
  const hover = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopHover = () => clearTimeout(hover.current);
  useEffect(() => {
    const timer = hover;
    return () => clearTimeout(timer.current);
  }, []);
  return (
    <List.Item
      onPointerEnter={() => {
        stopHover();
        hover.current = setTimeout(() => props.onPrefetch(entry.id), hoverIntentMs);
      }}
      onPointerLeave={stopHover}
      onPointerDown={() => {
        stopHover();
        props.onPrefetch(entry.id);
      }}
      onClick={() => props.onPick(entry.id)}
      style={{ cursor: 'pointer', background: props.selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
      data-item-id={entry.id}
    >
      <List.Item.Meta
        title={entry.name}
        description={
          <Space size={4} wrap>
            <Tag>{caseTypes[entry.caseType as keyof typeof caseTypes]}</Tag>
            <Tag color="blue">{entry.initials}</Tag>
            {entry.promisedDays > 0 ? <span>承诺{entry.promisedDays}个工作日</span> : <span>即办</span>}
            {entry.charges && <Tag color="gold">收费</Tag>}
            {entry.generalHandling && <Tag color="purple">{entry.generalHandling.area}·{entry.generalHandling.owningRegionName}</Tag>}
          </Space>
        }
      />
    </List.Item>
  );
});

/** 受理登记: find an item, fill the generated acceptance screen, decide accept / supplement / refuse. */
export default function AcceptPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [itemId, setItemId] = useState<string | null>(null);
  const items = useQuery(trpc.desk.items.queryOptions({ search: search || undefined }));
  const acceptance = useQuery({ ...trpc.desk.acceptance.queryOptions({ itemId: itemId ?? '' }), enabled: !!itemId });
  const services = useQuery(trpc.desk.rendererServices.queryOptions());
  const queryClient = useQueryClient();
  const prefetchAcceptance = useCallback(
    (id: string) => void queryClient.prefetchQuery(trpc.desk.acceptance.queryOptions({ itemId: id }, { trpc: { context: { skipBatch: true } } })),
    [queryClient, trpc],
  );
  const pickItem = useCallback((id: string) => {
    setItemId(id);
    setMaterials({});
  }, []);
  const [applicantForm] = Form.useForm<ApplicantValues>();
  const applicantKey = Form.useWatch('key', applicantForm);
  const [materials, setMaterials] = useState<ChecklistValue>({});
  const [feeQuantities, setFeeQuantities] = useState<Record<string, number>>({});
  const formApi = useRef<FormRendererApi | null>(null);
  const [decision, setDecision] = useState<null | 'refuse' | 'supplement'>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<{ caseId: string; noticeId: string; number: string; queryPassword: string; outcome: string | null; decision: string } | null>(null);
  const accept = useMutation(trpc.desk.accept.mutationOptions());
  const [lookupKey, setLookupKey] = useState<{ kind: 'person' | 'enterprise'; key: string } | null>(null);
  const lookup = useQuery({ ...trpc.desk.lookupApplicant.queryOptions(lookupKey ?? { kind: 'person', key: '-' }), enabled: !!lookupKey });

  const item = acceptance.data?.item;
  const form = acceptance.data?.form as unknown as FormDocument | null | undefined;
  const fieldLabels = new Map((form?.sections ?? []).flatMap((section) => section.fields.map((entry) => [entry.id, entry.label] as const)));

  // Fill the applicant from the library when found.
  const lastFilled = useRef<string | null>(null);
  if (lookup.data && lookupKey && lastFilled.current !== `${lookupKey.kind}:${lookupKey.key}`) {
    lastFilled.current = `${lookupKey.kind}:${lookupKey.key}`;
    const found = lookup.data.applicant as Record<string, unknown> | null;
    if (found) {
      applicantForm.setFieldsValue({ name: String(found.name ?? ''), phone: (found.phone as string) ?? undefined, address: (found.address as string) ?? undefined, legalRepresentative: (found.legalRepresentative as string) ?? undefined });
      message.success('已从' + (lookupKey.kind === 'person' ? '自然人库' : '法人库') + '调取申请人信息');
    } else message.info('库中没有该申请人，受理后将自动入库');
  }

  // Memoised: the page re-renders on every keystroke and query update; the applicant fields (antd
  // Form.Item measures its own visibility while rendering, which forces a layout of the whole screen)
  // and the generated form (100 fields and more) re-render only when the item or the services change.
  const applicantCard = useMemo(
    () =>
      item ? (
      <Card title="申请人" size="small">
        <Form form={applicantForm} layout="vertical" initialValues={{ kind: item.serviceObjects.includes('1') ? 'person' : 'enterprise' }}>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="kind" label="申请人类型">
                <Radio.Group optionType="button" options={[{ value: 'person', label: '自然人' }, { value: 'enterprise', label: '法人' }]} />
              </Form.Item>
            </Col>
            <Col span={10}>
              {/* a function, not `shouldUpdate` (true): that re-renders the item once more right after it mounts,
                  and the re-render measures the item's visibility — a forced layout of the whole new screen */}
              <Form.Item noStyle shouldUpdate={kindChanged}>
                {() => (
                  <Form.Item name="key" label={applicantForm.getFieldValue('kind') === 'person' ? '身份证号码' : '统一社会信用代码'} rules={[{ required: true, message: '请填写证件号码' }]}>
                    <Input.Search
                      enterButton="调取"
                      aria-label="证件号码"
                      onSearch={(value) => value.trim() && setLookupKey({ kind: applicantForm.getFieldValue('kind'), key: value.trim().toUpperCase() })}
                    />
                  </Form.Item>
                )}
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="name" label="申请人名称" rules={[{ required: true, message: '请填写申请人名称' }]}>
                <Input aria-label="申请人名称" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="legalRepresentative" label="法定代表人">
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="phone" label="联系电话">
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="contactName" label="经办人（代理人）">
                <Input />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="contactPhone" label="经办人电话">
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      ) : null,
    [item, applicantForm],
  );
  const acceptanceForm = useMemo(
    () =>
      item && form ? (
        <Card title={`申请表：${form.name}`} size="small" data-testid="acceptance-form">
          <FormRenderer key={item.id} deferWidgets form={form} dictionaries={services.data?.dictionaries} regionTree={services.data?.regionTree} onUpload={formFieldUpload(setMaterials)} fileUrl={materialFileUrl} onReady={(api) => (formApi.current = api)} />
        </Card>
      ) : null,
    [item, form, services.data],
  );

  async function submit(kind: 'accept' | 'refuse' | 'supplement') {
    if (!item) return;
    const applicant = await applicantForm.validateFields();
    let formValues: Record<string, unknown> = {};
    if (formApi.current) {
      try {
        formValues = await formApi.current.submit({ draft: kind !== 'accept' });
      } catch {
        message.error('表单填写有误，请按提示修改');
        return;
      }
    }
    const materialList = checklistMaterials(item.materials.map((material) => material.id), materials);
    const applicantInput =
      applicant.kind === 'person'
        ? { kind: 'person' as const, idNumber: applicant.key.toUpperCase(), name: applicant.name, ...(applicant.phone ? { phone: applicant.phone } : {}), ...(applicant.address ? { address: applicant.address } : {}) }
        : { kind: 'enterprise' as const, creditCode: applicant.key.toUpperCase(), name: applicant.name, ...(applicant.legalRepresentative ? { legalRepresentative: applicant.legalRepresentative } : {}), ...(applicant.phone ? { phone: applicant.phone } : {}), ...(applicant.address ? { address: applicant.address } : {}) };
    try {
      const result = await accept.mutateAsync({
        itemId: item.id,
        applicant: applicantInput,
        contact: { name: applicant.contactName, phone: applicant.contactPhone },
        formValues,
        materials: materialList,
        feeQuantities,
        decision: kind,
        ...(kind !== 'accept' ? { reason } : {}),
      });
      setDecision(null);
      setDone({ ...result, decision: kind });
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  if (done) {
    const title = done.decision === 'accept' ? '已受理' : done.decision === 'refuse' ? '已作出不予受理决定' : '已一次性告知补正，暂停计时';
    return (
      <PageContainer title="受理登记">
        <Result
          status={done.decision === 'refuse' ? 'warning' : 'success'}
          title={title}
          subTitle={
            <Space direction="vertical">
              <span>
                办件编号：<Typography.Text strong copyable data-testid="case-number">{done.number}</Typography.Text>
              </span>
              <span>
                查询密码：<Typography.Text strong data-testid="query-password">{done.queryPassword}</Typography.Text>（请告知申请人，用于查询办理进度）
              </span>
            </Space>
          }
          extra={[
            <Button
              key="notice"
              onClick={async () => {
                try {
                  downloadPdf(await client.desk.notice.query({ noticeId: done.noticeId, queryPassword: done.queryPassword }));
                } catch (error) {
                  message.error(errorMessage(error));
                }
              }}
            >
              打印{done.decision === 'accept' ? '受理通知书' : done.decision === 'refuse' ? '不予受理通知书' : '补正告知书'}
            </Button>,
            <Link key="case" to={`/desk/case/${done.caseId}`}>
              <Button type="primary">查看办件</Button>
            </Link>,
            <Button key="again" onClick={() => { setDone(null); setItemId(null); setMaterials({}); setFeeQuantities({}); applicantForm.resetFields(); setReason(''); lastFilled.current = null; setLookupKey(null); }}>
              继续受理
            </Button>,
          ]}
        />
      </PageContainer>
    );
  }

  return (
    <PageContainer title="受理登记" subTitle="选择事项，核验申请人和材料后受理、补正告知或不予受理">
      <Row gutter={16}>
        <Col span={7}>
          <Card title="选择事项" size="small">
            <Input.Search placeholder="事项名称、编码或拼音首字母（如 QYSL）" allowClear prefix={<SearchOutlined />} onSearch={setSearch} onChange={(event) => !event.target.value && setSearch('')} aria-label="搜索事项" />
            <List
              style={{ marginTop: 12 }}
              loading={items.isLoading}
              dataSource={items.data ?? []}
              locale={{ emptyText: <Empty description="没有匹配的事项" /> }}
              renderItem={(entry) => <ItemRow entry={entry} selected={entry.id === itemId} onPick={pickItem} onPrefetch={prefetchAcceptance} />}
            />
          </Card>
        </Col>
        <Col span={17}>
          {!item ? (
            <Card>
              <Empty description="请先在左侧选择要受理的事项" />
            </Card>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size={16}>
              <Card title={`受理：${item.name}`} size="small">
                <Descriptions size="small" column={3}>
                  <Descriptions.Item label="办件类型">{caseTypes[item.caseType as keyof typeof caseTypes]}</Descriptions.Item>
                  <Descriptions.Item label="法定时限">{item.timeLimit.statutory}个工作日</Descriptions.Item>
                  <Descriptions.Item label="承诺时限">{item.timeLimit.promised}个工作日</Descriptions.Item>
                  {item.charges && <Descriptions.Item label="收费">{item.fees.map((fee) => `${fee.name} ${fenToYuan(fee.amountFen)}`).join('；')}</Descriptions.Item>}
                </Descriptions>
                {acceptance.data?.generalHandling && (
                  <Alert
                    style={{ marginBottom: 8 }}
                    type="info"
                    showIcon
                    data-testid="general-handling"
                    message={`${acceptance.data.generalHandling.area}事项：由本窗口受理，受理后转至${acceptance.data.generalHandling.owningRegionName}政务服务中心办理`}
                  />
                )}
                <Conditions key={item.id} text={item.conditions} />
              </Card>
              {applicantCard}
              {acceptanceForm}
              <MaterialsChecklist itemId={item.id} materials={item.materials} applicantKey={applicantKey} value={materials} onChange={setMaterials} />
              {item.charges && (
                <Card title="收费（一单式）" size="small" data-testid="fee-lines">
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="id"
                    dataSource={item.fees}
                    columns={[
                      { title: '收费项目', dataIndex: 'name' },
                      { title: '标准', render: (_, fee) => `${fenToYuan(fee.amountFen)}/${fee.unit}` },
                      {
                        title: '数量',
                        render: (_, fee) =>
                          fee.quantityFieldId ? (
                            `按申请表“${fieldLabels.get(fee.quantityFieldId) ?? fee.quantityFieldId}”计（${fee.unit}）`
                          ) : !fee.unit || fee.unit === '件' ? (
                            '1件'
                          ) : (
                            <InputNumber
                              min={0}
                              addonAfter={fee.unit}
                              value={feeQuantities[fee.id]}
                              aria-label={`${fee.name}数量`}
                              onChange={(value) => setFeeQuantities((current) => ({ ...current, [fee.id]: Number(value) }))}
                            />
                          ),
                      },
                      { title: '金额', render: (_, fee) => (fee.quantityFieldId ? '受理时按申请表计算' : !fee.unit || fee.unit === '件' ? fenToYuan(fee.amountFen) : feeQuantities[fee.id] ? fenToYuan(Math.round(fee.amountFen * feeQuantities[fee.id]!)) : '—') },
                    ]}
                  />
                </Card>
              )}
              <Card size="small">
                <Space>
                  <Button type="primary" icon={<CheckCircleOutlined />} loading={accept.isPending} onClick={() => void submit('accept')} data-testid="accept-button">
                    受理
                  </Button>
                  <Button onClick={() => setDecision('supplement')}>补正告知</Button>
                  <Button danger onClick={() => setDecision('refuse')}>
                    不予受理
                  </Button>
                </Space>
                {acceptance.data?.entryMode === 'self-registration' && <Alert style={{ marginTop: 12 }} type="info" message="本中心采用自助登记方式" showIcon />}
              </Card>
            </Space>
          )}
        </Col>
      </Row>
      <Modal
        open={!!decision}
        title={decision === 'refuse' ? '不予受理' : '一次性告知补正材料'}
        okText="确定"
        cancelText="取消"
        confirmLoading={accept.isPending}
        onCancel={() => setDecision(null)}
        onOk={() => {
          if (!reason.trim()) {
            message.error(decision === 'refuse' ? '不予受理必须填写理由' : '请写明需要补正的材料');
            return;
          }
          void submit(decision!);
        }}
      >
        <Input.TextArea rows={4} value={reason} onChange={(event) => setReason(event.target.value)} placeholder={decision === 'refuse' ? '不予受理的理由和依据' : '需要补正的材料和要求'} aria-label="理由" />
        <Space wrap style={{ marginTop: 8 }}>
          {opinionPhrases.map((phrase) => (
            <Tag key={phrase} style={{ cursor: 'pointer' }} onClick={() => setReason((current) => (current ? `${current}；${phrase}` : phrase))}>
              {phrase}
            </Tag>
          ))}
        </Space>
      </Modal>
      <FormRendererWarmup>{acceptanceWarmup}</FormRendererWarmup>
    </PageContainer>
  );
}
