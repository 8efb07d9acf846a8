import { DatePicker } from '@formily/antd-v5';
import type { FieldRenderer } from '../../fieldRenderer.js';

export const dateRenderer = {
  componentName: 'XlglDate',
  component: DatePicker,
  valueType: 'string',
  props: () => ({ format: 'YYYY-MM-DD', style: { width: '100%' } }),
} satisfies FieldRenderer;
