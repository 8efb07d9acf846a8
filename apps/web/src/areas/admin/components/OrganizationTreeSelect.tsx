import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { OrganizationNode } from '@xlgl/api';
import { organizationTypeLabels, type OrganizationType } from '@xlgl/schema';
import { useOrganizationTree } from '../adminData.js';

type TreeOption = { value: string; title: string; disabled?: boolean; children: TreeOption[] };

function toOptions(nodes: OrganizationNode[], options: { exclude?: string; types?: OrganizationType[] }): TreeOption[] {
  return nodes
    .filter((node) => node.id !== options.exclude)
    .map((node) => ({
      value: node.id,
      title: node.name,
      disabled: options.types ? !options.types.includes(node.type) : false,
      children: toOptions(node.children, options),
    }));
}

/**
 * Picks an organisation from the organisation tree. `exclude` hides one organisation and its
 * subtree (a parent cannot be its own descendant); `types` limits which can be chosen.
 */
export function OrganizationTreeSelect({
  exclude,
  types,
  ...props
}: Omit<TreeSelectProps<string>, 'treeData'> & { exclude?: string; types?: OrganizationType[] }) {
  const { data, isPending } = useOrganizationTree();
  const treeData = useMemo(() => toOptions(data ?? [], { exclude, types }), [data, exclude, types]);
  return (
    <TreeSelect<string>
      showSearch
      treeNodeFilterProp="title"
      allowClear
      loading={isPending}
      placeholder={types?.length === 1 ? `请选择${organizationTypeLabels[types[0]]}` : '请选择组织机构'}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      {...props}
      treeData={treeData}
    />
  );
}
