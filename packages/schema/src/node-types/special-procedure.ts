import { z } from 'zod';
import { workingDays } from '../common.js';
import { assigneeRule, fieldPermissions } from './common.js';

export const specialProcedureKinds = ['hearing', 'testing', 'inspection', 'quarantine', 'expert-review', 'other'] as const;
export type SpecialProcedureKind = (typeof specialProcedureKinds)[number];
export const specialProcedureLabels: Record<SpecialProcedureKind, string> = {
  hearing: '听证',
  testing: '检验检测',
  inspection: '现场勘验',
  quarantine: '检疫',
  'expert-review': '专家评审',
  other: '其他特别程序',
};

/** 特别程序: hearing, testing, expert review …; its time does not count against the case. */
export const specialProcedureNodeType = {
  type: 'special-procedure',
  label: '特别程序',
  settings: z.object({
    procedure: z.enum(specialProcedureKinds).default('other'),
    assignee: assigneeRule.optional(),
    maxDays: workingDays.optional(),
    fieldPermissions,
  }),
} as const;
