import { Cascader } from 'antd';
import { connect, mapReadPretty } from '@formily/react';
import { useRendererServices } from '../../RendererContext.js';
import { regionOptions, regionPath } from './regionOptions.js';

type Props = {
  value?: string;
  onChange?: (code: string | undefined) => void;
  disabled?: boolean;
  rootCode?: string;
  maxLevel?: 'county' | 'township' | 'village';
};

/** Picks a region code from the region tree given to the renderer; any level can be chosen. */
export function RegionCascaderBase(props: Props) {
  const { regionTree = [] } = useRendererServices();
  const options = regionOptions(regionTree, props.rootCode ?? '152500', props.maxLevel ?? 'township');
  const path = props.value ? regionPath(options, props.value).map((option) => option.value) : [];
  return (
    <Cascader
      style={{ width: '100%' }}
      options={options}
      changeOnSelect
      showSearch
      placeholder="请选择行政区划"
      disabled={props.disabled}
      value={path.length ? path : props.value ? [props.value] : undefined}
      onChange={(values) => props.onChange?.(values && values.length ? String(values[values.length - 1]) : undefined)}
    />
  );
}

/** The region's names from the top, e.g. `锡林浩特市 / 宝力根苏木`. */
export function RegionName(props: Pick<Props, 'value' | 'rootCode' | 'maxLevel'>) {
  const { regionTree = [] } = useRendererServices();
  if (!props.value) return <span>—</span>;
  const path = regionPath(regionOptions(regionTree, props.rootCode ?? '152500', props.maxLevel ?? 'village'), props.value);
  return <span>{path.length ? path.map((option) => option.label).join(' / ') : props.value}</span>;
}

export const RegionCascader = connect(RegionCascaderBase, mapReadPretty(RegionName));
