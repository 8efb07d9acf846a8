import { InputNumber } from 'antd';
import { connect, mapReadPretty } from '@formily/react';
import { formatFen } from '@xlgl/schema';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { PlainText } from '../shared/PlainText.js';

type Props = { value?: number; onChange?: (fen: number | undefined) => void; disabled?: boolean; minFen?: number; maxFen?: number };

/** Entered in yuan with two decimals, stored in integer fen. */
function MoneyInputBase(props: Props) {
  return (
    <InputNumber<number>
      style={{ width: '100%' }}
      value={props.value === undefined || props.value === null ? null : props.value / 100}
      precision={2}
      min={props.minFen === undefined ? undefined : props.minFen / 100}
      max={props.maxFen === undefined ? undefined : props.maxFen / 100}
      addonAfter="元"
      disabled={props.disabled}
      onChange={(yuan) => props.onChange?.(yuan === null || yuan === undefined ? undefined : Math.round(yuan * 100))}
    />
  );
}

export const MoneyInput = connect(MoneyInputBase, mapReadPretty(PlainText, { format: (fen: number) => `${formatFen(fen)} 元` }));

export const moneyRenderer = {
  componentName: 'XlglMoney',
  component: MoneyInput,
  standIn: () => ({ kind: 'number', addonAfter: '元' }),
  valueType: 'number',
  props: (field) => ({ minFen: field.settings.minFen, maxFen: field.settings.maxFen }),
} satisfies FieldRenderer;
