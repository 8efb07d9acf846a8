import { z } from 'zod';
import { documentId } from '../ids.js';
import { assigneeRule, humanStepSettings } from './common.js';

export const countersignRules = ['all', 'any', 'ratio'] as const;
export type CountersignRule = (typeof countersignRules)[number];
export const countersignRuleLabels: Record<CountersignRule, string> = { all: '全部同意', any: '任一同意', ratio: '按比例同意' };

/** 会签: every signer gets a task; the step completes by the completion rule. */
export const countersignNodeType = {
  type: 'countersign',
  label: '会签',
  settings: humanStepSettings.omit({ assignee: true }).extend({
    signers: z.array(z.object({ key: documentId, label: z.string().max(50).optional(), assignee: assigneeRule })).default([]),
    completion: z
      .object({
        rule: z.enum(countersignRules, { message: '会签规则应为全部同意、任一同意或按比例' }).default('all'),
        /** For `ratio`: the share of signers that must approve (0 < ratio ≤ 1). */
        ratio: z.number().optional(),
      })
      .default({ rule: 'all' }),
  }),
} as const;
