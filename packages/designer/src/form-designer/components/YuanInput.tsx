import { InputNumber, type InputNumberProps } from 'antd';

/** A money amount kept in 分 (an integer) and edited in 元 with two decimals; clearing it gives `undefined`. */
export function YuanInput({
  value,
  onChange,
  ...props
}: Omit<InputNumberProps<number>, 'value' | 'onChange'> & { value: unknown; onChange: (fen: number | undefined) => void }) {
  return (
    <InputNumber<number>
      style={{ width: '100%' }}
      precision={2}
      suffix="元"
      {...props}
      value={typeof value === 'number' ? value / 100 : null}
      onChange={(yuan) => onChange(typeof yuan === 'number' ? Math.round(yuan * 100) : undefined)}
    />
  );
}
