import { Input } from '@formily/antd-v5';
import type { FieldRenderer } from '../../fieldRenderer.js';

export const mobileRenderer = {
  componentName: 'XlglMobile',
  component: Input,
  valueType: 'string',
  props: () => ({ maxLength: 11, inputMode: 'numeric', placeholder: '11位手机号码', allowClear: true }),
} satisfies FieldRenderer;
