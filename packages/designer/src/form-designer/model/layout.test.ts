import { describe, expect, it } from 'vitest';
import { gridSpan, widthOptions } from './layout.js';

describe('layout', () => {
  it('scales a 24-column span to the section columns like the renderer', () => {
    expect(gridSpan(12, 2)).toBe(1);
    expect(gridSpan(24, 2)).toBe(2);
    expect(gridSpan(12, 3)).toBe(2);
    expect(gridSpan(8, 3)).toBe(1);
    expect(gridSpan(1, 4)).toBe(1);
    expect(gridSpan(24, 1)).toBe(1);
    expect(gridSpan(6, 3, 'sub-table')).toBe(3);
  });

  it('offers one width per column count, each mapping back to itself', () => {
    expect(widthOptions(3)).toEqual([
      { value: 8, columns: 1, label: '1/3 行' },
      { value: 16, columns: 2, label: '2/3 行' },
      { value: 24, columns: 3, label: '整行' },
    ]);
    for (const columns of [1, 2, 3, 4])
      for (const option of widthOptions(columns)) expect(gridSpan(option.value, columns)).toBe(option.columns);
  });
});
