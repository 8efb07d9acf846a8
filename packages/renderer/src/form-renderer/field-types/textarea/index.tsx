import { Input } from '@formily/antd-v5';
import type { FieldRenderer } from '../../fieldRenderer.js';

export const textareaRenderer = {
  componentName: 'XlglTextarea',
  component: Input.TextArea,
  valueType: 'string',
  props: (field) => ({ maxLength: field.settings.maxLength, rows: field.settings.rows, showCount: true, placeholder: field.settings.placeholder }),
} satisfies FieldRenderer;
