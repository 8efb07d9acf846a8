import { z } from 'zod';
import { fieldPermissions } from './common.js';

/** 开始: the application is registered. `fieldPermissions` marks what the applicant/registration fills. */
export const startNodeType = {
  type: 'start',
  label: '开始',
  settings: z.object({ fieldPermissions }),
} as const;
