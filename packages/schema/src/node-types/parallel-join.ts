import { z } from 'zod';

/** 并联汇合: waits until every branch of its split has arrived, then continues exactly once. */
export const parallelJoinNodeType = {
  type: 'parallel-join',
  label: '并联汇合',
  settings: z.object({}),
} as const;
