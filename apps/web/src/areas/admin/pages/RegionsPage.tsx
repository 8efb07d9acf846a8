import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Row, Space, Spin, Switch, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { RegionNode } from '@xlgl/api';
import { newId, regionCodeLength, regionLevelLabels, regionLevels, type RegionDocument, type RegionLevel } from '@xlgl/schema';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC } from '../../../trpc.js';
import { lookupPageSize, useCanEdit, useInvalidateAdmin, useRegionTree } from '../adminData.js';
import { showIssues, showSaveError, validateDocument, withoutEmpty } from '../documentForm.js';
import { filterTree, parentKeys, type TreeItem } from '../treeSearch.js';
import { useSingleFlight } from '../../../lib/singleFlight.js';
import { useDiscardGuard } from '../../../lib/useLeaveGuard.js';

const levelColors: Record<RegionLevel, string> = { league: 'red', banner: 'blue', township: 'green', village: 'default' };

/** The level below `level`, or none for villages. */
function childLevel(level: RegionLevel): RegionLevel | undefined {
  return regionLevels[regionLevels.indexOf(level) + 1];
}

/** The digits a child's code must start with: banners share the league's first four, deeper levels the full parent code. */
function childCodePrefix(parent: { code: string; level: RegionLevel }): string {
  return parent.level === 'league' ? parent.code.slice(0, 4) : parent.code;
}

type RegionFormValues = { code: string; name: string; statisticalOnly?: boolean };

type Editing = { mode: 'create'; parent: RegionNode; level: RegionLevel } | { mode: 'update'; document: RegionDocument };

/** Reads the stored document of a region by its code (region ids are usually, not necessarily, the code). */
function useRegionDocument(code: string | undefined) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.admin.documents.list.queryOptions({ kind: 'region', search: code ?? '', page: 1, pageSize: lookupPageSize }, { enabled: !!code }),
  );
  const document = query.data?.rows.map((row) => row.document as RegionDocument).find((doc) => doc.code === code);
  return { ...query, document };
}

