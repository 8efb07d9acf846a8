import { Input, type InputProps } from 'antd';

/** A text input (or `type="date"`) for an optional string: anything but a string shows empty, and clearing it gives `undefined`. */
export function OptionalTextInput({
  value,
  onChange,
  ...props
}: Omit<InputProps, 'value' | 'onChange'> & { value: unknown; onChange: (value: string | undefined) => void }) {
  return <Input {...props} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || undefined)} />;
}
