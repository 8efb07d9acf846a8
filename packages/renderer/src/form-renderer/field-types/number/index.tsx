import { NumberPicker } from '@formily/antd-v5';
import type { FieldRenderer } from '../../fieldRenderer.js';

export const numberRenderer = {
  componentName: 'XlglNumber',
  component: NumberPicker,
  standIn: (props) => ({ kind: 'number', addonAfter: props.addonAfter as string | undefined }),
  valueType: 'number',
  props: (field) => ({
    precision: field.settings.decimals,
    min: field.settings.min,
    max: field.settings.max,
    addonAfter: field.settings.unit,
    style: { width: '100%' },
  }),
} satisfies FieldRenderer;
