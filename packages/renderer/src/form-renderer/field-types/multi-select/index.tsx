import { Checkbox as AntdCheckbox, Typography } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import { PreviewText, Select } from '@formily/antd-v5';
import { connect, mapProps, mapReadPretty } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { choiceEnum } from '../shared/choiceOptions.js';

/** The field's settings as the widget takes them: how it shows, 最多选择几项, and the drop-down's hint text. */
type ChoiceProps = { display?: 'select' | 'checkbox'; maxCount?: number; hint?: string } & Record<string, unknown>;

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
  const group = <AntdCheckbox.Group {...rest} options={limited} />;
  if (maxCount === undefined) return group;
  // Say why the other boxes are greyed out.
  return (
    <>
      {group}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        最多选择{maxCount}项（已选{chosen.size}项）
      </Typography.Text>
    </>
  );
}

/** The field's options as the group's; read-only forms show the chosen ones as tags. */
const LimitedCheckboxGroup = connect(CheckboxGroupWithLimit, mapProps({ dataSource: 'options' }), mapReadPretty(PreviewText.Select, { mode: 'tags' }));

function MultiChoiceBase(props: ChoiceProps) {
  const { display, maxCount, hint, ...rest } = props;
  return display === 'select' ? (
    <Select mode="multiple" allowClear maxCount={maxCount} placeholder={hint} {...rest} />
  ) : (
    <LimitedCheckboxGroup maxCount={maxCount} {...rest} />
  );
}

export const multiSelectRenderer = {
  componentName: 'XlglMultiSelect',
  component: connect(MultiChoiceBase),
  valueType: 'array',
  props: (field) => ({ display: field.settings.display, maxCount: field.settings.maxItems, hint: '请选择' }),
  schema: (field, context) => ({ enum: choiceEnum(field, context) }),
} satisfies FieldRenderer;
