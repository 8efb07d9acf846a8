import { z } from 'zod';

/** 条件分支 (exclusive): the outgoing edges carry the conditions; exactly one is the default. */
export const conditionNodeType = {
  type: 'condition',
  label: '条件分支',
  settings: z.object({}),
} as const;
