import { z } from 'zod';
import { documentId } from '../ids.js';
import { gateSettings } from './common.js';

/** 收费关口: the case cannot pass until the fee is recorded as paid. */
export const feeGateNodeType = {
  type: 'fee-gate',
  label: '收费',
  settings: gateSettings.extend({ feeIds: z.array(documentId).default([]) }),
} as const;
