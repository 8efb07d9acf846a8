import type { NodeDesign } from '../definition.js';

/** 结果下发: the higher-level result comes back to the accepting window. */
export const handBackDesign: NodeDesign<'hand-back'> = {
  type: 'hand-back',
  group: '上报与暂停',
  description: '上级中心的办理结果下发回受理窗口',
  presets: [{ key: 'hand-back', label: '结果下发' }],
  panel: [{ key: 'notifyRoleIds', label: '通知角色', widget: 'roles' }],
};
