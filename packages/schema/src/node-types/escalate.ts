import { z } from 'zod';
import { documentId } from '../ids.js';

/**
 * 上报: the case goes to the higher-level centre. Steps after it (until a hand-back) are handled
 * there (assignee scope `higher-centre`). Without a target, the accepting centre's parent centre.
 */
export const escalateNodeType = {
  type: 'escalate',
  label: '上报',
  settings: z.object({ targetOrganizationId: documentId.optional() }),
} as const;
