import { Radio, Select } from '@formily/antd-v5';
import { connect } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { choiceEnum } from '../shared/choiceOptions.js';

/** Drop-down or radio buttons, per `settings.display`. */
function ChoiceBase(props: { display?: 'select' | 'radio' } & Record<string, unknown>) {
  const { display, ...rest } = props;
  return display === 'radio' ? <Radio.Group {...rest} /> : <Select allowClear {...rest} />;
}

export const selectRenderer = {
  componentName: 'XlglSelect',
  component: connect(ChoiceBase),
  standIn: (props) => (props.display === 'radio' ? undefined : { kind: 'select', placeholder: props.placeholder as string | undefined }),
  valueType: 'string',
  props: (field) => ({ display: field.settings.display, placeholder: '请选择' }),
  schema: (field, context) => ({ enum: choiceEnum(field, context) }),
} satisfies FieldRenderer;
