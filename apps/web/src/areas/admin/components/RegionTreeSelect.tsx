import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { RegionNode } from '@xlgl/api';
import { useRegionTree } from '../adminData.js';

type TreeOption = { value: string; title: string; children: TreeOption[] };

function toOptions(nodes: RegionNode[]): TreeOption[] {
  return nodes.map((node) => ({ value: node.code, title: `${node.name}（${node.code}）`, children: toOptions(node.children) }));
}

/** Picks a region by code from the region tree. */
export function RegionTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const { data, isPending } = useRegionTree();
  const treeData = useMemo(() => toOptions(data ?? []), [data]);
  return (
    <TreeSelect<string>
      showSearch
      treeNodeFilterProp="title"
      allowClear
      loading={isPending}
      placeholder="请选择行政区划"
      treeDefaultExpandedKeys={data?.map((node) => node.code)}
      popupMatchSelectWidth={false}
      {...props}
      treeData={treeData}
    />
  );
}
