import { z } from 'zod';

/** 条件汇合 (exclusive join): continues once for each arriving path. */
export const mergeNodeType = {
  type: 'merge',
  label: '条件汇合',
  settings: z.object({}),
} as const;
