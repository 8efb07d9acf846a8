import { Input } from '@formily/antd-v5';
import type { FieldRenderer } from '../../fieldRenderer.js';

export const textareaRenderer = {
  componentName: 'XlglTextarea',
  component: Input.TextArea,
  standIn: (props) => ({ kind: 'textarea', rows: props.rows as number | undefined, maxLength: props.maxLength as number | undefined, placeholder: props.placeholder as string | undefined, showCount: Boolean(props.showCount) }),
  valueType: 'string',
  props: (field) => ({ maxLength: field.settings.maxLength, rows: field.settings.rows, showCount: true, placeholder: field.settings.placeholder }),
} satisfies FieldRenderer;
