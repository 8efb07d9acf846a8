import { Button, Form, Input, Popconfirm, Radio, Select, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { FormSection } from '@xlgl/schema';
import type { FormDesignerContext, FormIssue } from '../types.js';
import { defaultSpan } from '../model/newField.js';

type SectionSettingsProps = {
  section: FormSection;
  /** Tab titles already used, offered for reuse. */
  tabs: string[];
  context: FormDesignerContext;
  issues: FormIssue[];
  canDelete: boolean;
  onEdit: (change: (section: FormSection) => FormSection, mergeKey?: string) => void;
  onDelete: () => void;
};

/** A section's title, columns, tab and (一表制) owner department. */
export function SectionSettings({ section, tabs, context, issues, canDelete, onEdit, onDelete }: SectionSettingsProps) {
  const key = (what: string) => `${section.id}:${what}`;
  const visibleCount = section.fields.filter((field) => !field.removed).length;
  return (
    <div className="xfd-settings" data-testid="section-settings">
      <div className="xfd-settings-head">
        <span className="xfd-settings-type">分组设置</span>
        <Popconfirm
          title="删除分组"
          description={visibleCount > 0 ? `分组中的 ${visibleCount} 个字段将一并删除，确定吗？` : '确定删除这个空分组吗？'}
          okText="删除"
          cancelText="取消"
          okButtonProps={{ danger: true }}
          disabled={!canDelete}
          onConfirm={onDelete}
        >
          <Button size="small" danger icon={<DeleteOutlined />} disabled={!canDelete} data-testid="delete-section">
            删除分组
          </Button>
        </Popconfirm>
      </div>
      {issues.map((issue, index) => (
        <Typography.Paragraph key={index} type="danger">
          {issue.message}
        </Typography.Paragraph>
      ))}
      <Form layout="vertical" size="small">
        <Form.Item
          label="分组名称"
          required
          validateStatus={section.title.trim() === '' ? 'error' : undefined}
          help={section.title.trim() === '' ? '分组名称不能为空' : undefined}
        >
          <Input
            value={section.title}
            maxLength={100}
            onChange={(event) => onEdit((current) => ({ ...current, title: event.target.value }), key('title'))}
            data-testid="section-title"
          />
        </Form.Item>
        <Form.Item label="每行列数" extra="字段宽度按比例随列数变化；可一键改为每个字段占一列（多行文本、地址等仍占整行）">
          <Radio.Group
            optionType="button"
            value={section.columns}
            options={[1, 2, 3, 4].map((columns) => ({ value: columns, label: `${columns}列` }))}
            onChange={(event) => onEdit((current) => ({ ...current, columns: event.target.value }))}
            data-testid="section-columns"
          />
          <div style={{ marginTop: 6 }}>
            <Button
              size="small"
              onClick={() =>
                onEdit((current) => ({
                  ...current,
                  fields: current.fields.map((field) => ({ ...field, span: defaultSpan(field.type, current.columns) })),
                }))
              }
            >
              每个字段占一列
            </Button>
          </div>
        </Form.Item>
        <Form.Item label="所在标签页" extra="长表单可分标签页；名称相同的分组显示在同一标签页">
          <Input
            allowClear
            placeholder="不分标签页"
            maxLength={30}
            value={section.tab ?? ''}
            onChange={(event) =>
              onEdit((current) => {
                const tab = event.target.value;
                const next: FormSection = { ...current, tab };
                if (!tab.trim()) delete next.tab;
                return next;
              }, key('tab'))
            }
            data-testid="section-tab"
          />
          {tabs.filter((tab) => tab !== section.tab).length > 0 && (
            <div style={{ marginTop: 6 }}>
              {tabs
                .filter((tab) => tab !== section.tab)
                .map((tab) => (
                  <Tag.CheckableTag key={tab} checked={false} onChange={() => onEdit((current) => ({ ...current, tab }))}>
                    {tab}
                  </Tag.CheckableTag>
                ))}
            </div>
          )}
        </Form.Item>
        <Form.Item label="填写部门（一表制）" extra="并联审批时，该部门可编辑本分组，其他部门按环节权限只读或隐藏；不选则为申请人共用信息">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="申请人共用"
            value={section.ownerDepartmentId}
            options={context.departments.map((department) => ({ value: department.id, label: department.name }))}
            onChange={(ownerDepartmentId?: string) =>
              onEdit((current) => {
                const next = { ...current, ownerDepartmentId };
                if (!ownerDepartmentId) delete next.ownerDepartmentId;
                return next;
              })
            }
            data-testid="section-owner"
          />
        </Form.Item>
      </Form>
    </div>
  );
}
