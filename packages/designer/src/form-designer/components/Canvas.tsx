import { useState, type DragEvent } from 'react';
import { Button, Segmented, Tag, Tooltip } from 'antd';
import {
  CopyOutlined,
  DeleteOutlined,
  FunctionOutlined,
  EyeOutlined,
  HolderOutlined,
  LockOutlined,
  PlusOutlined,
  BookOutlined,
} from '@ant-design/icons';
import { fieldTypeDefinition, type FormDocument, type FormField, type FormSection } from '@xlgl/schema';
import type { FieldContainer, FieldTarget } from '../model/formTree.js';
import { sameContainer } from '../model/formTree.js';
import { gridSpan } from '../model/layout.js';
import { fieldTypeIcons } from './fieldTypeLooks.js';
import { draggedPayload, dropSide, endDrag, startDrag, type DragPayload } from './dragState.js';
import type { Selection } from './selection.js';

/** Where a drop would land, and which card shows the marker. */
type DropMarker = { target: FieldTarget; fieldId?: string; side?: 'before' | 'after' };
type SectionMarker = { sectionId: string; side: 'before' | 'after' };

export type CanvasProps = {
  form: FormDocument;
  selection: Selection;
  issueCounts: Map<string, number>;
  departmentNames: Map<string, string>;
  onSelect: (selection: Selection) => void;
  onDropField: (payload: DragPayload, target: FieldTarget) => void;
  onMoveSection: (sectionId: string, index: number) => void;
  onAddSection: () => void;
  onCopyField: (fieldId: string) => void;
  onDeleteField: (fieldId: string) => void;
};

const allTabs = '__all__';

