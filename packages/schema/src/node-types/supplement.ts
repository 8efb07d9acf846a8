import { z } from 'zod';
import { workingDays } from '../common.js';
import { assigneeRule, fieldPermissions } from './common.js';

/** 补正: the applicant supplements materials; the case clock stops until they are received. */
export const supplementNodeType = {
  type: 'supplement',
  label: '补正',
  settings: z.object({
    assignee: assigneeRule.optional(),
    /** Days the applicant is given (not counted against the case). */
    applicantDays: workingDays.default(5),
    fieldPermissions,
  }),
} as const;
