import { humanStepSettings } from './common.js';

/** 环节: a human step (受理, 审查, 审核, 批准, 制证, 送达 … named freely). */
export const taskNodeType = {
  type: 'task',
  label: '办理环节',
  settings: humanStepSettings,
} as const;