/** The layout being designed: sections with their field grids; drop targets for HTML5 drag and drop. */
export function Canvas(props: CanvasProps) {
  const { form } = props;
  const [marker, setMarker] = useState<DropMarker>();
  const [sectionMarker, setSectionMarker] = useState<SectionMarker>();
  const [tab, setTab] = useState<string>(allTabs);
  const tabs = [...new Set(form.sections.map((section) => section.tab).filter((name): name is string => Boolean(name)))];
  const activeTab = tabs.includes(tab) ? tab : allTabs;

  const clear = () => {
    setMarker(undefined);
    setSectionMarker(undefined);
  };

  /** Accepts field drags over a position; returns false for drags that do not belong here. */
  const over = (event: DragEvent, next: DropMarker) => {
    const payload = draggedPayload(event);
    if (!payload || payload.kind === 'section') return false;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = payload.kind === 'new-field' ? 'copy' : 'move';
    if (
      marker?.target.index !== next.target.index ||
      marker.fieldId !== next.fieldId ||
      marker.side !== next.side ||
      !sameContainer(marker.target, next.target)
    )
      setMarker(next);
    return true;
  };

  const drop = (event: DragEvent, target: FieldTarget) => {
    const payload = draggedPayload(event);
    clear();
    endDrag();
    if (!payload || payload.kind === 'section') return;
    event.preventDefault();
    event.stopPropagation();
    props.onDropField(payload, target);
  };

  const fieldHandlers = ({
    field,
    container,
    index,
    horizontal,
  }: {
    field: FormField;
    container: FieldContainer;
    index: number;
    horizontal: boolean;
  }) => ({
    draggable: true,
    onDragStart: (event: DragEvent) => {
      event.stopPropagation();
      startDrag(event, { kind: 'field', fieldId: field.id });
    },
    onDragEnd: () => {
      clear();
      endDrag();
    },
    onDragOver: (event: DragEvent) => {
      const side = dropSide(event, horizontal);
      over(event, { target: { ...container, index: side === 'before' ? index : index + 1 }, fieldId: field.id, side });
    },
    onDrop: (event: DragEvent) => {
      const side = dropSide(event, horizontal);
      drop(event, { ...container, index: side === 'before' ? index : index + 1 });
    },
  });

  const markerClass = (fieldId: string) => (marker?.fieldId === fieldId ? ` xfd-drop-${marker.side}` : '');
  const endMarked = (container: FieldContainer) =>
    marker !== undefined && marker.fieldId === undefined && sameContainer(marker.target, container);

  const renderColumns = (section: FormSection, table: FormField) => {
    const container: FieldContainer = { sectionId: section.id, parentFieldId: table.id };
    const columns = table.fields ?? [];
    return (
      <div
        className={`xfd-subtable${endMarked(container) ? ' xfd-drop-into' : ''}`}
        onDragOver={(event) => over(event, { target: { ...container, index: columns.length } })}
        onDrop={(event) => drop(event, { ...container, index: columns.length })}
        data-testid={`subtable-${table.id}`}
      >
        {columns.map((column, index) => (
          <div
            key={column.id}
            className={`xfd-column${props.selection.kind === 'field' && props.selection.id === column.id ? ' xfd-selected' : ''}${markerClass(column.id)}`}
            data-field-id={column.id}
            onClick={(event) => {
              event.stopPropagation();
              props.onSelect({ kind: 'field', id: column.id });
            }}
            {...fieldHandlers({ field: column, container, index, horizontal: true })}
          >
            {column.required && <span className="xfd-required">*</span>}
            {fieldTypeIcons[column.type]} <span className="xfd-label-text">{column.label}</span>
            {props.issueCounts.get(column.id) ? <span className="xfd-issue-dot" title="有配置问题" /> : null}
          </div>
        ))}
        <div className="xfd-column-end">{columns.length === 0 ? '把字段拖到这里作为子表的列' : '拖入新列'}</div>
      </div>
    );
  };

  const renderField = (section: FormSection, field: FormField, index: number) => {
    const selected = props.selection.kind === 'field' && props.selection.id === field.id;
    const definition = fieldTypeDefinition(field.type);
    const span = gridSpan(field.span, section.columns, field.type);
    const full = span >= section.columns;
    const issues = props.issueCounts.get(field.id) ?? 0;
    return (
      <div
        key={field.id}
        className={`xfd-field${full ? ' xfd-full' : ''}${selected ? ' xfd-selected' : ''}${issues ? ' xfd-has-issue' : ''}${markerClass(field.id)}`}
        style={{ gridColumn: `span ${span}` }}
        data-field-id={field.id}
        data-testid={`field-${field.id}`}
        onClick={(event) => {
          event.stopPropagation();
          props.onSelect({ kind: 'field', id: field.id });
        }}
        {...fieldHandlers({ field, container: { sectionId: section.id }, index, horizontal: !full })}
      >
        <div className="xfd-field-head">
          <HolderOutlined className="xfd-handle" />
          <span className="xfd-field-label">
            {field.required && <span className="xfd-required">*</span>}
            <span className="xfd-label-text" title={field.label}>
              {field.label}
            </span>
          </span>
          <span className="xfd-field-badges">
            {field.visibleWhen && (
              <Tooltip title="有显示条件">
                <EyeOutlined />
              </Tooltip>
            )}
            {field.enabledWhen && (
              <Tooltip title="有可编辑条件">
                <LockOutlined />
              </Tooltip>
            )}
            {field.computed && (
              <Tooltip title="计算字段">
                <FunctionOutlined />
              </Tooltip>
            )}
            {field.dictionaryId && (
              <Tooltip title="使用数据字典">
                <BookOutlined />
              </Tooltip>
            )}
          </span>
          {selected && (
            <span className="xfd-field-actions">
              <Tooltip title="复制（Ctrl+C / Ctrl+V）">
                <Button
                  size="small"
                  type="text"
                  icon={<CopyOutlined />}
                  aria-label="复制字段"
                  onClick={(event) => (event.stopPropagation(), props.onCopyField(field.id))}
                />
              </Tooltip>
              <Tooltip title="删除（Delete）">
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label="删除字段"
                  onClick={(event) => (event.stopPropagation(), props.onDeleteField(field.id))}
                />
              </Tooltip>
            </span>
          )}
        </div>
        {field.type === 'sub-table' ? (
          renderColumns(section, field)
        ) : (
          <div className="xfd-field-mock">
            <span className="xfd-mock-icon">{fieldTypeIcons[field.type]}</span>
            {definition.label}
          </div>
        )}
        {field.help && <div className="xfd-field-help">{field.help}</div>}
      </div>
    );
  };

  const renderSection = (section: FormSection, sectionIndex: number) => {
    const selected = props.selection.kind === 'section' && props.selection.id === section.id;
    const container: FieldContainer = { sectionId: section.id };
    const visible = section.fields.map((field, index) => ({ field, index })).filter(({ field }) => !field.removed);
    const sectionOver = (event: DragEvent) => {
      const payload = draggedPayload(event);
      // a field over the section's head or border goes to the end of the section
      if (payload && payload.kind !== 'section') return void over(event, { target: { ...container, index: section.fields.length } });
      if (payload?.kind !== 'section') return;
      event.preventDefault();
      event.stopPropagation();
      const side = dropSide(event, false);
      if (sectionMarker?.sectionId !== section.id || sectionMarker.side !== side) setSectionMarker({ sectionId: section.id, side });
    };
    return (
      <div
        key={section.id}
        className={`xfd-section${selected ? ' xfd-selected' : ''}${sectionMarker?.sectionId === section.id ? ` xfd-drop-${sectionMarker.side}` : ''}`}
        data-section-id={section.id}
        data-testid={`section-${section.id}`}
        onClick={(event) => {
          event.stopPropagation();
          props.onSelect({ kind: 'section', id: section.id });
        }}
        onDragOver={sectionOver}
        onDrop={(event) => {
          const payload = draggedPayload(event);
          if (payload && payload.kind !== 'section') return drop(event, { ...container, index: section.fields.length });
          if (payload?.kind !== 'section') return;
          event.preventDefault();
          const side = dropSide(event, false);
          clear();
          endDrag();
          props.onMoveSection(payload.sectionId, side === 'before' ? sectionIndex : sectionIndex + 1);
        }}
      >
        <div
          className="xfd-section-head"
          draggable
          onDragStart={(event) => startDrag(event, { kind: 'section', sectionId: section.id })}
          onDragEnd={() => (clear(), endDrag())}
        >
          <HolderOutlined className="xfd-handle" />
          <span className="xfd-section-title">{section.title}</span>
          {section.tab && <Tag color="blue">标签页：{section.tab}</Tag>}
          {section.ownerDepartmentId && (
            <Tag color="purple">{props.departmentNames.get(section.ownerDepartmentId) ?? section.ownerDepartmentId}填写</Tag>
          )}
          <Tag>{section.columns}列</Tag>
          {props.issueCounts.get(section.id) ? <span className="xfd-issue-dot" title="有配置问题" /> : null}
        </div>
        <div
          className={`xfd-grid${endMarked(container) ? ' xfd-drop-into' : ''}`}
          style={{ gridTemplateColumns: `repeat(${section.columns}, minmax(0, 1fr))` }}
          onDragOver={(event) => over(event, { target: { ...container, index: section.fields.length } })}
          onDrop={(event) => drop(event, { ...container, index: section.fields.length })}
        >
          {visible.map(({ field, index }) => renderField(section, field, index))}
          <div className="xfd-grid-end" style={{ gridColumn: '1 / -1' }}>
            {visible.length === 0 ? '从左侧拖入字段' : '拖到这里放在最后'}
          </div>
        </div>
      </div>
    );
  };

  return (
    <div
      className="xfd-canvas"
      onClick={() => props.onSelect({ kind: 'form' })}
      onDragOver={(event) => {
        // outside any target: no marker
        if (marker || sectionMarker) clear();
        if (draggedPayload(event)) event.dataTransfer.dropEffect = 'none';
      }}
    >
      <div className="xfd-form-title">{form.name}</div>
      {tabs.length > 0 && (
        <Segmented
          className="xfd-tab-filter"
          value={activeTab}
          onChange={(value) => setTab(String(value))}
          options={[{ label: '全部分组', value: allTabs }, ...tabs.map((name) => ({ label: name, value: name }))]}
          onClick={(event) => event.stopPropagation()}
        />
      )}
      {form.sections.map((section, index) => (activeTab === allTabs || section.tab === activeTab ? renderSection(section, index) : null))}
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={(event) => {
          event.stopPropagation();
          props.onAddSection();
        }}
      >
        添加分组
      </Button>
    </div>
  );
}
