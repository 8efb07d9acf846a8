import { Button, Radio, Select, Space, Typography } from 'antd';
import { assigneeKindLabels, assigneeKinds, assigneeScopeLabels, assigneeScopes, type AssigneeKind, type AssigneeRule } from '@xlgl/schema';
import type { FlowDesignerContext } from '../types.js';

type Props = {
  value: AssigneeRule | undefined;
  onChange: (rule: AssigneeRule | undefined) => void;
  context: FlowDesignerContext;
  readOnly?: boolean;
  /** Whether the rule may be cleared (the schema allows it; the review insists on one). */
  clearable?: boolean;
};

const emptyRule = (by: AssigneeKind): AssigneeRule => ({ by, roleIds: [], postIds: [], departmentIds: [], userIds: [], scope: 'same-centre' });

const options = (list: Array<{ id: string; name: string }>) => list.map((entry) => ({ value: entry.id, label: entry.name }));

/** Who handles a step: by role, post, department or named users, at the same or the higher centre. */
export function AssigneeRuleEditor({ value, onChange, context, readOnly, clearable = true }: Props) {
  const departments = context.organizations.filter((organization) => !organization.type || organization.type === 'department' || organization.type === 'review-office');
  const set = (patch: Partial<AssigneeRule>) => onChange({ ...(value ?? emptyRule('role')), ...patch });
  const selectProps = { mode: 'multiple' as const, allowClear: true, disabled: readOnly, style: { width: '100%' }, optionFilterProp: 'label', maxTagCount: 'responsive' as const };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={6} data-testid="assignee-editor">
      <Radio.Group
        size="small"
        optionType="button"
        disabled={readOnly}
        value={value?.by}
        onChange={(event) => onChange(value ? { ...value, by: event.target.value as AssigneeKind } : emptyRule(event.target.value as AssigneeKind))}
        options={assigneeKinds.map((kind) => ({ value: kind, label: assigneeKindLabels[kind] }))}
      />
      {!value && <Typography.Text type="secondary">未设置办理人</Typography.Text>}
      {value?.by === 'role' && (
        <>
          <Select {...selectProps} placeholder="选择角色" value={value.roleIds} options={options(context.roles)} onChange={(roleIds) => set({ roleIds })} />
          <Select {...selectProps} placeholder="限定部门（可选）" value={value.departmentIds} options={options(departments)} onChange={(departmentIds) => set({ departmentIds })} />
        </>
      )}
      {value?.by === 'post' && (
        <>
          <Select {...selectProps} placeholder="选择岗位" value={value.postIds} options={options(context.posts)} onChange={(postIds) => set({ postIds })} />
          <Select {...selectProps} placeholder="限定部门（可选）" value={value.departmentIds} options={options(departments)} onChange={(departmentIds) => set({ departmentIds })} />
        </>
      )}
      {value?.by === 'department' && (
        <>
          <Select {...selectProps} placeholder="选择部门" value={value.departmentIds} options={options(departments)} onChange={(departmentIds) => set({ departmentIds })} />
          <Select {...selectProps} placeholder="限定角色（可选）" value={value.roleIds} options={options(context.roles)} onChange={(roleIds) => set({ roleIds })} />
        </>
      )}
      {value?.by === 'users' && (
        <Select
          {...selectProps}
          placeholder="选择人员"
          value={value.userIds}
          options={context.users.filter((user) => user.active !== false).map((user) => ({ value: user.id, label: user.account ? `${user.name}（${user.account}）` : user.name }))}
          onChange={(userIds) => set({ userIds })}
        />
      )}
      {value && value.by !== 'users' && (
        <Space size={4}>
          <Typography.Text type="secondary">所在中心</Typography.Text>
          <Radio.Group
            size="small"
            disabled={readOnly}
            value={value.scope}
            onChange={(event) => set({ scope: event.target.value })}
            options={assigneeScopes.map((scope) => ({ value: scope, label: assigneeScopeLabels[scope] }))}
          />
        </Space>
      )}
      {value && clearable && !readOnly && (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onChange(undefined)}>
          清除办理人
        </Button>
      )}
    </Space>
  );
}
