import { specialProcedureLabels } from '@xlgl/schema';
import type { NodeDesign } from '../definition.js';
import { daysText, summaryOf } from '../summaries.js';

/** 特别程序: hearing, testing, expert review …; the clock stops. */
export const specialProcedureDesign: NodeDesign<'special-procedure'> = {
  type: 'special-procedure',
  group: '上报与暂停',
  description: '听证、检验检测、专家评审等特别程序，期间暂停计时',
  presets: [{ key: 'special-procedure', label: '特别程序' }],
  panel: [
    { key: 'procedure', label: '程序类型', enumLabels: specialProcedureLabels },
    { key: 'assignee', label: '办理人', widget: 'assignee' },
    { key: 'maxDays', label: '最长期限', unit: '个工作日', help: '不计入办件时限' },
    { key: 'fieldPermissions', label: '表单字段权限', widget: 'field-permissions' },
  ],
  summary: (settings) => summaryOf(specialProcedureLabels[settings.procedure], daysText(settings.maxDays)),
};
