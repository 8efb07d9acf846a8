import { describe, expect, it } from 'vitest';
import { chartModel } from './chartModel.js';

const result = {
  dimensions: [
    { key: 'region' as const, label: '区划' },
    { key: 'card' as const, label: '红黄牌' },
  ],
  measures: [{ key: 'm0', label: '数量' }],
  rows: [
    { keys: ['152500', 'none'], labels: ['锡林郭勒盟本级', '无'], values: [3] },
    { keys: ['152500', 'red'], labels: ['锡林郭勒盟本级', '红牌'], values: [1] },
    { keys: ['152502', 'none'], labels: ['锡林浩特市', '无'], values: [2] },
  ],
  regionParent: '152500',
  regionParentName: '锡林郭勒盟',
  drillableRegions: ['152502'],
};

describe('chartModel', () => {
  it('rows make categories, the last dimension makes series; a click picks both keys', () => {
    const model = chartModel(result);
    expect(model.categories.map((category) => category.label)).toEqual(['锡林郭勒盟本级', '锡林浩特市']);
    expect(model.series.map((series) => [series.name, series.data])).toEqual([
      ['无', [3, 2]],
      ['红牌', [1, 0]],
    ]);
    expect(model.pickOf(1, 0)).toEqual({ region: '152502', card: 'none' });
    expect(model.pickOf(0, 1)).toEqual({ region: '152500', card: 'red' });
    expect(model.pickOfRow(1)).toEqual({ region: '152500', card: 'red' });
  });
  it('without a series dimension each measure is a series; without dimensions, KPIs', () => {
    const single = chartModel({ ...result, dimensions: [result.dimensions[0]!], measures: [{ key: 'm0', label: '数量' }, { key: 'm1', label: '超期数' }], rows: [{ keys: ['152502'], labels: ['锡林浩特市'], values: [2, 1] }] });
    expect(single.series.map((series) => [series.name, series.data])).toEqual([
      ['数量', [2]],
      ['超期数', [1]],
    ]);
    expect(single.pickOf(0, 1)).toEqual({ region: '152502' });
    const kpi = chartModel({ ...result, dimensions: [], rows: [{ keys: [], labels: [], values: [7] }] });
    expect(kpi.kpis).toEqual([{ label: '数量', value: 7, pick: {} }]);
  });
});
