import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Table, type FormInstance } from 'antd';
import {
  caseTypes,
  handlingAreas,
  implementerNatures,
  itemCategories,
  itemDocument,
  newId,
  powerSources,
  regionLevelLabels,
  serviceObjects,
  subItemKinds,
  type ItemDocument,
} from '@xlgl/schema';
import { useCallback, useMemo, useState } from 'react';
import { placeIssues, type ServerIssue } from '../../../lib/serverErrors.js';
import { sameFormValues } from '../../../lib/useLeaveGuard.js';
import type { RouterOutputs } from '../../../trpc.js';
import { handlingFormLabels, materialFormLabels, materialMediumLabels, materialSourceLabels, resultTypeLabels } from './itemLabels.js';

export type EditorOptions = RouterOutputs['studio']['items']['options'];

const toOptions = (record: Record<string, string>, withCode = false) =>
  Object.entries(record).map(([value, label]) => ({ value, label: withCode ? `${value} ${label}` : label }));

/** Drops empty strings, null and undefined recursively, so optional fields stay absent. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry === '' || entry === null || entry === undefined) continue;
      if (typeof entry === 'string' && entry.trim() === '') continue;
      result[key] = clean(entry);
    }
    return result;
  }
  return value;
}

/** The document the form describes: the envelope and codes of `base`, the rest from the form. */
export function documentFromForm(base: Partial<ItemDocument>, values: Record<string, unknown>): Record<string, unknown> {
  return clean({
    kind: 'item',
    id: base.id,
    version: base.version ?? 1,
    schemaVersion: 2,
    ...(base.codes ? { codes: base.codes } : {}),
    ...(base.bundle ? { bundle: base.bundle } : {}),
    ...(base.parentItemId ? { parentItemId: base.parentItemId } : {}),
    ...values,
    materials: (values.materials as unknown[] | undefined) ?? [],
    fees: values.charges ? ((values.fees as unknown[] | undefined) ?? []) : [],
    legalBases: (values.legalBases as unknown[] | undefined) ?? [],
    subItems: (values.subItems as unknown[] | undefined) ?? [],
    documentTemplateIds: (values.documentTemplateIds as unknown[] | undefined) ?? [],
  }) as Record<string, unknown>;
}

/** Validates with the item's zod schema (the server applies the same one); Chinese messages. */
export function validateItem(document: Record<string, unknown>): ServerIssue[] {
  const result = itemDocument.safeParse(document);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message }));
}

/** Puts issues on their fields; returns the messages no field took. */
export function placeOnForm(form: FormInstance, issues: ServerIssue[]): string[] {
  const names = form.getFieldsError().map((field) => field.name as (string | number)[]);
  const { fields, unplaced } = placeIssues(issues, names, ['document']);
  form.setFields(fields.map((field) => ({ name: field.name, errors: field.errors })));
  return unplaced;
}

/** The form's starting values for an item: all but the envelope and what the editor does not show. */
export function editorValues(initial: Partial<ItemDocument>): Record<string, unknown> {
  const {
    kind: _kind,
    id: _id,
    version: _version,
    schemaVersion: _schemaVersion,
    codes: _codes,
    bundle: _bundle,
    parentItemId: _parent,
    ...values
  } = initial;
  return values;
}

/**
 * Whether the item editor holds changes not yet saved: the document the form describes against the
 * one it opened with — or, after `markSaved()`, the one last saved (the page refetches after a save,
 * and a new item's page moves to its own address).
 */
export function useItemChanges(form: FormInstance, base: Partial<ItemDocument> | undefined, editable: boolean): { dirty: boolean; markSaved: () => void } {
  const watched = Form.useWatch((all: Record<string, unknown>) => all, { form, preserve: true }) as Record<string, unknown> | undefined;
  const [saved, setSaved] = useState<{ id: unknown; document: Record<string, unknown> }>();
  const dirty = useMemo(() => {
    if (!editable || !base || watched === undefined) return false;
    const baseline = saved && saved.id === base.id ? saved.document : documentFromForm(base, editorValues(base));
    return !sameFormValues(documentFromForm(base, watched), baseline);
  }, [editable, base, watched, saved]);
  const markSaved = useCallback(() => {
    if (base) setSaved({ id: base.id, document: documentFromForm(base, form.getFieldsValue(true) as Record<string, unknown>) });
  }, [base, form]);
  return { dirty, markSaved };
}

