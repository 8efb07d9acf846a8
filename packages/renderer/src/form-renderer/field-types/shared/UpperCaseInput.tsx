import { Input } from 'antd';
import { connect, mapReadPretty } from '@formily/react';
import { PlainText } from './PlainText.js';

type Props = { value?: string; onChange?: (value: string | undefined) => void; disabled?: boolean; readOnly?: boolean; maxLength?: number; placeholder?: string };

function UpperCaseInputBase(props: Props) {
  return (
    <Input
      value={props.value ?? ''}
      disabled={props.disabled}
      readOnly={props.readOnly}
      maxLength={props.maxLength}
      placeholder={props.placeholder}
      allowClear
      onChange={(event) => props.onChange?.(event.target.value ? event.target.value.trim().toUpperCase() : undefined)}
    />
  );
}

/** Text input that upper-cases (ID numbers, credit codes). */
export const UpperCaseInput = connect(UpperCaseInputBase, mapReadPretty(PlainText));
