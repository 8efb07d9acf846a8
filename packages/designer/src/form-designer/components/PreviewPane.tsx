import { Component, useMemo, useState, type ReactNode } from 'react';
import { Alert, Modal, Select, Space, Typography } from 'antd';
import { FormRenderer } from '@xlgl/renderer';
import { departmentView, formDocument, type DictionaryEntry, type FormDocument } from '@xlgl/schema';
import type { FormDesignerContext } from '../types.js';

type PreviewPaneProps = {
  form: FormDocument;
  context: FormDesignerContext;
  dictionaryEntries: Record<string, DictionaryEntry[]>;
  hasIssues: boolean;
};

/**
 * The form as the desk and the applicant see it, drawn by the runtime `FormRenderer` (formily) —
 * the same component, so what is designed is what runs. For 一表制 forms, preview one
 * department's view.
 */
export function PreviewPane({ form, context, dictionaryEntries, hasIssues }: PreviewPaneProps) {
  const [departmentId, setDepartmentId] = useState<string>();
  // the renderer gets the document as the server would store it (defaults filled in)
  const parsed = useMemo(() => {
    const result = formDocument.safeParse(form);
    return result.success ? result.data : form;
  }, [form]);
  const owners = [...new Set(form.sections.map((section) => section.ownerDepartmentId).filter((id): id is string => Boolean(id)))];
  const names = new Map(context.departments.map((department) => [department.id, department.name]));
  const view = useMemo(() => (departmentId ? departmentView(parsed, departmentId) : undefined), [parsed, departmentId]);

  return (
    <div className="xfd-preview" data-testid="form-preview">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">以窗口和申请人看到的样子预览，可试填并提交校验（不会保存）。</Typography.Text>
        {owners.length > 0 && (
          <Select
            allowClear
            style={{ width: 260 }}
            placeholder="一表制：按部门视图预览"
            value={departmentId}
            options={owners.map((id) => ({ value: id, label: `${names.get(id) ?? id}的视图` }))}
            onChange={setDepartmentId}
          />
        )}
      </Space>
      {hasIssues && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="表单还有配置问题，预览可能与发布后的效果不同" />}
      <PreviewBoundary resetKey={parsed}>
        <FormRenderer
          form={parsed}
          view={view}
          regionTree={context.regionTree}
          dictionaries={dictionaryEntries}
          submitText="试提交"
          onSubmit={(record) => {
            Modal.success({
              title: '校验通过',
              width: 560,
              content: (
                <pre className="xfd-json" style={{ maxHeight: 360 }}>
                  {JSON.stringify(record, null, 2)}
                </pre>
              ),
            });
          }}
        />
      </PreviewBoundary>
    </div>
  );
}

class PreviewBoundary extends Component<{ children: ReactNode; resetKey: unknown }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(previous: { resetKey: unknown }) {
    // a changed form gets another chance
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }
  override render() {
    if (this.state.error) return <Alert type="error" showIcon message="预览无法显示" description={this.state.error.message} />;
    return this.props.children;
  }
}
