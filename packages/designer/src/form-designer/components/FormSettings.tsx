import { Button, Form, Input, List, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import type { DictionaryEntry, FormDocument, FormRule } from '@xlgl/schema';
import type { FormDesignerContext, FormIssue } from '../types.js';
import { fieldChoices } from '../model/fieldChoices.js';
import { allFields, usedIds } from '../model/formTree.js';
import { freshRuleId } from '../model/ids.js';
import { ConditionBuilder } from './ConditionBuilder.js';

type FormSettingsProps = {
  form: FormDocument;
  context: FormDesignerContext;
  dictionaryEntries: Record<string, DictionaryEntry[]>;
  issues: FormIssue[];
  onEdit: (change: (form: FormDocument) => FormDocument, mergeKey?: string) => void;
  onRestore: (fieldId: string) => void;
};

/** The form's name, its cross-section rules (一表制 consistency checks) and removed fields. */
export function FormSettings({ form, context, dictionaryEntries, issues, onEdit, onRestore }: FormSettingsProps) {
  const fields = fieldChoices(form, { dictionaries: dictionaryEntries });
  const rules = form.rules ?? [];
  const removed = allFields(form).filter((field) => field.removed);
  const setRule = (index: number, change: (rule: FormRule) => FormRule, mergeKey?: string) =>
    onEdit((current) => ({ ...current, rules: (current.rules ?? []).map((rule, i) => (i === index ? change(rule) : rule)) }), mergeKey);

  return (
    <div className="xfd-settings" data-testid="form-settings">
      <div className="xfd-settings-head">
        <span className="xfd-settings-type">表单设置</span>
      </div>
      <Form layout="vertical" size="small">
        <Form.Item
          label="表单名称"
          required
          validateStatus={form.name.trim() === '' ? 'error' : undefined}
          help={form.name.trim() === '' ? '表单名称不能为空' : undefined}
        >
          <Input
            value={form.name}
            maxLength={100}
            onChange={(event) => onEdit((current) => ({ ...current, name: event.target.value }), 'form:name')}
            data-testid="form-name"
          />
        </Form.Item>
        <Form.Item label="所属部门">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="不限"
            value={form.departmentId}
            options={context.departments.map((department) => ({ value: department.id, label: department.name }))}
            onChange={(departmentId?: string) =>
              onEdit((current) => {
                const next = { ...current, departmentId };
                if (!departmentId) delete next.departmentId;
                return next;
              })
            }
          />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>跨分组校验规则</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        规则中的条件必须成立，否则提交时在指定字段处提示。例如：各部门分组中的统一社会信用代码必须与申请人信息一致。
      </Typography.Paragraph>
      {rules.map((rule, index) => {
        const ruleIssues = issues.filter((issue) => issue.path[0] === 'rules' && issue.path[1] === index);
        return (
          <div key={rule.id} className="xfd-rule" data-testid={`form-rule-${index}`}>
            <div className="xfd-rule-head">
              <Typography.Text strong>规则 {index + 1}</Typography.Text>
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label="删除规则"
                onClick={() => onEdit((current) => ({ ...current, rules: (current.rules ?? []).filter((_, i) => i !== index) }))}
              />
            </div>
            <ConditionBuilder
              name={`form-rule-${index}`}
              value={rule.expression}
              allowFieldOperand
              fields={fields}
              onChange={(expression) =>
                expression && setRule(index, (current) => ({ ...current, expression }), `rule:${rule.id}:expression`)
              }
            />
            <Input
              size="small"
              style={{ marginTop: 6 }}
              prefix={<span style={{ color: '#8c8c8c' }}>不成立时提示：</span>}
              value={rule.message}
              maxLength={200}
              status={rule.message.trim() === '' ? 'error' : undefined}
              onChange={(event) => setRule(index, (current) => ({ ...current, message: event.target.value }), `rule:${rule.id}:message`)}
            />
            <Select
              size="small"
              allowClear
              style={{ width: '100%', marginTop: 6 }}
              placeholder="提示显示在（默认：条件中的第一个字段）"
              value={rule.field}
              options={fields.map((field) => ({ value: field.id, label: `${field.sectionTitle} / ${field.label}` }))}
              onChange={(field?: string) =>
                setRule(index, (current) => {
                  const next = { ...current, field };
                  if (!field) delete next.field;
                  return next;
                })
              }
            />
            {ruleIssues.map((issue, i) => (
              <Typography.Paragraph key={i} type="danger" style={{ marginBottom: 0 }}>
                {issue.message}
              </Typography.Paragraph>
            ))}
          </div>
        );
      })}
      <Button
        size="small"
        type="dashed"
        block
        icon={<PlusOutlined />}
        disabled={fields.length === 0}
        onClick={() =>
          onEdit((current) => ({
            ...current,
            rules: [
              ...(current.rules ?? []),
              {
                id: freshRuleId(usedIds(current)),
                message: '请检查填写内容是否一致',
                expression: { op: 'notEmpty', arg: { op: 'field', field: fields[0].id } },
              },
            ],
          }))
        }
        data-testid="add-form-rule"
      >
        添加校验规则
      </Button>
      {removed.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            已删除的字段
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            已发布过的字段删除后只是隐藏，数据库中的列和数据都保留，可随时恢复。
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={removed}
            renderItem={(field) => (
              <List.Item
                actions={[
                  <Button key="restore" size="small" icon={<UndoOutlined />} onClick={() => onRestore(field.id)}>
                    恢复
                  </Button>,
                ]}
              >
                {field.label}
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
