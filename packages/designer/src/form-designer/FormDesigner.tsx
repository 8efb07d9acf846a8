import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Drawer, Popover, Segmented, Space, Tooltip, Typography } from 'antd';
import {
  CodeOutlined,
  CopyOutlined,
  DatabaseOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  RedoOutlined,
  SnippetsOutlined,
  UndoOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { fieldTypeDefinition, type FieldType } from '@xlgl/schema';
import type { FormDesignerProps } from './types.js';
import { useDesignerHistory } from './components/useDesignerHistory.js';
import { Palette } from './components/Palette.js';
import { Canvas } from './components/Canvas.js';
import { FieldSettings } from './components/FieldSettings.js';
import { SectionSettings } from './components/SectionSettings.js';
import { FormSettings } from './components/FormSettings.js';
import { PreviewPane } from './components/PreviewPane.js';
import { JsonView } from './components/JsonView.js';
import { PlannedChanges } from './components/PlannedChanges.js';
import { designerStyles } from './components/designerStyles.js';
import type { DragPayload } from './components/dragState.js';
import type { Selection } from './components/selection.js';
import {
  insertField,
  insertProblem,
  locateField,
  moveField,
  moveSection,
  removeField,
  removeSection,
  updateField,
  updateSection,
  usedIds,
  insertSection,
  type FieldTarget,
} from './model/formTree.js';
import { createField } from './model/newField.js';
import { retypeField } from './model/retypeField.js';
import { clipboardText, copyFields, parseClipboardText, pasteFields, type FieldClipboard } from './model/clipboard.js';
import { dependentsOf, dropReferences } from './model/dependents.js';
import { validateForm } from './model/validateForm.js';
import { freshSectionId } from './model/ids.js';

type View = 'design' | 'preview' | 'json';

// shared by every designer on the page, so fields can be copied from one form into another
let clipboard: FieldClipboard | undefined;

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    Boolean(target.closest('[role="combobox"], [role="dialog"]'))
  );
}

/**
 * The form designer (studio): drag field types from the palette into sections, arrange them by
 * drag, set each field up (settings from its type's zod schema), build visibility, enable and
 * computed rules as typed expressions, and preview with the runtime `FormRenderer`. Controlled:
 * every change goes out through `onChange` as a whole `FormDocument`.
 */
export function FormDesigner(props: FormDesignerProps) {
  return (
    <App component={false}>
      <FormDesignerInner {...props} />
    </App>
  );
}

