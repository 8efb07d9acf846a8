import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type DragEvent, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { isFieldAxis, reportDimensions, reportMeasures, reportSources, reportCardLabels, reportStatusLabels, type ReportAxis, type ReportDocument } from '@xlgl/schema';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { ReportViewer } from './ReportViewer.js';
import type { ChartType } from './ReportChart.js';

type Source = ReportDocument['source'];
type DimensionKey = ReportAxis;
type MeasureKey = keyof typeof reportMeasures;
type Zone = 'rows' | 'series' | 'measures';
/** A measure placed on the report: for a form source, sum / avg name a number or money field. */
type PlacedMeasure = { measure: MeasureKey; fieldId?: string };
type Dragged = { kind: 'dimension'; key: DimensionKey } | { kind: 'measure'; key: MeasureKey; fieldId?: string };
const measureId = (entry: PlacedMeasure) => (entry.fieldId ? `${entry.measure}-${entry.fieldId}` : entry.measure);
/** Built-in dimensions a form report offers besides its own fields (the cases joined to the records). */
const formBuiltInDimensions: DimensionKey[] = ['region', 'month', 'quarter', 'year', 'department', 'item', 'category', 'status', 'card'];

const dragType = 'application/x-xlgl-report-field';
/** Values of the status dimension per source (see the API's report sources). */
const statusValues: Partial<Record<Source, string[]>> = {
  cases: ['running', 'completed', 'refused'],
  cards: ['running', 'completed', 'refused'],
  steps: ['open', 'completed', 'returned', 'cancelled', 'withdrawn', 'escalated'],
  fees: ['unpaid', 'paid', 'waived'],
  certificates: ['valid', 'expired', 'revoked'],
  items: ['published'],
  form: ['running', 'completed', 'refused'],
};
const chartLabels: Record<ChartType, string> = { bar: '柱状图', line: '折线图', pie: '饼图', table: '表格', kpi: '指标卡' };

function Chip({ dragged, children }: { dragged: Dragged; children: ReactNode }) {
  return (
    <Tag
      draggable
      data-testid={`palette-${dragged.kind}-${dragged.kind === 'measure' && dragged.fieldId ? `${dragged.key}-${dragged.fieldId}` : dragged.key}`}
      color={dragged.kind === 'dimension' ? 'blue' : 'green'}
      style={{ cursor: 'grab', padding: '4px 10px', marginBottom: 8, userSelect: 'none' }}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(dragType, JSON.stringify(dragged));
        event.dataTransfer.setData('text/plain', `${dragged.kind}:${dragged.key}`);
        event.dataTransfer.effectAllowed = 'copy';
      }}
    >
      {children}
    </Tag>
  );
}

function DropZone({ zone, label, hint, accepts, children, onDropField }: { zone: Zone; label: string; hint: string; accepts: Dragged['kind']; children: ReactNode; onDropField: (dragged: Dragged) => void }) {
  const [over, setOver] = useState(false);
  return (
    <div
      data-testid={`zone-${zone}`}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const raw = event.dataTransfer.getData(dragType) || event.dataTransfer.getData('text/plain');
        let dragged: Dragged | null = null;
        try {
          dragged = raw.startsWith('{') ? (JSON.parse(raw) as Dragged) : ({ kind: raw.slice(0, raw.indexOf(':')), key: raw.slice(raw.indexOf(':') + 1) } as Dragged);
        } catch {
          dragged = null;
        }
        if (dragged && dragged.kind === accepts) onDropField(dragged);
      }}
      style={{ minHeight: 56, border: `2px dashed ${over ? '#1677ff' : '#d9d9d9'}`, borderRadius: 6, padding: 8, background: over ? '#e6f4ff' : '#fafafa', marginBottom: 12 }}
    >
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
        {label}
      </Typography.Text>
      {children}
      {!children || (Array.isArray(children) && children.length === 0) ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
    </div>
  );
}

