import type { RouterOutputs } from '../../../trpc.js';

type Result = RouterOutputs['reports']['run'];
export type Dimension = Result['dimensions'][number]['key'];

/** What a click picked: dimension values (keys, not labels). */
export type Pick = Partial<Record<Dimension, string>>;

/**
 * Arranges a report result for charts: the row dimensions make the categories (x axis / slices),
 * the series dimension (if any) makes one series per value of the first measure; without one, each
 * measure is a series.
 */
export function chartModel(result: Result) {
  const dims = result.dimensions.map((dimension) => dimension.key);
  const hasSeries = dims.length > 1;
  const rowDims = hasSeries ? dims.slice(0, -1) : dims;
  const seriesDim = hasSeries ? dims[dims.length - 1]! : null;
  const categoryKey = (row: Result['rows'][number]) => row.keys.slice(0, rowDims.length).join('\u0001');
  const categories: Array<{ key: string; keys: Array<string | null>; label: string }> = [];
  for (const row of result.rows) {
    const key = categoryKey(row);
    if (!categories.some((category) => category.key === key)) categories.push({ key, keys: row.keys.slice(0, rowDims.length), label: row.labels.slice(0, rowDims.length).join(' / ') || '合计' });
  }
  const seriesValues: Array<{ key: string | null; label: string }> = [];
  if (seriesDim) {
    for (const row of result.rows) {
      const key = row.keys[rowDims.length] ?? null;
      if (!seriesValues.some((entry) => entry.key === key)) seriesValues.push({ key, label: row.labels[rowDims.length]! });
    }
  }
  const series = seriesDim
    ? seriesValues.map((entry) => ({
        name: entry.label,
        key: entry.key,
        data: categories.map((category) => result.rows.find((row) => categoryKey(row) === category.key && (row.keys[rowDims.length] ?? null) === entry.key)?.values[0] ?? 0),
      }))
    : result.measures.map((measure, index) => ({ name: measure.label, key: null, data: categories.map((category) => result.rows.find((row) => categoryKey(row) === category.key)?.values[index] ?? 0) }));
  const pickOfKeys = (keys: Array<string | null>, seriesKey: string | null): Pick => {
    const pick: Pick = {};
    rowDims.forEach((dimension, index) => {
      if (keys[index] !== null && keys[index] !== undefined) pick[dimension] = keys[index]!;
    });
    if (seriesDim && seriesKey !== null) pick[seriesDim] = seriesKey;
    return pick;
  };
  return {
    categories,
    series,
    rowDims,
    seriesDim,
    pickOf: (categoryIndex: number, seriesIndex: number): Pick => pickOfKeys(categories[categoryIndex]?.keys ?? [], seriesDim ? (series[seriesIndex]?.key ?? null) : null),
    pickOfRow: (rowIndex: number): Pick => {
      const row = result.rows[rowIndex]!;
      const pick: Pick = {};
      dims.forEach((dimension, index) => {
        if (row.keys[index] !== null) pick[dimension] = row.keys[index]!;
      });
      return pick;
    },
    kpis:
      result.dimensions.length === 0
        ? result.measures.map((measure, index) => ({ label: measure.label, value: result.rows[0]?.values[index] ?? null, pick: {} as Pick }))
        : result.rows.map((row, index) => ({ label: `${row.labels.join(' / ')} · ${result.measures[0]?.label ?? ''}`, value: row.values[0] ?? null, pick: ((): Pick => {
            const pick: Pick = {};
            dims.forEach((dimension, position) => {
              if (row.keys[position] !== null) pick[dimension] = row.keys[position]!;
            });
            return pick;
          })(), index })),
  };
}
