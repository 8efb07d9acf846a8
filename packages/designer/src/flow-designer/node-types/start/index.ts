import type { NodeDesign } from '../definition.js';

/** 开始: where the application is registered. */
export const startDesign: NodeDesign<'start'> = {
  type: 'start',
  group: '事件',
  description: '申请登记，流程由此开始；每个流程恰有一个开始节点',
  presets: [{ key: 'start', label: '开始' }],
  panel: [{ key: 'fieldPermissions', label: '登记时字段权限', widget: 'field-permissions' }],
};