/** A new item's starting values. */
export function newItemDefaults(options: EditorOptions | undefined, regionLevel: string | null): Partial<ItemDocument> {
  const department = options?.departments[0];
  return {
    kind: 'item',
    id: newId('item'),
    version: 1,
    schemaVersion: 2,
    category: '01',
    caseType: 'promised',
    departmentId: department?.id,
    regionCode: department?.regionCode,
    level: (regionLevel as ItemDocument['level']) ?? 'league',
    powerSource: '1',
    implementerNature: '1',
    serviceObjects: ['1'],
    handlingArea: 'local',
    materials: [],
    charges: false,
    fees: [],
    legalBases: [],
    subItems: [],
    timeLimit: { statutory: 20, promised: 10, unit: 'working-day' },
    specialProcedures: [],
    result: { type: 'none' },
    documentTemplateIds: [],
    handlingForm: 'both',
    inHall: true,
    onlinePayment: false,
    postalDelivery: false,
  } as Partial<ItemDocument>;
}

function YuanInput({ value, onChange, ...rest }: { value?: number; onChange?: (fen: number | undefined) => void; 'aria-label'?: string }) {
  return (
    <InputNumber
      {...rest}
      min={0}
      step={0.01}
      precision={2}
      addonAfter="元"
      value={value === undefined ? undefined : value / 100}
      onChange={(yuan) => onChange?.(yuan === null ? undefined : Math.round(Number(yuan) * 100))}
      style={{ width: '100%' }}
    />
  );
}

function MoveButtons({ index, count, move }: { index: number; count: number; move: (from: number, to: number) => void }) {
  return (
    <Space size={0}>
      <Button
        type="text"
        size="small"
        icon={<ArrowUpOutlined />}
        disabled={index === 0}
        onClick={() => move(index, index - 1)}
        aria-label="上移"
      />
      <Button
        type="text"
        size="small"
        icon={<ArrowDownOutlined />}
        disabled={index === count - 1}
        onClick={() => move(index, index + 1)}
        aria-label="下移"
      />
    </Space>
  );
}

