import { Input } from '@formily/antd-v5';
import type { FieldRenderer } from '../../fieldRenderer.js';

export const textRenderer = {
  componentName: 'XlglText',
  component: Input,
  valueType: 'string',
  props: (field) => ({ maxLength: field.settings.maxLength, placeholder: field.settings.placeholder, allowClear: true }),
} satisfies FieldRenderer;