/** 报表设计 (R2.7): pick a source, drag dimensions and measures onto rows/series/measures, choose a chart, save as report metadata. */
export default function ReportDesignerPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const editId = params.get('id');
  const catalogue = useQuery(trpc.reports.catalogue.queryOptions());
  const [source, setSource] = useState<Source>('cases');
  const [rows, setRows] = useState<DimensionKey[]>([]);
  const [series, setSeries] = useState<DimensionKey[]>([]);
  const [measures, setMeasures] = useState<PlacedMeasure[]>([]);
  const [formId, setFormId] = useState<string | undefined>(undefined);
  const formSources = useQuery(trpc.reports.formSources.queryOptions());
  const formSource = source === 'form' ? formSources.data?.find((entry) => entry.formId === formId) : undefined;
  const [chart, setChart] = useState<ChartType>('bar');
  const [lastMonths, setLastMonths] = useState<number | undefined>(undefined);
  const [cardFilter, setCardFilter] = useState<string[]>([]);
  const [statusFilter, setStatusFilter] = useState<string[]>([]);
  const [regionFilter, setRegionFilter] = useState<string[]>([]);
  const [departmentFilter, setDepartmentFilter] = useState<string[]>([]);
  const options = useQuery(trpc.supervision.filterOptions.queryOptions());
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const save = useMutation(trpc.reports.save.mutationOptions());

  useEffect(() => {
    if (!editId) return;
    void client.reports.get.query({ reportId: editId }).then((doc) => {
      setSource(doc.source);
      setFormId(doc.formId);
      setRows(doc.rows);
      setSeries(doc.series);
      setMeasures(doc.measures.map((entry) => ({ measure: entry.measure, fieldId: entry.fieldId })));
      setChart(doc.chart);
      setLastMonths(doc.period.lastMonths);
      setCardFilter(doc.filters.find((filter) => filter.dimension === 'card')?.values ?? []);
      setStatusFilter(doc.filters.find((filter) => filter.dimension === 'status')?.values ?? []);
      setRegionFilter(doc.filters.find((filter) => filter.dimension === 'region')?.values ?? []);
      setDepartmentFilter(doc.filters.find((filter) => filter.dimension === 'department')?.values ?? []);
      setName(doc.name);
      setDescription(doc.description ?? '');
    });
  }, [client, editId]);

  const supported: { dimensions: DimensionKey[]; measures: string[] } | undefined =
    source === 'form'
      ? formSource && { dimensions: [...formBuiltInDimensions, ...formSource.dimensions.map((entry) => entry.axis)], measures: ['count', 'overdueCount'] }
      : catalogue.data?.[source as keyof typeof catalogue.data];
  const axisLabel = (key: DimensionKey) => (isFieldAxis(key) ? (formSource?.dimensions.find((entry) => entry.axis === key)?.label ?? key) : reportDimensions[key]);
  const measureLabel = (entry: PlacedMeasure) => {
    const field = entry.fieldId ? formSource?.measures.find((candidate) => candidate.fieldId === entry.fieldId) : undefined;
    return field ? `${field.label}·${reportMeasures[entry.measure]}` : reportMeasures[entry.measure];
  };
  const filters = (
    [
      ['card', cardFilter],
      ['status', statusFilter],
      ['region', regionFilter],
      ['department', departmentFilter],
    ] as const
  )
    .filter(([dimension, values]) => values.length > 0 && supported?.dimensions.includes(dimension))
    .map(([dimension, values]) => ({ dimension, values: [...values] }));
  const definition = { source, ...(source === 'form' ? { formId } : {}), rows, series, measures: measures.map((entry) => (entry.fieldId ? { measure: entry.measure, fieldId: entry.fieldId } : { measure: entry.measure })), chart, filters, period: lastMonths ? { lastMonths } : {} };
  const ready = measures.length > 0 && (source !== 'form' || Boolean(formSource));

  const chips = (keys: DimensionKey[], remove: (key: DimensionKey) => void) =>
    keys.map((key) => (
      <Tag key={key} color="blue" closable onClose={() => remove(key)} data-testid={`placed-${key}`}>
        {axisLabel(key)}
      </Tag>
    ));

  return (
    <PageContainer title="报表设计" content="从左侧拖动维度和度量到行、系列和度量区域，实时预览；点击图形可穿透。">
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small" title="数据源">
            <Select
              aria-label="数据源"
              style={{ width: '100%' }}
              value={source}
              onChange={(value) => {
                setSource(value);
                setRows([]);
                setSeries([]);
                setMeasures([]);
              }}
              options={(Object.keys(reportSources) as Source[])
                .filter((key) => (key === 'form' ? Boolean(formSources.data?.length) : catalogue.data && key in catalogue.data))
                .map((key) => ({ value: key, label: reportSources[key] }))}
            />
            {source === 'form' && (
              <Select
                aria-label="表单"
                placeholder="选择已发布的表单"
                showSearch
                optionFilterProp="label"
                style={{ width: '100%', marginTop: 8 }}
                value={formId}
                onChange={(value) => {
                  setFormId(value);
                  setRows([]);
                  setSeries([]);
                  setMeasures([]);
                }}
                options={formSources.data?.map((entry) => ({ value: entry.formId, label: entry.name }))}
              />
            )}
            {source === 'form' && !formSource && <Typography.Text type="secondary">先选择表单，其字段将作为维度（单选、区划、日期）和度量（数值、金额的合计与平均）。</Typography.Text>}
          </Card>
          <Card size="small" title="维度" style={{ marginTop: 12 }}>
            {supported?.dimensions.map((key) => (
              <Chip key={key} dragged={{ kind: 'dimension', key }}>
                {axisLabel(key)}
              </Chip>
            ))}
          </Card>
          <Card size="small" title="度量" style={{ marginTop: 12 }}>
            {supported?.measures.map((key) => (
              <Chip key={key} dragged={{ kind: 'measure', key: key as MeasureKey }}>
                {reportMeasures[key as MeasureKey]}
              </Chip>
            ))}
            {formSource?.measures.flatMap((field) =>
              (['sum', 'avg'] as const).map((measure) => (
                <Chip key={`${measure}-${field.fieldId}`} dragged={{ kind: 'measure', key: measure, fieldId: field.fieldId }}>
                  {measureLabel({ measure, fieldId: field.fieldId })}
                </Chip>
              )),
            )}
          </Card>
        </Col>
        <Col span={18}>
          <Card size="small">
            <Row gutter={12}>
              <Col span={8}>
                <DropZone zone="rows" label="行（分类轴）" hint="拖入维度" accepts="dimension" onDropField={(dragged) => setRows((current) => (current.includes(dragged.key as DimensionKey) || current.length >= 2 ? current : [...current, dragged.key as DimensionKey]))}>
                  {chips(rows, (key) => setRows(rows.filter((entry) => entry !== key)))}
                </DropZone>
              </Col>
              <Col span={8}>
                <DropZone zone="series" label="系列" hint="拖入维度（可选）" accepts="dimension" onDropField={(dragged) => setSeries([dragged.key as DimensionKey])}>
                  {chips(series, () => setSeries([]))}
                </DropZone>
              </Col>
              <Col span={8}>
                <DropZone zone="measures" label="度量" hint="拖入度量" accepts="measure" onDropField={(dragged) => {
                    if (dragged.kind !== 'measure') return;
                    const placed: PlacedMeasure = dragged.fieldId ? { measure: dragged.key, fieldId: dragged.fieldId } : { measure: dragged.key };
                    setMeasures((current) => (current.some((entry) => measureId(entry) === measureId(placed)) ? current : [...current, placed]));
                  }}
                >
                  {measures.map((entry) => (
                    <Tag key={measureId(entry)} color="green" closable onClose={() => setMeasures(measures.filter((other) => measureId(other) !== measureId(entry)))} data-testid={`placed-${measureId(entry)}`}>
                      {measureLabel(entry)}
                    </Tag>
                  ))}
                </DropZone>
              </Col>
            </Row>
            <Space wrap>
              <Radio.Group aria-label="图表类型" value={chart} onChange={(event) => setChart(event.target.value)} optionType="button" options={(Object.keys(chartLabels) as ChartType[]).map((key) => ({ value: key, label: chartLabels[key] }))} />
              <Select aria-label="时间范围" allowClear placeholder="时间范围：全部" style={{ width: 160 }} value={lastMonths} onChange={setLastMonths} options={[1, 3, 6, 12, 24].map((value) => ({ value, label: `近${value}个月` }))} />
              {supported?.dimensions.includes('card') && (
                <Select aria-label="红黄牌筛选" mode="multiple" allowClear placeholder="红黄牌筛选" style={{ width: 200 }} value={cardFilter} onChange={setCardFilter} options={Object.entries(reportCardLabels).map(([value, label]) => ({ value, label }))} />
              )}
              <Select aria-label="状态筛选" mode="multiple" allowClear placeholder="状态筛选" style={{ width: 200 }} value={statusFilter} onChange={setStatusFilter} options={(statusValues[source] ?? []).map((value) => ({ value, label: reportStatusLabels[value] ?? value }))} />
              <Select aria-label="区划筛选" mode="multiple" allowClear showSearch optionFilterProp="label" placeholder="区划筛选" style={{ width: 220 }} value={regionFilter} onChange={setRegionFilter} options={options.data?.regions.map((region) => ({ value: region.code, label: region.name }))} />
              <Select aria-label="部门筛选" mode="multiple" allowClear showSearch optionFilterProp="label" placeholder="部门筛选" style={{ width: 240 }} value={departmentFilter} onChange={setDepartmentFilter} options={options.data?.departments.map((department) => ({ value: department.id, label: department.name }))} />
            </Space>
          </Card>
          <div style={{ marginTop: 12 }}>
            {!ready ? (
              <Card size="small">
                <Empty description={source === 'form' && !formSource ? '选择表单并拖入至少一个度量后预览' : '拖入至少一个度量后预览'} />
              </Card>
            ) : (
              <ReportViewer key={JSON.stringify(definition)} target={{ definition }} chart={chart} title={name || '预览'} height={360} />
            )}
          </div>
          <Card size="small" style={{ marginTop: 12 }} title="保存为报表">
            <Form layout="inline">
              <Form.Item label="报表名称" required>
                <Input aria-label="报表名称" value={name} onChange={(event) => setName(event.target.value)} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item label="说明">
                <Input aria-label="报表说明" value={description} onChange={(event) => setDescription(event.target.value)} style={{ width: 280 }} />
              </Form.Item>
              <Button
                type="primary"
                disabled={!name.trim() || !ready}
                loading={save.isPending}
                onClick={async () => {
                  try {
                    const id = editId ?? `report-custom-${Date.now().toString(36)}`;
                    const saved = await save.mutateAsync({ document: { kind: 'report', id, version: 1, schemaVersion: 1, name: name.trim(), description: description.trim() || undefined, ...definition } });
                    await queryClient.invalidateQueries({ queryKey: trpc.reports.list.queryKey() });
                    message.success(`报表“${saved.name}”已保存`);
                    void navigate(`/supervision/reports/${saved.id}`);
                  } catch (error) {
                    message.error((error as Error).message);
                  }
                }}
              >
                保存报表
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
