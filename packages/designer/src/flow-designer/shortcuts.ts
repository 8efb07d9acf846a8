/** Keyboard shortcuts of the flow designer, shown in the help popover. */
export const flowDesignerShortcuts: Array<{ keys: string; action: string }> = [
  { keys: 'Delete / Backspace', action: '删除所选节点和连线（较多时需确认）' },
  { keys: 'Ctrl + C', action: '复制所选节点' },
  { keys: 'Ctrl + V', action: '粘贴' },
  { keys: 'Ctrl + X', action: '剪切' },
  { keys: 'Ctrl + D', action: '复制并粘贴所选节点' },
  { keys: 'Ctrl + Z', action: '撤销' },
  { keys: 'Ctrl + Shift + Z / Ctrl + Y', action: '重做' },
  { keys: 'Ctrl + A', action: '全选' },
  { keys: 'Shift + 点击', action: '多选' },
  { keys: 'Shift + 拖动', action: '框选' },
  { keys: 'Ctrl + Shift + L', action: '自动布局' },
  { keys: 'Shift + 1', action: '适应画布' },
  { keys: 'Esc', action: '取消选择' },
  { keys: '拖动节点边缘的圆点', action: '连线' },
];

/** Whether a key event comes from a text input (where shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable;
}

/** Number of elements above which deletion asks for confirmation. */
export const confirmDeleteAbove = 3;
