import { z } from 'zod';
import { documentId } from '../ids.js';

/** 并联分支: every outgoing edge starts a branch handled by one department; one department leads. */
export const parallelSplitNodeType = {
  type: 'parallel-split',
  label: '并联开始',
  settings: z.object({
    branches: z.array(z.object({ edgeId: documentId, departmentId: documentId })).default([]),
    leadDepartmentId: documentId.optional(),
  }),
} as const;
