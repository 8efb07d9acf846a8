/** One bench figure, printed as one JSON line. */
export type Figure = { name: string; value: number; unit: string; target: string; ok: boolean; note?: string };

const figures: Figure[] = [];

/** Records and prints a figure; `target` is like ">=0.5" or "<100". */
export function figure(name: string, value: number, unit: string, target: string, note?: string): Figure {
  const match = target.match(/^(>=|<=|<|>)\s*([\d.]+)$/);
  let ok = true;
  if (match) {
    const limit = Number(match[2]);
    ok = match[1] === '>=' ? value >= limit : match[1] === '<=' ? value <= limit : match[1] === '<' ? value < limit : value > limit;
  }
  const entry: Figure = { name, value: Math.round(value * 1000) / 1000, unit, target, ok, ...(note ? { note } : {}) };
  figures.push(entry);
  console.log(JSON.stringify(entry));
  return entry;
}

export function summary(): { total: number; ok: number; failed: string[] } {
  return {
    total: figures.length,
    ok: figures.filter((entry) => entry.ok).length,
    failed: figures.filter((entry) => !entry.ok).map((entry) => entry.name),
  };
}
