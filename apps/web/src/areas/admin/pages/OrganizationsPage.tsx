import { ApartmentOutlined, AuditOutlined, BankOutlined, DeleteOutlined, PlusOutlined, SaveOutlined, ShopOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Divider, Empty, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Space, Spin, Tag, Tree, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { OrganizationNode } from '@xlgl/api';
import {
  entryModeLabels,
  entryModes,
  checkCreditCode,
  newId,
  organizationTypeLabels,
  organizationTypes,
  permissionModeLabels,
  permissionModes,
  type OrganizationDocument,
  type OrganizationType,
} from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import { OrganizationTreeSelect } from '../components/OrganizationTreeSelect.js';
import { RegionTreeSelect } from '../components/RegionTreeSelect.js';
import { useCanEdit, useInvalidateAdmin, useOrganizationTree } from '../adminData.js';
import { showIssues, showSaveError, validateDocument, withoutEmpty } from '../documentForm.js';
import { filterTree, parentKeys, type TreeItem } from '../treeSearch.js';
import { useSingleFlight } from '../../../lib/singleFlight.js';
import { askDiscard, useFormDirty, useLeaveGuard } from '../../../lib/useLeaveGuard.js';

export const organizationTypeIcons = {
  centre: <BankOutlined />,
  department: <ApartmentOutlined />,
  window: <ShopOutlined />,
  'review-office': <AuditOutlined />,
} satisfies Record<OrganizationType, ReactNode>;

const typeColors: Record<OrganizationType, string> = { centre: 'blue', department: 'green', window: 'orange', 'review-office': 'purple' };

const defaultCentreSettings = { permissionMode: 'own-case', entryMode: 'front-desk', yellowRatio: 0.9, yellowDaysBefore: 1 } as const;

type CentreValues = {
  permissionMode: (typeof permissionModes)[number];
  entryMode: (typeof entryModes)[number];
  yellowRatio: number;
  yellowDaysBefore: number;
  address?: string;
  hours?: string;
  phone?: string;
};

type OrganizationValues = {
  name: string;
  shortName?: string;
  type: OrganizationType;
  regionCode?: string;
  parentId?: string;
  departmentIds: string[];
  creditCode?: string;
  sort: number;
  centre?: CentreValues;
};

type Selection = { mode: 'update'; id: string } | { mode: 'create'; parent?: OrganizationNode };

function toValues(document: OrganizationDocument): OrganizationValues {
  return {
    name: document.name,
    shortName: document.shortName,
    type: document.type,
    regionCode: document.regionCode,
    parentId: document.parentId,
    departmentIds: document.departmentIds,
    creditCode: document.creditCode,
    sort: document.sort,
    centre: document.centre ? { ...defaultCentreSettings, ...document.centre } : { ...defaultCentreSettings },
  };
}

function newValues(parent?: OrganizationNode): OrganizationValues {
  return {
    name: '',
    type: parent ? 'department' : 'centre',
    regionCode: parent?.regionCode,
    parentId: parent?.id,
    departmentIds: [],
    sort: 0,
    centre: { ...defaultCentreSettings },
  };
}

/** Builds the document to save: the stored one (keeping fields this form does not edit) overlaid with the form. */
function toDocument(values: OrganizationValues, stored: OrganizationDocument | undefined): Record<string, unknown> {
  const base: Record<string, unknown> = stored ? { ...stored } : { kind: 'organization', id: newId('org'), version: 1, schemaVersion: 1 };
  const document: Record<string, unknown> = {
    ...base,
    ...values,
    departmentIds: values.type === 'window' ? (values.departmentIds ?? []) : [],
    centre: values.type === 'centre' ? { ...(stored?.centre ?? {}), ...values.centre } : undefined,
  };
  return withoutEmpty(document);
}

function OrganizationEditor({ selection, onSaved, onRemoved, onAddChild, onDirtyChange }: {
  selection: Selection;
  onSaved: (id: string) => void;
  onRemoved: () => void;
  onAddChild: (parent: OrganizationNode) => void;
  /** Whether the form holds unsaved changes (the page asks before switching or leaving). */
  onDirtyChange: (dirty: boolean) => void;
}) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const canEdit = useCanEdit('admin.org.edit');
  const { index } = useOrganizationTree();
  const [form] = Form.useForm<OrganizationValues>();
  const type = Form.useWatch('type', form);
  const stored = useQuery(
    trpc.admin.documents.get.queryOptions({ kind: 'organization', id: selection.mode === 'update' ? selection.id : '' }, { enabled: selection.mode === 'update' }),
  );
  const save = useMutation(trpc.admin.documents.save.mutationOptions());
  const flight = useSingleFlight();
  const remove = useMutation(trpc.admin.documents.remove.mutationOptions());
  const document = selection.mode === 'update' ? (stored.data as OrganizationDocument | undefined) : undefined;
  const node = selection.mode === 'update' ? index.get(selection.id)?.node : undefined;
  const parent = selection.mode === 'create' ? selection.parent : undefined;
  const initialValues = useMemo(() => (document ? toValues(document) : newValues(parent)), [document, parent]);
  const dirty = useFormDirty(form, initialValues);
  useEffect(() => {
    onDirtyChange(dirty);
    return () => onDirtyChange(false);
  }, [dirty, onDirtyChange]);

  if (selection.mode === 'update' && stored.isPending) return <Card><Spin /></Card>;
  if (selection.mode === 'update' && stored.isError) return <Card><Typography.Text type="danger">{errorMessage(stored.error)}</Typography.Text></Card>;

  const submit = async (values: OrganizationValues) => {
    const candidate = toDocument(values, document);
    const issues = validateDocument('organization', candidate);
    if (issues.length > 0) return showIssues({ form, issues, message });
    try {
      const saved = await save.mutateAsync({ document: candidate, mode: selection.mode });
      await invalidate();
      message.success(selection.mode === 'create' ? `已新增“${values.name}”` : '已保存');
      onSaved(saved.id);
    } catch (error) {
      showSaveError({ form, error, message });
    }
  };

  const removeOrganization = async () => {
    if (!document) return;
    try {
      await remove.mutateAsync({ kind: 'organization', id: document.id });
      await invalidate();
      message.success(`已删除“${document.name}”`);
      onRemoved();
    } catch (error) {
      message.error({ content: errorMessage(error, '删除失败'), duration: 8 });
    }
  };

  const title =
    selection.mode === 'create'
      ? selection.parent
        ? `在“${selection.parent.name}”下新增机构`
        : '新增政务服务中心'
      : (
          <Space>
            {document && organizationTypeIcons[document.type]}
            {document?.name}
            {document && <Tag color={typeColors[document.type]}>{organizationTypeLabels[document.type]}</Tag>}
          </Space>
        );

  return (
    <Card
      title={title}
      extra={
        canEdit &&
        selection.mode === 'update' &&
        node && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => onAddChild(node)}>
              新增下级机构
            </Button>
            <Popconfirm
              title={`删除“${node.name}”？`}
              description={node.children.length > 0 ? '该机构还有下级机构，请先删除或移走下级。' : '被用户、岗位或窗口引用的机构不能删除。删除后不可恢复。'}
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true, disabled: node.children.length > 0 }}
              onConfirm={removeOrganization}
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Form<OrganizationValues>
        form={form}
        layout="vertical"
        disabled={!canEdit}
        initialValues={initialValues}
        onFinish={(values) => flight.run(() => submit(values))}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入机构名称' }, { max: 100, message: '机构名称不能超过100个字符' }]}>
              <Input placeholder="如：锡林郭勒盟市场监督管理局" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="简称" name="shortName" rules={[{ max: 30, message: '简称不能超过30个字符' }]}>
              <Input placeholder="如：盟市场监管局" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="机构类型" name="type" rules={[{ required: true, message: '请选择机构类型' }]}>
              <Select options={organizationTypes.map((value) => ({ value, label: organizationTypeLabels[value] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="所属区划" name="regionCode" rules={[{ required: true, message: '请选择所属区划' }]}>
              <RegionTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="上级机构"
              name="parentId"
              rules={[{ required: type !== 'centre', message: '部门、窗口和审改部门必须属于一个上级机构' }]}
              extra={type === 'centre' ? '旗县市政务服务中心可选择盟级中心为上级' : undefined}
            >
              <OrganizationTreeSelect exclude={selection.mode === 'update' ? selection.id : undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="统一社会信用代码"
              name="creditCode"
              rules={[
                {
                  // The code feeds item implementation codes: check the GB 32100 check character, not only the shape.
                  validator: async (_rule, value?: string) => {
                    if (!value) return;
                    if (value !== value.toUpperCase()) throw new Error('统一社会信用代码中的字母应为大写');
                    const checked = checkCreditCode(value);
                    if (!checked.ok) throw new Error(checked.message);
                  },
                },
              ]}
            >
              <Input maxLength={18} placeholder="用于生成事项实施编码" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="排序" name="sort" extra="数字小的排在前面">
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {type === 'window' && (
            <Col span={24}>
              <Form.Item label="受理部门" name="departmentIds" extra="窗口受理这些进驻部门的事项">
                <OrganizationTreeSelect multiple types={['department']} placeholder="请选择进驻部门" treeCheckable={false} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {type === 'centre' && (
          <>
            <Divider orientation="left" plain>
              中心设置
            </Divider>
            <Form.Item label="权限模式" name={['centre', 'permissionMode']} rules={[{ required: true, message: '请选择权限模式' }]}>
              <Radio.Group>
                <Space direction="vertical">
                  {permissionModes.map((mode) => (
                    <Radio key={mode} value={mode}>
                      {permissionModeLabels[mode]}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item label="登记方式" name={['centre', 'entryMode']} rules={[{ required: true, message: '请选择登记方式' }]}>
              <Radio.Group options={entryModes.map((mode) => ({ value: mode, label: entryModeLabels[mode] }))} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  label="黄牌预警：已用时限比例"
                  name={['centre', 'yellowRatio']}
                  extra="办件用去承诺时限的这一比例时亮黄牌"
                  getValueProps={(value: number | undefined) => ({ value: value === undefined || value === null ? value : Math.round(value * 100) })}
                  normalize={(value: number | null) => (value === null ? undefined : value / 100)}
                  rules={[{ required: true, message: '请输入黄牌预警比例' }]}
                >
                  <InputNumber min={10} max={100} precision={0} addonAfter="%" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="黄牌预警：截止前工作日"
                  name={['centre', 'yellowDaysBefore']}
                  extra="距办理期限还剩这些工作日时亮黄牌，0表示不启用"
                  rules={[{ required: true, message: '请输入工作日数' }]}
                >
                  <InputNumber min={0} max={30} precision={0} addonAfter="个工作日" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label="中心地址" name={['centre', 'address']} rules={[{ max: 200, message: '地址不能超过200个字符' }]}>
              <Input />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item label="办公时间" name={['centre', 'hours']} rules={[{ max: 200, message: '办公时间不能超过200个字符' }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item label="咨询电话" name={['centre', 'phone']} rules={[{ max: 50, message: '电话不能超过50个字符' }]}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {canEdit && (
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>
            {selection.mode === 'create' ? '创建' : '保存'}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** 组织机构: centres, departments, windows and review offices as a tree, with centre settings. */
export function OrganizationsPage() {
  const { data, isPending, isError, error } = useOrganizationTree();
  const canEdit = useCanEdit('admin.org.edit');
  const [selection, setSelection] = useState<Selection>();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[]>();
  const { modal } = App.useApp();
  // Unsaved edits in the editor: switching to another organisation or leaving the page asks first.
  const [editorDirty, setEditorDirty] = useState(false);
  useLeaveGuard(editorDirty, '机构修改', '保存');
  const select = (next: Selection | undefined) => {
    if (!editorDirty) return setSelection(next);
    askDiscard(modal, '机构修改尚未保存，切换后将丢失。', () => setSelection(next));
  };

  const roots = useMemo(() => data ?? [], [data]);
  const visible = useMemo(() => filterTree(roots, search, (node) => node.name), [roots, search]);
  const allParents = useMemo(() => parentKeys(roots, (node) => node.id), [roots]);
  const expandedKeys = search.trim() ? parentKeys(visible, (node) => node.id) : (expanded ?? allParents);

  const treeData = useMemo(() => {
    const convert = (nodes: OrganizationNode[]): TreeItem[] =>
      nodes.map((node) => ({ key: node.id, title: node.name, icon: organizationTypeIcons[node.type], children: convert(node.children) }));
    return convert(visible);
  }, [visible]);

  return (
    <PageContainer title="组织机构" content="政务服务中心、进驻部门、窗口与审改部门。中心设置决定办件权限模式、登记方式和时限预警。">
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card
            className="tree-panel"
            title="机构树"
            extra={
              canEdit && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => select({ mode: 'create' })}>
                  新增中心
                </Button>
              )
            }
          >
            <Input.Search allowClear placeholder="按名称查找" onChange={(event) => setSearch(event.target.value)} style={{ marginBottom: 12 }} />
            {isError ? (
              <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>
            ) : isPending ? (
              <Spin />
            ) : visible.length === 0 ? (
              <Empty description={search ? '没有匹配的机构' : '尚未配置组织机构'} />
            ) : (
              <Tree
                showIcon
                blockNode
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selection?.mode === 'update' ? [selection.id] : []}
                onSelect={(keys) => keys.length > 0 && select({ mode: 'update', id: String(keys[0]) })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {selection ? (
            <OrganizationEditor
              key={selection.mode === 'update' ? selection.id : `new-${selection.parent?.id ?? 'root'}`}
              selection={selection}
              onSaved={(id) => setSelection({ mode: 'update', id })}
              onRemoved={() => setSelection(undefined)}
              onAddChild={(parent) => {
                setExpanded((keys) => [...new Set([...(keys ?? allParents), parent.id])]);
                select({ mode: 'create', parent });
              }}
              onDirtyChange={setEditorDirty}
            />
          ) : (
            <Card>
              <Empty description="在左侧选择一个机构以查看和编辑" />
            </Card>
          )}
        </Col>
      </Row>
    </PageContainer>
  );
}
