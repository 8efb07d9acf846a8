import type { ReactNode } from 'react';
import { Button, Checkbox, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  countersignRuleLabels,
  countersignRules,
  newId,
  stepActionLabels,
  stepActions,
  type AssigneeRule,
  type CountersignRule,
  type FieldPermission,
  type FlowDocument,
  type FlowNode,
} from '@xlgl/schema';
import { earlierHumanSteps } from '../documentOps.js';
import type { SettingsWidget } from '../node-types/definition.js';
import type { FlowDesignerContext } from '../types.js';
import { AssigneeRuleEditor } from './AssigneeRuleEditor.js';
import { FieldPermissionsEditor } from './FieldPermissionsEditor.js';

export type WidgetProps = {
  value: unknown;
  onChange: (value: unknown) => void;
  node: FlowNode;
  flow: FlowDocument;
  context: FlowDesignerContext;
  readOnly: boolean;
};

const full = { width: '100%' };
const departmentsOf = (context: FlowDesignerContext) =>
  context.organizations.filter((organization) => !organization.type || organization.type === 'department' || organization.type === 'review-office');

type Branch = { edgeId: string; departmentId: string };
type Signer = { key: string; label?: string; assignee: AssigneeRule };

/** One editor per widget name; `satisfies` keeps the list complete. */
export const settingsWidgets = {
  assignee: ({ value, onChange, context, readOnly }: WidgetProps) => (
    <AssigneeRuleEditor value={value as AssigneeRule | undefined} onChange={onChange} context={context} readOnly={readOnly} />
  ),
  actions: ({ value, onChange, readOnly }: WidgetProps) => (
    <Checkbox.Group
      disabled={readOnly}
      value={value as string[]}
      onChange={(actions) => onChange(stepActions.filter((action) => actions.includes(action)))}
      options={stepActions.map((action) => ({ value: action, label: stepActionLabels[action] }))}
    />
  ),
  'return-targets': ({ value, onChange, node, flow, readOnly }: WidgetProps) => {
    const earlier = earlierHumanSteps(flow, node.id);
    const selected = value as string[];
    const options = earlier.map((step) => ({ value: step.id, label: step.label }));
    for (const id of selected) {
      if (!options.some((option) => option.value === id)) {
        options.push({ value: id, label: `${flow.nodes.find((candidate) => candidate.id === id)?.label ?? id}（不在此环节之前）` });
      }
    }
    return (
      <Select
        mode="multiple"
        allowClear
        disabled={readOnly}
        style={full}
        placeholder={earlier.length ? '选择可退回的前序环节' : '此环节之前没有可退回的办理环节'}
        value={selected}
        options={options}
        onChange={onChange}
      />
    );
  },
  'field-permissions': ({ value, onChange, context, readOnly }: WidgetProps) => (
    <FieldPermissionsEditor value={value as Record<string, FieldPermission>} onChange={onChange} fields={context.formFields} readOnly={readOnly} />
  ),
  'parallel-branches': ({ value, onChange, node, flow, context, readOnly }: WidgetProps) => {
    const branches = value as Branch[];
    const outgoing = flow.edges.filter((edge) => edge.source === node.id);
    if (outgoing.length === 0) return <Typography.Text type="secondary">请先从此节点连出各分支</Typography.Text>;
    const setDepartment = (edgeId: string, departmentId: string | undefined) => {
      const rest = branches.filter((branch) => branch.edgeId !== edgeId);
      onChange(departmentId ? [...rest, { edgeId, departmentId }] : rest);
    };
    return (
      <Space direction="vertical" style={full} size={4}>
        {outgoing.map((edge) => (
          <Space key={edge.id} style={full} size={4}>
            <Typography.Text style={{ width: 96, display: 'inline-block' }} ellipsis>
              → {flow.nodes.find((candidate) => candidate.id === edge.target)?.label}
            </Typography.Text>
            <Select
              allowClear
              disabled={readOnly}
              style={{ width: 180 }}
              placeholder="办理部门"
              optionFilterProp="label"
              showSearch
              value={branches.find((branch) => branch.edgeId === edge.id)?.departmentId}
              options={departmentsOf(context).map((organization) => ({ value: organization.id, label: organization.name }))}
              onChange={(departmentId) => setDepartment(edge.id, departmentId)}
            />
          </Space>
        ))}
      </Space>
    );
  },
  'lead-department': ({ value, onChange, node, context, readOnly }: WidgetProps) => {
    const branches = ((node.settings.branches as Branch[] | undefined) ?? []).map((branch) => branch.departmentId);
    const candidates = departmentsOf(context).filter((organization) => branches.includes(organization.id));
    return (
      <Select
        allowClear
        disabled={readOnly}
        style={full}
        placeholder={candidates.length ? '选择牵头部门' : '请先为分支指定部门'}
        value={value as string | undefined}
        options={candidates.map((organization) => ({ value: organization.id, label: organization.name }))}
        onChange={onChange}
      />
    );
  },
  signers: ({ value, onChange, context, readOnly }: WidgetProps) => {
    const signers = value as Signer[];
    const update = (index: number, patch: Partial<Signer>) => onChange(signers.map((signer, i) => (i === index ? { ...signer, ...patch } : signer)));
    return (
      <Space direction="vertical" style={full} size={8}>
        {signers.map((signer, index) => (
          <div key={signer.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
            <Space style={{ marginBottom: 6 }}>
              <Input
                size="small"
                disabled={readOnly}
                placeholder={`会签人${index + 1}名称`}
                maxLength={50}
                value={signer.label}
                onChange={(event) => update(index, { label: event.target.value || undefined })}
              />
              {!readOnly && (
                <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(signers.filter((_, i) => i !== index))} aria-label="删除会签人" />
              )}
            </Space>
            <AssigneeRuleEditor value={signer.assignee} clearable={false} onChange={(assignee) => assignee && update(index, { assignee })} context={context} readOnly={readOnly} />
          </div>
        ))}
        {!readOnly && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              onChange([...signers, { key: newId('sg'), assignee: { by: 'department', roleIds: [], postIds: [], departmentIds: [], userIds: [], scope: 'same-centre' } }])
            }
          >
            添加会签人
          </Button>
        )}
      </Space>
    );
  },
  completion: ({ value, onChange, readOnly }: WidgetProps) => {
    const completion = value as { rule: CountersignRule; ratio?: number };
    return (
      <Space direction="vertical" size={4}>
        <Radio.Group
          disabled={readOnly}
          value={completion.rule}
          onChange={(event) =>
            onChange(event.target.value === 'ratio' ? { rule: 'ratio', ratio: completion.ratio ?? 0.5 } : { rule: event.target.value })
          }
          options={countersignRules.map((rule) => ({ value: rule, label: countersignRuleLabels[rule] }))}
        />
        {completion.rule === 'ratio' && (
          <InputNumber
            disabled={readOnly}
            min={1}
            max={100}
            suffix="%"
            value={completion.ratio === undefined ? undefined : Math.round(completion.ratio * 100)}
            onChange={(percent) => onChange({ rule: 'ratio', ratio: typeof percent === 'number' ? percent / 100 : undefined })}
          />
        )}
      </Space>
    );
  },
  centre: ({ value, onChange, context, readOnly }: WidgetProps) => (
    <Select
      allowClear
      disabled={readOnly}
      style={full}
      placeholder="上级政务服务中心"
      value={value as string | undefined}
      options={context.organizations.filter((organization) => organization.type === 'centre').map((organization) => ({ value: organization.id, label: organization.name }))}
      onChange={onChange}
    />
  ),
  roles: ({ value, onChange, context, readOnly }: WidgetProps) => (
    <Select mode="multiple" disabled={readOnly} style={full} value={value as string[]} options={context.roles.map((role) => ({ value: role.id, label: role.name }))} onChange={onChange} />
  ),
  fees: ({ value, onChange, context, readOnly }: WidgetProps) => (
    <Select
      mode="multiple"
      allowClear
      disabled={readOnly}
      style={full}
      placeholder={context.item?.fees?.length ? '全部收费项目' : '事项未配置收费项目'}
      value={value as string[]}
      options={(context.item?.fees ?? []).map((fee) => ({ value: fee.id, label: fee.name }))}
      onChange={onChange}
    />
  ),
  'certificate-template': ({ value, onChange, context, readOnly }: WidgetProps) => (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      disabled={readOnly}
      style={full}
      placeholder="选择证照模板"
      value={value as string | undefined}
      options={(context.certificateTemplates ?? []).map((template) => ({ value: template.id, label: template.name }))}
      onChange={onChange}
    />
  ),
} satisfies Record<SettingsWidget, (props: WidgetProps) => ReactNode>;
