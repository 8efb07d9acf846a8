import { Input, Space } from 'antd';
import { connect, mapReadPretty } from '@formily/react';
import type { Address } from '@xlgl/schema';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { RegionCascaderBase, RegionName } from '../region/RegionCascader.js';

type Props = { value?: Address; onChange?: (value: Address | undefined) => void; disabled?: boolean; withRegion?: boolean; rootCode?: string };

function AddressInputBase(props: Props) {
  const value = props.value ?? { detail: '' };
  const change = (next: Address) => props.onChange?.(!next.regionCode && !next.detail ? undefined : next);
  return (
    <Space.Compact style={{ width: '100%' }} direction="vertical">
      {props.withRegion !== false && (
        <RegionCascaderBase
          value={value.regionCode}
          rootCode={props.rootCode}
          maxLevel="village"
          disabled={props.disabled}
          onChange={(regionCode) => change({ ...value, regionCode })}
        />
      )}
      <Input
        value={value.detail}
        maxLength={200}
        placeholder="街道、门牌号等详细地址"
        disabled={props.disabled}
        onChange={(event) => change({ ...value, detail: event.target.value })}
      />
    </Space.Compact>
  );
}

function AddressText(props: Props) {
  if (!props.value) return <span>—</span>;
  return (
    <span>
      {props.value.regionCode ? <RegionName value={props.value.regionCode} rootCode={props.rootCode} /> : null} {props.value.detail}
    </span>
  );
}

export const AddressInput = connect(AddressInputBase, mapReadPretty(AddressText));

export const addressRenderer = {
  componentName: 'XlglAddress',
  component: AddressInput,
  valueType: 'object',
  props: (field) => ({ withRegion: field.settings.withRegion, rootCode: field.settings.rootCode }),
} satisfies FieldRenderer;
