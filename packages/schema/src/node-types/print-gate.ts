import { documentId } from '../ids.js';
import { gateSettings } from './common.js';

/** 制证关口: the case cannot pass until the certificate is recorded as printed. */
export const printGateNodeType = {
  type: 'print-gate',
  label: '证照打印',
  settings: gateSettings.extend({ certificateTemplateId: documentId.optional() }),
} as const;
