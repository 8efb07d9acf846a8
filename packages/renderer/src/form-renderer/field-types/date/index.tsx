import { DatePicker } from '@formily/antd-v5';
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldRenderer } from '../../fieldRenderer.js';

/** The settings' limit as a day (`today` = the current day), or undefined. */
function limitDay(limit: unknown): Dayjs | undefined {
  if (limit === 'today') return dayjs().startOf('day');
  return typeof limit === 'string' ? dayjs(limit) : undefined;
}

export const dateRenderer = {
  componentName: 'XlglDate',
  component: DatePicker,
  standIn: () => ({ kind: 'picker' }),
  valueType: 'string',
  props: (field) => {
    const { min, max } = field.settings;
    // days outside the limits cannot be picked (the value schema refuses typed ones too)
    const disabledDate =
      min || max
        ? (day: Dayjs) => {
            const from = limitDay(min);
            const to = limitDay(max);
            return Boolean((from && day.isBefore(from, 'day')) || (to && day.isAfter(to, 'day')));
          }
        : undefined;
    return { format: 'YYYY-MM-DD', style: { width: '100%' }, disabledDate };
  },
} satisfies FieldRenderer;
