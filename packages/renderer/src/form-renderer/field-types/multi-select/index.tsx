import { Checkbox, Select } from '@formily/antd-v5';
import { connect } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { choiceEnum } from '../shared/choiceOptions.js';

function MultiChoiceBase(props: { display?: 'select' | 'checkbox' } & Record<string, unknown>) {
  const { display, ...rest } = props;
  return display === 'select' ? <Select mode="multiple" allowClear {...rest} /> : <Checkbox.Group {...rest} />;
}

export const multiSelectRenderer = {
  componentName: 'XlglMultiSelect',
  component: connect(MultiChoiceBase),
  valueType: 'array',
  props: (field) => ({ display: field.settings.display, maxCount: field.settings.maxItems, placeholder: '请选择' }),
  schema: (field, context) => ({ enum: choiceEnum(field, context) }),
} satisfies FieldRenderer;
