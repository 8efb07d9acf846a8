import { Input } from '@formily/antd-v5';
import type { FieldRenderer } from '../../fieldRenderer.js';

export const emailRenderer = {
  componentName: 'XlglEmail',
  component: Input,
  valueType: 'string',
  props: () => ({ maxLength: 254, inputMode: 'email', placeholder: 'name@example.cn', allowClear: true }),
} satisfies FieldRenderer;