function FormDesignerInner({
  value,
  onChange,
  context,
  plannedChanges,
  plannedStatements,
  publishedFieldIds,
  onIssues,
  height,
}: FormDesignerProps) {
  const { modal, message } = App.useApp();
  const { form, edit, undo, redo, canUndo, canRedo } = useDesignerHistory(value, onChange);
  const [selection, setSelection] = useState<Selection>({ kind: 'form' });
  const [view, setView] = useState<View>('design');
  const [changesOpen, setChangesOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const dictionaryEntries = useMemo(
    () => Object.fromEntries(context.dictionaries.map((dictionary) => [dictionary.id, dictionary.entries])),
    [context.dictionaries],
  );
  const departmentNames = useMemo(
    () => new Map(context.departments.map((department) => [department.id, department.name])),
    [context.departments],
  );
  const issues = useMemo(() => validateForm(form), [form]);
  const issueCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const issue of issues) {
      const id = issue.fieldId ?? issue.sectionId;
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }, [issues]);
  const onIssuesRef = useRef(onIssues);
  onIssuesRef.current = onIssues;
  useEffect(() => onIssuesRef.current?.(issues), [issues]);

  // a selection that undo or a deletion took away falls back to the form
  const selectedField = selection.kind === 'field' ? locateField(form, selection.id) : undefined;
  const selectedSection = selection.kind === 'section' ? form.sections.find((section) => section.id === selection.id) : undefined;
  useEffect(() => {
    if (
      (selection.kind === 'field' && (!selectedField || selectedField.field.removed)) ||
      (selection.kind === 'section' && !selectedSection)
    )
      setSelection({ kind: 'form' });
  }, [selection, selectedField, selectedSection]);

  /** Where a new or pasted field goes: after the selected field, else at the end of the selected (or last) section. */
  const insertionTarget = useCallback((): FieldTarget => {
    if (selectedField)
      return { sectionId: selectedField.sectionId, parentFieldId: selectedField.parentFieldId, index: selectedField.index + 1 };
    const section = selectedSection ?? form.sections[form.sections.length - 1];
    return { sectionId: section.id, index: section.fields.length };
  }, [form, selectedField, selectedSection]);

  const addField = useCallback(
    (type: FieldType, target: FieldTarget) => {
      const section = form.sections.find((entry) => entry.id === target.sectionId);
      const field = createField(type, { taken: usedIds(form), columns: section?.columns });
      const problem = insertProblem(form, field, target);
      if (problem) {
        message.warning(problem);
        return;
      }
      edit((current) => insertField(current, field, target));
      setSelection({ kind: 'field', id: field.id });
    },
    [form, edit, message],
  );

  const onDropField = useCallback(
    (payload: DragPayload, target: FieldTarget) => {
      if (payload.kind === 'new-field') return addField(payload.type, target);
      if (payload.kind !== 'field') return;
      const location = locateField(form, payload.fieldId);
      if (!location) return;
      const problem = insertProblem(form, location.field, target);
      if (problem) {
        message.warning(problem);
        return;
      }
      edit((current) => moveField(current, payload.fieldId, target));
      setSelection({ kind: 'field', id: payload.fieldId });
    },
    [form, edit, addField, message],
  );

  const copy = useCallback(
    (fieldId?: string) => {
      const location = locateField(form, fieldId ?? (selection.kind === 'field' ? selection.id : ''));
      if (!location) return false;
      clipboard = copyFields([location.field]);
      // best effort: also on the system clipboard, so it can be pasted in another tab
      navigator.clipboard?.writeText(clipboardText(clipboard)).catch(() => undefined);
      message.success(`已复制“${location.field.label}”`);
      return true;
    },
    [form, selection, message],
  );

  const paste = useCallback(() => {
    if (!clipboard) {
      message.info('剪贴板中没有字段，请先选中字段并复制');
      return false;
    }
    const result = pasteFields(form, clipboard, insertionTarget());
    if (result.pastedIds.length === 0) {
      message.warning('这里不能粘贴该字段（子表中不能再放子表）');
      return false;
    }
    edit(() => result.form);
    setSelection({ kind: 'field', id: result.pastedIds[result.pastedIds.length - 1] });
    message.success(`已粘贴 ${result.pastedIds.length} 个字段`);
    return true;
  }, [form, edit, insertionTarget, message]);

  const confirmDelete = useCallback(
    (fieldId: string) => {
      const location = locateField(form, fieldId);
      if (!location) return;
      const dependents = dependentsOf(form, [fieldId], context.dependents);
      const published = (publishedFieldIds ?? []).includes(fieldId);
      modal.confirm({
        title: `删除字段“${location.field.label}”？`,
        width: 520,
        okText: '删除',
        okButtonProps: { danger: true, 'data-testid': 'confirm-delete' } as never,
        cancelText: '取消',
        content: (
          <div data-testid="delete-confirm">
            {dependents.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                message="以下内容引用了该字段"
                description={
                  <>
                    <ul className="xfd-issue-list">
                      {dependents.map((entry) => (
                        <li key={entry}>{entry}</li>
                      ))}
                    </ul>
                    <div style={{ marginTop: 6 }}>
                      表单内引用它的规则将一并清除；流程条件、模板和报表中的引用需另行修改，否则发布时会被拒绝。
                    </div>
                  </>
                }
              />
            ) : (
              <Typography.Paragraph>没有其他内容引用这个字段。</Typography.Paragraph>
            )}
            {published && (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                该字段已发布过：删除后只是隐藏，数据库中的列和已有数据都会保留，可在“表单设置”中恢复。
              </Typography.Paragraph>
            )}
          </div>
        ),
        onOk: () => {
          edit((current) => {
            const cleaned = dropReferences(current, [fieldId]);
            return published ? updateField(cleaned, fieldId, (field) => ({ ...field, removed: true })) : removeField(cleaned, fieldId);
          });
          setSelection({ kind: 'form' });
        },
      });
    },
    [form, context.dependents, publishedFieldIds, edit, modal],
  );

  const changeType = useCallback(
    (fieldId: string, type: FieldType) => {
      const location = locateField(form, fieldId);
      if (!location) return;
      const dependents = dependentsOf(form, [fieldId], context.dependents);
      const apply = () => edit((current) => updateField(current, fieldId, (field) => retypeField(field, type, dictionaryEntries)));
      if (dependents.length === 0) return apply();
      modal.confirm({
        title: `把“${location.field.label}”改为${fieldTypeDefinition(type).label}？`,
        width: 520,
        okText: '更改类型',
        cancelText: '取消',
        content: (
          <Alert
            type="warning"
            showIcon
            message="以下内容引用了该字段，请确认类型更改后它们仍然正确"
            description={
              <ul className="xfd-issue-list">
                {dependents.map((entry) => (
                  <li key={entry}>{entry}</li>
                ))}
              </ul>
            }
          />
        ),
        onOk: apply,
      });
    },
    [form, context.dependents, dictionaryEntries, edit, modal],
  );

  const addSection = useCallback(() => {
    const id = freshSectionId(usedIds(form));
    const columns = form.sections[form.sections.length - 1]?.columns ?? 2;
    edit((current) => insertSection(current, { id, title: `分组${current.sections.length + 1}`, columns, fields: [] }));
    setSelection({ kind: 'section', id });
  }, [form, edit]);

  // keyboard: undo/redo, copy/paste, delete — not while typing in an input
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const element = root.current;
      if (!element || view !== 'design') return;
      const target = event.target as Node | null;
      if (target !== document.body && !(target && element.contains(target))) return;
      if (isEditable(event.target)) return;
      const key = event.key.toLowerCase();
      const mod = event.ctrlKey || event.metaKey;
      let handled = true;
      if (mod && key === 'z' && !event.shiftKey) undo();
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) redo();
      else if (mod && key === 'c') handled = copy();
      // without fields copied here, let the browser paste: fields copied in another tab arrive as a paste event
      else if (mod && key === 'v') handled = clipboard ? paste() : false;
      else if ((key === 'delete' || key === 'backspace') && selection.kind === 'field') confirmDelete(selection.id);
      else if (event.altKey && (key === 'arrowup' || key === 'arrowdown') && selectedField) {
        // keyboard alternative to dragging: move the selected field one place
        const { sectionId, parentFieldId, index } = selectedField;
        const id = selectedField.field.id;
        edit((current) =>
          moveField(current, id, { sectionId, parentFieldId, index: key === 'arrowup' ? Math.max(0, index - 1) : index + 2 }),
        );
      } else handled = false;
      if (handled) event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      const element = root.current;
      const target = event.target as Node | null;
      if (!element || view !== 'design' || isEditable(event.target)) return;
      if (target !== document.body && !(target && element.contains(target))) return;
      const copied = parseClipboardText(event.clipboardData?.getData('text/plain') ?? '');
      if (!copied) return;
      event.preventDefault();
      clipboard = copied;
      paste();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('paste', onPaste);
    };
  }, [view, undo, redo, copy, paste, confirmDelete, selection, selectedField, edit]);

  const tabs = [...new Set(form.sections.map((section) => section.tab).filter((tab): tab is string => Boolean(tab)))];
  const risky = (plannedChanges ?? []).filter((change) => change.risk).length;

  const side = selectedField ? (
    <FieldSettings
      key={selectedField.field.id}
      form={form}
      location={selectedField}
      context={context}
      dictionaryEntries={dictionaryEntries}
      issues={issues.filter((issue) => issue.fieldId === selectedField.field.id)}
      onEdit={(change, mergeKey) => edit((current) => updateField(current, selectedField.field.id, change), mergeKey)}
      onChangeType={(type) => changeType(selectedField.field.id, type)}
      onDelete={() => confirmDelete(selectedField.field.id)}
    />
  ) : selectedSection ? (
    <SectionSettings
      key={selectedSection.id}
      section={selectedSection}
      tabs={tabs}
      context={context}
      issues={issues.filter((issue) => issue.sectionId === selectedSection.id && !issue.fieldId)}
      canDelete={form.sections.length > 1}
      onEdit={(change, mergeKey) => edit((current) => updateSection(current, selectedSection.id, change), mergeKey)}
      onDelete={() => {
        const fieldIds = selectedSection.fields.map((field) => field.id);
        edit((current) => removeSection(dropReferences(current, fieldIds), selectedSection.id));
        setSelection({ kind: 'form' });
      }}
    />
  ) : (
    <FormSettings
      form={form}
      context={context}
      dictionaryEntries={dictionaryEntries}
      issues={issues}
      onEdit={edit}
      onRestore={(fieldId) =>
        edit((current) =>
          updateField(current, fieldId, (field) => {
            const next = { ...field };
            delete next.removed;
            return next;
          }),
        )
      }
    />
  );

  return (
    <div className="xfd-root" ref={root} style={{ height: height ?? 'calc(100vh - 120px)' }} data-testid="form-designer">
      <style>{designerStyles}</style>
      <div className="xfd-toolbar" role="toolbar" aria-label="表单设计工具栏">
        <Segmented
          value={view}
          onChange={(next) => setView(next as View)}
          options={[
            { value: 'design', label: '设计', icon: <EditOutlined /> },
            { value: 'preview', label: '预览', icon: <EyeOutlined /> },
            { value: 'json', label: 'JSON', icon: <CodeOutlined /> },
          ]}
          data-testid="view-switch"
        />
        <Space.Compact>
          <Tooltip title="撤销（Ctrl+Z）">
            <Button icon={<UndoOutlined />} disabled={!canUndo} onClick={undo} aria-label="撤销" data-testid="undo" />
          </Tooltip>
          <Tooltip title="重做（Ctrl+Shift+Z）">
            <Button icon={<RedoOutlined />} disabled={!canRedo} onClick={redo} aria-label="重做" data-testid="redo" />
          </Tooltip>
        </Space.Compact>
        <Space.Compact>
          <Tooltip title="复制字段（Ctrl+C）">
            <Button icon={<CopyOutlined />} disabled={!selectedField} onClick={() => copy()} aria-label="复制" data-testid="copy" />
          </Tooltip>
          <Tooltip title="粘贴字段（Ctrl+V）">
            <Button icon={<SnippetsOutlined />} onClick={paste} aria-label="粘贴" data-testid="paste" />
          </Tooltip>
          <Tooltip title="删除字段（Delete）；Alt+↑/↓ 移动字段">
            <Button
              icon={<DeleteOutlined />}
              danger
              disabled={!selectedField}
              onClick={() => selectedField && confirmDelete(selectedField.field.id)}
              aria-label="删除"
              data-testid="delete"
            />
          </Tooltip>
        </Space.Compact>
        <span className="xfd-toolbar-spacer" />
        <Popover
          trigger="click"
          placement="bottomRight"
          title="表单配置问题"
          content={
            issues.length === 0 ? (
              <Typography.Text type="success">表单配置有效</Typography.Text>
            ) : (
              <ul className="xfd-issue-list" style={{ maxWidth: 420, maxHeight: 320, overflow: 'auto' }} data-testid="issue-list">
                {issues.map((issue, index) => (
                  <li key={index}>
                    <Typography.Link
                      onClick={() => {
                        setView('design');
                        if (issue.fieldId) setSelection({ kind: 'field', id: issue.fieldId });
                        else if (issue.sectionId) setSelection({ kind: 'section', id: issue.sectionId });
                        else setSelection({ kind: 'form' });
                      }}
                    >
                      {issue.message}
                    </Typography.Link>
                  </li>
                ))}
              </ul>
            )
          }
        >
          <Button icon={<WarningOutlined />} danger={issues.length > 0} data-testid="issues">
            {issues.length === 0 ? '配置有效' : `${issues.length} 个问题`}
          </Button>
        </Popover>
        <Badge count={risky} size="small">
          <Button icon={<DatabaseOutlined />} onClick={() => setChangesOpen(true)} data-testid="planned-changes-button">
            数据库变更{plannedChanges ? `（${plannedChanges.length}）` : ''}
          </Button>
        </Badge>
      </div>
      {view === 'design' && (
        <div className="xfd-body">
          <Palette onAdd={(type) => addField(type, insertionTarget())} />
          <Canvas
            form={form}
            selection={selection}
            issueCounts={issueCounts}
            departmentNames={departmentNames}
            onSelect={setSelection}
            onDropField={onDropField}
            onMoveSection={(sectionId, index) => edit((current) => moveSection(current, sectionId, index))}
            onAddSection={addSection}
            onCopyField={(fieldId) => copy(fieldId)}
            onDeleteField={confirmDelete}
          />
          <div className="xfd-side" aria-label="属性设置">
            {side}
          </div>
        </div>
      )}
      {view === 'preview' && (
        <div className="xfd-body">
          <PreviewPane form={form} context={context} dictionaryEntries={dictionaryEntries} hasIssues={issues.length > 0} />
        </div>
      )}
      {view === 'json' && (
        <div className="xfd-body">
          <JsonView form={form} />
        </div>
      )}
      <Drawer title="发布前计划的数据库变更" open={changesOpen} onClose={() => setChangesOpen(false)} width={480}>
        <PlannedChanges changes={plannedChanges} statements={plannedStatements} />
      </Drawer>
    </div>
  );
}
