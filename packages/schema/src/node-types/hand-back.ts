import { z } from 'zod';
import { documentId } from '../ids.js';

/** 下发: the higher-level result comes back to the accepting centre's window. */
export const handBackNodeType = {
  type: 'hand-back',
  label: '结果下发',
  settings: z.object({ notifyRoleIds: z.array(documentId).default(['role-window']) }),
} as const;
