/** Styles of the form designer, scoped by the `xfd-` class prefix. */
export const designerStyles = `
.xfd-root { display: flex; flex-direction: column; background: #f5f7fa; border: 1px solid #e5e7eb; border-radius: 8px; overflow: hidden; min-height: 480px; }
.xfd-toolbar { display: flex; align-items: center; gap: 8px; padding: 8px 12px; background: #fff; border-bottom: 1px solid #e5e7eb; flex-wrap: wrap; }
.xfd-toolbar-spacer { flex: 1; }
.xfd-body { flex: 1; display: flex; min-height: 0; }
.xfd-palette { width: 212px; flex: none; overflow-y: auto; background: #fff; border-right: 1px solid #e5e7eb; padding: 8px 10px; }
.xfd-palette-group { margin-bottom: 10px; }
.xfd-palette-title { font-size: 12px; display: block; margin: 4px 0 6px; }
.xfd-palette-items { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; }
.xfd-palette-item > span:last-child { overflow: hidden; text-overflow: ellipsis; }
.xfd-palette-item { display: flex; align-items: center; gap: 6px; padding: 5px 8px; border: 1px solid #e5e7eb; border-radius: 6px; background: #fafafa; cursor: grab; font-size: 13px; user-select: none; white-space: nowrap; overflow: hidden; }
.xfd-palette-item:hover, .xfd-palette-item:focus-visible { border-color: #1677ff; color: #1677ff; background: #f0f7ff; outline: none; }
.xfd-palette-icon { color: #1677ff; }
.xfd-canvas { flex: 1; overflow-y: auto; padding: 16px 20px 40px; min-width: 0; }
.xfd-form-title { font-size: 18px; font-weight: 600; text-align: center; margin-bottom: 12px; word-break: break-all; }
.xfd-tab-filter { margin-bottom: 12px; }
.xfd-section { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; margin-bottom: 14px; position: relative; }
.xfd-section.xfd-selected { border-color: #1677ff; box-shadow: 0 0 0 2px rgba(22,119,255,.15); }
.xfd-section.xfd-drop-before { box-shadow: 0 -3px 0 #1677ff; }
.xfd-section.xfd-drop-after { box-shadow: 0 3px 0 #1677ff; }
.xfd-section-head { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #f0f0f0; cursor: grab; }
.xfd-section-title { font-weight: 600; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.xfd-handle { color: #9ca3af; cursor: grab; }
.xfd-grid { display: grid; gap: 10px; padding: 12px; min-height: 64px; border-radius: 0 0 8px 8px; }
.xfd-grid.xfd-drop-into .xfd-grid-end, .xfd-subtable.xfd-drop-into .xfd-column-end { border-color: #1677ff; color: #1677ff; background: #f0f7ff; }
.xfd-grid-end { border: 1px dashed #d1d5db; border-radius: 6px; color: #9ca3af; text-align: center; padding: 8px; font-size: 12px; }
.xfd-field { position: relative; border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 10px; background: #fff; cursor: pointer; min-width: 0; }
.xfd-field:hover { border-color: #91caff; }
.xfd-field.xfd-selected { border-color: #1677ff; box-shadow: 0 0 0 2px rgba(22,119,255,.15); }
.xfd-field.xfd-has-issue { border-color: #ff4d4f; }
.xfd-drop-before::before, .xfd-drop-after::after { content: ''; position: absolute; background: #1677ff; border-radius: 2px; z-index: 2; }
.xfd-field.xfd-drop-before::before { left: -7px; top: 0; bottom: 0; width: 4px; }
.xfd-field.xfd-drop-after::after { right: -7px; top: 0; bottom: 0; width: 4px; }
.xfd-field.xfd-full.xfd-drop-before::before { left: 0; right: 0; top: -7px; bottom: auto; width: auto; height: 4px; }
.xfd-field.xfd-full.xfd-drop-after::after { left: 0; right: 0; bottom: -7px; top: auto; width: auto; height: 4px; }
.xfd-field-head { display: flex; align-items: center; gap: 6px; min-width: 0; }
.xfd-field-label { flex: 1; min-width: 0; display: flex; }
.xfd-label-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.xfd-required { color: #ff4d4f; margin-right: 2px; }
.xfd-field-badges { color: #8c8c8c; display: flex; gap: 4px; }
.xfd-field-actions { display: flex; }
.xfd-field-mock { margin-top: 6px; border: 1px solid #f0f0f0; background: #fafafa; border-radius: 4px; padding: 3px 8px; color: #9ca3af; font-size: 12px; overflow: hidden; white-space: nowrap; }
.xfd-mock-icon { margin-right: 6px; }
.xfd-field-help { margin-top: 4px; color: #8c8c8c; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.xfd-subtable { margin-top: 6px; display: flex; gap: 8px; flex-wrap: wrap; padding: 6px; border: 1px dashed #d1d5db; border-radius: 4px; background: #fafafa; }
.xfd-column { position: relative; padding: 3px 8px; border: 1px solid #e5e7eb; border-radius: 4px; background: #fff; font-size: 12px; cursor: grab; max-width: 180px; display: flex; gap: 4px; align-items: center; }
.xfd-column.xfd-selected { border-color: #1677ff; }
.xfd-column.xfd-drop-before::before { left: -6px; top: 0; bottom: 0; width: 3px; }
.xfd-column.xfd-drop-after::after { right: -6px; top: 0; bottom: 0; width: 3px; }
.xfd-column-end { border: 1px dashed #d1d5db; border-radius: 4px; color: #9ca3af; padding: 3px 8px; font-size: 12px; }
.xfd-issue-dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: #ff4d4f; }
.xfd-side { width: 360px; flex: none; overflow-y: auto; background: #fff; border-left: 1px solid #e5e7eb; padding: 10px 14px 40px; }
.xfd-settings-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 8px; }
.xfd-settings-type { font-weight: 600; }
.xfd-condition-row { display: flex; flex-direction: column; gap: 4px; margin-bottom: 8px; padding: 6px; background: #fafafa; border-radius: 4px; }
.xfd-formula-row { display: flex; gap: 4px; margin-bottom: 6px; align-items: center; }
.xfd-rule { border: 1px solid #f0f0f0; border-radius: 6px; padding: 8px; margin-bottom: 10px; }
.xfd-rule-head { display: flex; align-items: center; gap: 8px; justify-content: space-between; margin-bottom: 4px; }
.xfd-rule-toggle { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; }
.xfd-option-head { display: grid; grid-template-columns: 30% 1fr; font-size: 12px; }
.xfd-issue-list { margin: 0; padding-left: 16px; }
.xfd-json { background: #0f172a; color: #e2e8f0; padding: 12px; border-radius: 6px; font-size: 12px; overflow: auto; white-space: pre; }
.xfd-json-view, .xfd-preview { flex: 1; overflow: auto; padding: 16px 20px; }
.xfd-preview { background: #fff; }
`;
