import { supervisionStageLabels } from '@xlgl/schema';
import type { SettingsFieldSpec } from './definition.js';

/** Panel rows of the settings every human step shares (`humanStepSettings` in the schema). */
export const humanStepPanel: SettingsFieldSpec[] = [
  { key: 'stage', label: '监察环节', enumLabels: supervisionStageLabels, help: '电子监察上报时使用的办理环节' },
  { key: 'assignee', label: '办理人', widget: 'assignee' },
  { key: 'timeLimitDays', label: '办理时限', unit: '个工作日' },
  { key: 'actions', label: '可用操作', widget: 'actions' },
  { key: 'returnTargets', label: '可退回至', widget: 'return-targets' },
  { key: 'fieldPermissions', label: '表单字段权限', widget: 'field-permissions' },
];