function RegionModal({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: (code: string) => void }) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<RegionFormValues>();
  const level = editing.mode === 'create' ? editing.level : editing.document.level;
  const prefix = editing.mode === 'create' ? childCodePrefix(editing.parent) : '';
  const save = useMutation(trpc.admin.documents.save.mutationOptions());
  const flight = useSingleFlight();
  const initialValues = useMemo<RegionFormValues>(
    () =>
      editing.mode === 'create'
        ? { code: prefix, name: '' }
        : { code: editing.document.code, name: editing.document.name, statisticalOnly: editing.document.statisticalOnly ?? false },
    [editing, prefix],
  );
  // Closing with changed fields asks first; a save closes the modal without asking.
  const close = useDiscardGuard(form, initialValues, '区划的修改').guardClose(onClose);

  const submit = async (values: RegionFormValues) => {
    const document =
      editing.mode === 'create'
        ? withoutEmpty({
            kind: 'region',
            id: newId('rgn'),
            version: 1,
            schemaVersion: 1,
            code: values.code,
            name: values.name,
            level,
            parentCode: editing.parent.code,
            statisticalOnly: values.statisticalOnly || undefined,
          })
        : withoutEmpty({ ...editing.document, name: values.name, statisticalOnly: values.statisticalOnly || undefined });
    const issues = validateDocument('region', document);
    if (issues.length > 0) return showIssues({ form, issues, message });
    try {
      await save.mutateAsync({ document, mode: editing.mode });
      await invalidate();
      message.success(editing.mode === 'create' ? `已新增${regionLevelLabels[level]}“${values.name}”` : '已保存');
      onSaved(values.code);
    } catch (error) {
      showSaveError({ form, error, message });
    }
  };

  return (
    <Modal
      open
      title={editing.mode === 'create' ? `在“${editing.parent.name}”下新增${regionLevelLabels[level]}` : `编辑${regionLevelLabels[level]}“${editing.document.name}”`}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form<RegionFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => flight.run(() => submit(values))}
        initialValues={initialValues}
      >
        <Form.Item
          label="区划代码"
          name="code"
          extra={
            editing.mode === 'create'
              ? `${regionLevelLabels[level]}代码为${regionCodeLength[level]}位数字，以上级代码“${prefix}”开头`
              : '区划代码创建后不可修改（下级区划和机构以代码引用本区划）'
          }
          rules={[
            { required: true, message: '请输入区划代码' },
            { pattern: /^\d+$/, message: '区划代码只能是数字' },
            { len: regionCodeLength[level], message: `${regionLevelLabels[level]}代码应为${regionCodeLength[level]}位` },
            {
              validator: (_rule, value: string) =>
                !value || value.startsWith(prefix) ? Promise.resolve() : Promise.reject(new Error(`代码须以上级代码“${prefix}”开头`)),
            },
          ]}
        >
          <Input disabled={editing.mode === 'update'} maxLength={regionCodeLength[level]} inputMode="numeric" />
        </Form.Item>
        <Form.Item label="区划名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入区划名称' }, { max: 50, message: '区划名称不能超过50个字符' }]}>
          <Input placeholder="如：宝力根苏木" />
        </Form.Item>
        {level === 'banner' && (
          <Form.Item label="仅统计用区划" name="statisticalOnly" valuePropName="checked" extra="如乌拉盖管理区：保留于统计，不作为行政区划">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RegionDetail({ node, parent, onEdit, onAddChild, onRemoved }: {
  node: RegionNode;
  parent?: RegionNode;
  onEdit: (document: RegionDocument) => void;
  onAddChild: (node: RegionNode) => void;
  onRemoved: () => void;
}) {
  const trpc = useTRPC();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const canEdit = useCanEdit('admin.org.edit');
  const { document, isPending, isError, error } = useRegionDocument(node.code);
  const remove = useMutation(trpc.admin.documents.remove.mutationOptions());
  const nextLevel = childLevel(node.level);

  const removeRegion = async () => {
    if (!document) return;
    try {
      await remove.mutateAsync({ kind: 'region', id: document.id });
      await invalidate();
      message.success(`已删除“${node.name}”`);
      onRemoved();
    } catch (removeError) {
      message.error({ content: errorMessage(removeError, '删除失败'), duration: 8 });
    }
  };

  return (
    <Card
      title={
        <Space>
          {node.name}
          <Tag color={levelColors[node.level]}>{regionLevelLabels[node.level]}</Tag>
        </Space>
      }
      extra={
        canEdit && (
          <Space>
            <Button icon={<EditOutlined />} disabled={!document} onClick={() => document && onEdit(document)}>
              编辑
            </Button>
            {nextLevel && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => onAddChild(node)}>
                新增{regionLevelLabels[nextLevel]}
              </Button>
            )}
            <Popconfirm
              title={`删除“${node.name}”？`}
              description={node.children.length > 0 ? '该区划还有下级区划，请先删除下级。' : '被机构引用的区划不能删除。删除后不可恢复。'}
              okText="删除"
              okButtonProps={{ danger: true, disabled: node.children.length > 0 }}
              cancelText="取消"
              onConfirm={removeRegion}
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending} disabled={!document}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {isError ? (
        <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>
      ) : (
        <Spin spinning={isPending}>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="区划代码">{node.code}</Descriptions.Item>
            <Descriptions.Item label="区划名称">{node.name}</Descriptions.Item>
            <Descriptions.Item label="级别">{regionLevelLabels[node.level]}</Descriptions.Item>
            <Descriptions.Item label="上级区划">{parent ? `${parent.name}（${parent.code}）` : '—'}</Descriptions.Item>
            <Descriptions.Item label="下级区划">{node.children.length > 0 ? `${node.children.length}个` : '无'}</Descriptions.Item>
            {document?.statisticalOnly && <Descriptions.Item label="说明">仅统计用区划</Descriptions.Item>}
          </Descriptions>
        </Spin>
      )}
    </Card>
  );
}

/** 行政区划: the league → banners → townships → villages tree with add / edit / delete. */
export function RegionsPage() {
  const { data, isPending, isError, error, index } = useRegionTree();
  const [selected, setSelected] = useState<string>();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[]>();
  const [editing, setEditing] = useState<Editing>();

  const roots = useMemo(() => data ?? [], [data]);
  const visible = useMemo(() => filterTree(roots, search, (node) => `${node.name}${node.code}`), [roots, search]);
  const defaultExpanded = useMemo(() => roots.map((node) => node.code), [roots]);
  const expandedKeys = search.trim() ? parentKeys(visible, (node) => node.code) : (expanded ?? defaultExpanded);
  const current = selected ? index.get(selected) : undefined;

  const treeData = useMemo(() => {
    const convert = (nodes: RegionNode[]): TreeItem[] =>
      nodes.map((node) => ({
        key: node.code,
        title: (
          <Space size={6}>
            <span>{node.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {node.code}
            </Typography.Text>
          </Space>
        ),
        children: convert(node.children),
      }));
    return convert(visible);
  }, [visible]);

  return (
    <PageContainer title="行政区划" content="盟市 → 旗县市 → 苏木乡镇 → 嘎查村。区划代码遵循 GB/T 2260 与统计用区划代码。">
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card className="tree-panel" title="区划树" extra={<Input.Search allowClear placeholder="按名称或代码查找" onChange={(event) => setSearch(event.target.value)} style={{ width: 200 }} />}>
            {isError ? (
              <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>
            ) : isPending ? (
              <Spin />
            ) : visible.length === 0 ? (
              <Empty description={search ? '没有匹配的区划' : '尚未配置行政区划'} />
            ) : (
              <Tree
                showLine
                blockNode
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => keys.length > 0 && setSelected(String(keys[0]))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {current ? (
            <RegionDetail
              node={current.node}
              parent={current.ancestors.at(-1)}
              onEdit={(document) => setEditing({ mode: 'update', document })}
              onAddChild={(node) => {
                const level = childLevel(node.level);
                if (level) setEditing({ mode: 'create', parent: node, level });
              }}
              onRemoved={() => setSelected(current.ancestors.at(-1)?.code)}
            />
          ) : (
            <Card>
              <Empty description="在左侧选择一个区划以查看、编辑或新增下级" />
            </Card>
          )}
        </Col>
      </Row>
      {editing && (
        <RegionModal
          editing={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(code) => {
            if (editing.mode === 'create') {
              setExpanded((keys) => [...new Set([...(keys ?? defaultExpanded), editing.parent.code])]);
              setSelected(code);
            }
            setEditing(undefined);
          }}
        />
      )}
    </PageContainer>
  );
}
