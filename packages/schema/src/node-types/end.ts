import { z } from 'zod';

export const endOutcomes = ['approved', 'rejected', 'withdrawn'] as const;
export type EndOutcome = (typeof endOutcomes)[number];
export const endOutcomeLabels: Record<EndOutcome, string> = { approved: '办结（准予）', rejected: '办结（不予）', withdrawn: '撤回' };

/** 结束: the case is concluded with an outcome. */
export const endNodeType = {
  type: 'end',
  label: '结束',
  settings: z.object({ outcome: z.enum(endOutcomes, { message: '结束类型应为准予、不予或撤回' }).default('approved') }),
} as const;
