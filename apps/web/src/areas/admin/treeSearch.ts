import type { ReactNode } from 'react';

/** Keeps the nodes whose label contains `text`, with their ancestors; all nodes when `text` is blank. */
export function filterTree<T extends { children: T[] }>(nodes: T[], text: string, labelOf: (node: T) => string): T[] {
  const needle = text.trim();
  if (!needle) return nodes;
  const result: T[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children, needle, labelOf);
    if (children.length > 0 || labelOf(node).includes(needle)) result.push({ ...node, children });
  }
  return result;
}

/** Keys of every node that has children (to expand a filtered tree fully). */
export function parentKeys<T extends { children: T[] }>(nodes: T[], keyOf: (node: T) => string): string[] {
  return nodes.flatMap((node) => (node.children.length > 0 ? [keyOf(node), ...parentKeys(node.children, keyOf)] : []));
}

/** A node as antd's Tree takes it. */
export type TreeItem = { key: string; title: ReactNode; icon?: ReactNode; children: TreeItem[] };
