import { Switch } from 'antd';
import { connect, mapReadPretty } from '@formily/react';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { PlainText } from '../shared/PlainText.js';

type Props = { value?: boolean; onChange?: (value: boolean) => void; disabled?: boolean; trueLabel?: string; falseLabel?: string };

function YesNoSwitchBase(props: Props) {
  return (
    <Switch
      checked={Boolean(props.value)}
      disabled={props.disabled}
      checkedChildren={props.trueLabel}
      unCheckedChildren={props.falseLabel}
      onChange={(checked) => props.onChange?.(checked)}
    />
  );
}

function YesNoText(props: Props) {
  return <PlainText value={props.value} format={(value: boolean) => (value ? (props.trueLabel ?? '是') : (props.falseLabel ?? '否'))} />;
}

export const YesNoSwitch = connect(YesNoSwitchBase, mapReadPretty(YesNoText));

export const switchRenderer = {
  componentName: 'XlglSwitch',
  component: YesNoSwitch,
  standIn: (props) => ({ kind: 'switch', checkedLabel: props.trueLabel as string | undefined, uncheckedLabel: props.falseLabel as string | undefined }),
  valueType: 'boolean',
  props: (field) => ({ trueLabel: field.settings.trueLabel, falseLabel: field.settings.falseLabel }),
} satisfies FieldRenderer;
