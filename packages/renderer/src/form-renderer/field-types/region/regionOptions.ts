import { regionPrefix } from '@xlgl/schema';
import type { RegionNode } from '../../RendererContext.js';

export type CascaderOption = { value: string; label: string; children?: CascaderOption[] };

const maxDigits = { county: 6, township: 9, village: 12 } as const;

function find(nodes: RegionNode[], code: string): RegionNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const inner = node.children ? find(node.children, code) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

function toOptions(nodes: RegionNode[], depth: number): CascaderOption[] {
  return nodes
    .filter((node) => node.code.length <= depth)
    .map((node) => {
      const children = node.children ? toOptions(node.children, depth) : [];
      return { value: node.code, label: node.name, ...(children.length ? { children } : {}) };
    });
}

/** Cascader options below `rootCode` (its children), down to `maxLevel`. */
export function regionOptions(tree: RegionNode[], rootCode: string, maxLevel: keyof typeof maxDigits): CascaderOption[] {
  const root = find(tree, rootCode);
  const prefix = regionPrefix(rootCode);
  const start = root?.children ?? tree.filter((node) => node.code.startsWith(prefix));
  return toOptions(start, maxDigits[maxLevel]);
}

/** The path of option values from the top to `code`, or `[]`. */
export function regionPath(options: CascaderOption[], code: string): CascaderOption[] {
  for (const option of options) {
    if (option.value === code) return [option];
    const inner = option.children ? regionPath(option.children, code) : [];
    if (inner.length) return [option, ...inner];
  }
  return [];
}
