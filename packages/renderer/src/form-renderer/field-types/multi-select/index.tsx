import { Checkbox as AntdCheckbox } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { PreviewText, Select } from '@formily/antd-v5';
import { connect, mapProps, mapReadPretty } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { choiceEnum } from '../shared/choiceOptions.js';

type ChoiceProps = { display?: 'select' | 'checkbox'; maxCount?: number; placeholder?: string } & Record<string, unknown>;

/**
 * 复选框 with 最多选择几项: once as many boxes as allowed are ticked, the others are disabled until one
 * is cleared (the drop-down does the same through antd's `maxCount`).
 */
function CheckboxGroupWithLimit(props: CheckboxGroupProps & { maxCount?: number }) {
  const { maxCount, options, ...rest } = props;
  const chosen = new Set<unknown>(props.value ?? []);
  const full = maxCount !== undefined && chosen.size >= maxCount;
  const limited = (options ?? []).map((option) =>
    typeof option === 'object' ? { ...option, disabled: Boolean(option.disabled) || (full && !chosen.has(option.value)) } : { label: option, value: option, disabled: full && !chosen.has(option) },
  );
  return <AntdCheckbox.Group {...rest} options={limited} />;
}

/** The field's options as the group's; read-only forms show the chosen ones as tags. */
const LimitedCheckboxGroup = connect(CheckboxGroupWithLimit, mapProps({ dataSource: 'options' }), mapReadPretty(PreviewText.Select, { mode: 'tags' }));

function MultiChoiceBase(props: ChoiceProps) {
  const { display, maxCount, placeholder, ...rest } = props;
  return display === 'select' ? (
    <Select mode="multiple" allowClear maxCount={maxCount} placeholder={placeholder} {...rest} />
  ) : (
    <LimitedCheckboxGroup maxCount={maxCount} {...rest} />
  );
}

export const multiSelectRenderer = {
  componentName: 'XlglMultiSelect',
  component: connect(MultiChoiceBase),
  valueType: 'array',
  props: (field) => ({ display: field.settings.display, maxCount: field.settings.maxItems, placeholder: '请选择' }),
  schema: (field, context) => ({ enum: choiceEnum(field, context) }),
} satisfies FieldRenderer;