/** 事项编制 form: sections for every part of an item (R1.1). Field names are the document's paths. */
export function ItemEditor({
  form,
  initial,
  options,
  disabled,
}: {
  form: FormInstance;
  initial: Partial<ItemDocument>;
  options?: EditorOptions;
  disabled?: boolean;
}) {
  const charges = Form.useWatch('charges', form) as boolean | undefined;
  const codes = initial.codes;
  const resultType = Form.useWatch(['result', 'type'], form) as string | undefined;
  const departmentOptions = (options?.departments.length ? options.departments : (options?.allDepartments ?? [])).map((entry) => ({
    value: entry.id,
    label: entry.name,
  }));
  const values = editorValues(initial);
  return (
    <Form form={form} layout="vertical" name="item" initialValues={values} disabled={disabled} scrollToFirstError>
      <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="事项名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入事项名称' }]}>
              <Input maxLength={200} placeholder="如：食品经营许可" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="事项类型" name="category">
              <Select options={toOptions(itemCategories, true)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="办件类型" name="caseType">
              <Select options={toOptions(caseTypes)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="实施部门" name="departmentId">
              <Select
                showSearch
                optionFilterProp="label"
                options={departmentOptions}
                onChange={(id: string) => {
                  const department = options?.departments.find((entry) => entry.id === id);
                  if (department) form.setFieldValue('regionCode', department.regionCode);
                }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="实施区划" name="regionCode">
              <Select
                showSearch
                optionFilterProp="label"
                options={(options?.regions ?? []).map((region) => ({ value: region.code, label: `${region.name}（${region.code}）` }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="行使层级" name="level">
              <Select options={toOptions(regionLevelLabels)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="权力来源" name="powerSource">
              <Select options={toOptions(powerSources)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="实施主体性质" name="implementerNature">
              <Select options={toOptions(implementerNatures)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="通办范围" name="handlingArea">
              <Select options={toOptions(handlingAreas)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="服务对象" name="serviceObjects">
              <Select mode="multiple" options={toOptions(serviceObjects)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="办理形式" name="handlingForm">
              <Select options={toOptions(handlingFormLabels)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="进驻大厅" name="inHall" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="受理条件" size="small" style={{ marginBottom: 16 }}>
        <Form.Item label="受理条件" name="conditions">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item label="办理流程说明" name="process">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Card>

      <Card title="申请材料" size="small" style={{ marginBottom: 16 }}>
        <Form.List name="materials">
          {(fields, { add, remove, move }, { errors }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                locale={{ emptyText: '尚未添加申请材料' }}
                columns={[
                  { title: '序号', width: 50, render: (_value, _field, index) => index + 1 },
                  {
                    title: '材料名称',
                    render: (_value, field) => (
                      <>
                        <Form.Item name={[field.name, 'id']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item name={[field.name, 'name']} noStyle={false} style={{ marginBottom: 0 }}>
                          <Input aria-label={`材料名称${field.name + 1}`} placeholder="材料名称" />
                        </Form.Item>
                      </>
                    ),
                  },
                  {
                    title: '份数',
                    width: 80,
                    render: (_value, field) => (
                      <Form.Item name={[field.name, 'copies']} style={{ marginBottom: 0 }}>
                        <InputNumber min={0} max={99} aria-label={`份数${field.name + 1}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '原件/复印件',
                    width: 130,
                    render: (_value, field) => (
                      <Form.Item name={[field.name, 'form']} style={{ marginBottom: 0 }}>
                        <Select options={toOptions(materialFormLabels)} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '纸质/电子',
                    width: 120,
                    render: (_value, field) => (
                      <Form.Item name={[field.name, 'medium']} style={{ marginBottom: 0 }}>
                        <Select options={toOptions(materialMediumLabels)} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '必需',
                    width: 60,
                    render: (_value, field) => (
                      <Form.Item name={[field.name, 'required']} valuePropName="checked" style={{ marginBottom: 0 }}>
                        <Switch size="small" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '来源',
                    width: 130,
                    render: (_value, field) => (
                      <Form.Item name={[field.name, 'source']} style={{ marginBottom: 0 }}>
                        <Select options={toOptions(materialSourceLabels)} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '备注',
                    render: (_value, field) => (
                      <Form.Item name={[field.name, 'notes']} style={{ marginBottom: 0 }}>
                        <Input />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '操作',
                    width: 110,
                    render: (_value, field, index) => (
                      <Space size={0}>
                        <MoveButtons index={index} count={fields.length} move={move} />
                        <Button
                          type="text"
                          danger
                          size="small"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label="删除材料"
                        />
                      </Space>
                    ),
                  },
                ]}
              />
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
                onClick={() =>
                  add({ id: newId('m', 8), name: '', copies: 1, form: 'original', medium: 'both', required: true, source: 'applicant' })
                }
              >
                添加材料
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card title="收费" size="small" style={{ marginBottom: 16 }}>
        <Form.Item label="是否收费" name="charges" valuePropName="checked">
          <Switch checkedChildren="收费" unCheckedChildren="不收费" />
        </Form.Item>
        {charges && (
          <Form.List name="fees">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field) => (
                  <Row gutter={8} key={field.key} align="top">
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'name']} label={field.name === 0 ? '收费项目' : undefined}>
                        <Input placeholder="收费项目名称" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[field.name, 'amountFen']} label={field.name === 0 ? '收费标准' : undefined}>
                        <YuanInput />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Form.Item name={[field.name, 'unit']} label={field.name === 0 ? '单位' : undefined}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item name={[field.name, 'basis']} label={field.name === 0 ? '收费依据' : undefined}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Form.Item name={[field.name, 'waivable']} valuePropName="checked" label={field.name === 0 ? '可减免' : undefined}>
                        <Switch size="small" />
                      </Form.Item>
                    </Col>
                    <Col span={2} style={{ paddingTop: field.name === 0 ? 30 : 0 }}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除收费项目" />
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ id: newId('fee', 8), name: '', basis: '', unit: '件', waivable: false })}
                >
                  添加收费项目
                </Button>
              </>
            )}
          </Form.List>
        )}
      </Card>

      <Card title="设定依据" size="small" style={{ marginBottom: 16 }}>
        <Form.List name="legalBases">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key}>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Col span={14}>
                    <Form.Item name={[field.name, 'title']}>
                      <Input aria-label={`法律法规名称${field.name + 1}`} placeholder="法律法规名称，如《中华人民共和国食品安全法》" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={[field.name, 'article']}>
                      <Input placeholder="条款，如第三十五条" />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除设定依据" />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ id: newId('law', 8), title: '' })}>
                添加设定依据
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card title="办理项" size="small" style={{ marginBottom: 16 }} extra="审核通过后每个办理项获得自己的子项编码（001、002……）；无办理项时按一个事项办理（000）">
        <Form.List name="subItems">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.length === 0 && <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 8 }}>暂无办理项，事项整体办理。</div>}
              {fields.map((field) => {
                const code = (codes?.subItems ?? []).find((entry) => entry.subItemId === form.getFieldValue(['subItems', field.name, 'id']));
                return (
                  <Row gutter={8} key={field.key}>
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Col span={9}>
                      <Form.Item name={[field.name, 'name']}>
                        <Input aria-label={`办理项名称${field.name + 1}`} placeholder="如：食品经营许可（新办）" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[field.name, 'kind']}>
                        <Select
                          aria-label={`办理项类型${field.name + 1}`}
                          options={Object.entries(subItemKinds).map(([value, label]) => ({ value, label }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[field.name, 'note']}>
                        <Input placeholder="说明（可选）" />
                      </Form.Item>
                    </Col>
                    <Col span={4} style={{ lineHeight: '32px', color: 'rgba(0,0,0,0.45)' }}>
                      {code ? `编码 ${code.basic}` : '审核通过后赋码'}
                    </Col>
                    <Col span={1}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除办理项" />
                    </Col>
                  </Row>
                );
              })}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ id: newId('sub', 8), name: '', kind: 'new' })}>
                添加办理项
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card title="办理时限" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item label="法定办结时限（工作日）" name={['timeLimit', 'statutory']}>
              <InputNumber min={0} max={3650} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="承诺办结时限（工作日）" name={['timeLimit', 'promised']} extra="承诺时限不得超过法定时限；即办件为0">
              <InputNumber min={0} max={3650} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="时限说明" name={['timeLimit', 'note']}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['timeLimit', 'unit']} hidden>
          <Input />
        </Form.Item>
      </Card>

      <Card title="办理结果与绑定" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item label="结果类型" name={['result', 'type']}>
              <Select options={toOptions(resultTypeLabels)} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label="结果名称" name={['result', 'name']}>
              <Input placeholder="如：食品经营许可证" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label="证照模板" name={['result', 'certificateTemplateId']}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                disabled={disabled || resultType !== 'certificate'}
                options={(options?.certificateTemplates ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="申请表单（已发布）" name="formId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(options?.forms ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="办理流程（已发布）" name="flowId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(options?.flows ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="文书模板（已发布）" name="documentTemplateIds">
              <Select
                mode="multiple"
                allowClear
                optionFilterProp="label"
                options={(options?.documentTemplates ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="办理地点与监督" size="small">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="办理地点" name="place">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="办理时间" name="hours">
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="咨询电话" name="consultPhone">
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="监督投诉电话" name="complaintPhone">
              <Input />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="网上支付" name="onlinePayment" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="快递送达" name="postalDelivery" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="行政复议与诉讼途径" name="remedy">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="specialProcedures" hidden>
          <Select mode="tags" />
        </Form.Item>
      </Card>
    </Form>
  );
}
