import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { connect, mapReadPretty } from '@formily/react';
import type { DateRange } from '@xlgl/schema';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { PlainText } from '../shared/PlainText.js';

type Props = { value?: DateRange; onChange?: (value: DateRange | undefined) => void; disabled?: boolean };

function DateRangeInputBase(props: Props) {
  return (
    <DatePicker.RangePicker
      style={{ width: '100%' }}
      disabled={props.disabled}
      value={props.value ? [props.value.start ? dayjs(props.value.start) : null, props.value.end ? dayjs(props.value.end) : null] : null}
      onChange={(range) =>
        props.onChange?.(range && range[0] && range[1] ? { start: range[0].format('YYYY-MM-DD'), end: range[1].format('YYYY-MM-DD') } : undefined)
      }
    />
  );
}

export const DateRangeInput = connect(DateRangeInputBase, mapReadPretty(PlainText, { format: (range: DateRange) => `${range.start} 至 ${range.end}` }));

export const dateRangeRenderer = {
  componentName: 'XlglDateRange',
  component: DateRangeInput,
  valueType: 'object',
} satisfies FieldRenderer;
