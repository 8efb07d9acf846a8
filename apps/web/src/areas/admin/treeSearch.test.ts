import { describe, expect, it } from 'vitest';
import { filterTree, parentKeys } from './treeSearch.js';

type Node = { name: string; children: Node[] };
const tree: Node[] = [
  {
    name: '锡林郭勒盟',
    children: [
      { name: '锡林浩特市', children: [{ name: '宝力根苏木', children: [] }] },
      { name: '二连浩特市', children: [] },
      { name: '多伦县', children: [] },
    ],
  },
];

describe('filterTree', () => {
  it('keeps matches with their ancestors and drops the rest', () => {
    expect(filterTree(tree, '浩特', (node) => node.name)).toEqual([
      {
        name: '锡林郭勒盟',
        children: [
          { name: '锡林浩特市', children: [] },
          { name: '二连浩特市', children: [] },
        ],
      },
    ]);
  });

  it('returns the tree unchanged for a blank search', () => {
    expect(filterTree(tree, '  ', (node) => node.name)).toBe(tree);
  });
});

describe('parentKeys', () => {
  it('lists nodes that have children', () => {
    expect(parentKeys(tree, (node) => node.name)).toEqual(['锡林郭勒盟', '锡林浩特市']);
  });
});
