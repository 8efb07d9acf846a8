import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { connect, mapReadPretty } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { PlainText } from '../shared/PlainText.js';

type Props = { value?: string; onChange?: (value: string | undefined) => void; disabled?: boolean; precision?: 'minute' | 'second' };

/** An instant as ISO 8601 with offset (`2026-03-02T09:30:00+08:00`). */
function DateTimeInputBase(props: Props) {
  const format = props.precision === 'second' ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm';
  return (
    <DatePicker
      showTime
      format={format}
      style={{ width: '100%' }}
      disabled={props.disabled}
      value={props.value ? dayjs(props.value) : null}
      onChange={(value) => props.onChange?.(value ? value.format('YYYY-MM-DDTHH:mm:ssZ') : undefined)}
    />
  );
}

export const DateTimeInput = connect(DateTimeInputBase, mapReadPretty(PlainText, { format: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm') }));

export const datetimeRenderer = {
  componentName: 'XlglDateTime',
  component: DateTimeInput,
  standIn: () => ({ kind: 'picker' }),
  valueType: 'string',
  props: (field) => ({ precision: field.settings.precision === 'second' ? 'second' : 'minute' }),
} satisfies FieldRenderer;
