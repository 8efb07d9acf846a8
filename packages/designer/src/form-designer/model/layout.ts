import type { FieldType } from '@xlgl/schema';

/**
 * How many of a section's grid columns a field takes — the same rule as the runtime renderer
 * (`@xlgl/renderer` toFormilySchema), so the canvas looks like the form will: the 24-column span
 * scaled to the section's columns, at least one, a sub-table always the whole row.
 */
export function gridSpan(span: number, columns: number, type?: FieldType): number {
  if (type === 'sub-table') return columns;
  return Math.min(columns, Math.max(1, Math.round((span / 24) * columns)));
}

/** The width choices of a section with `columns` columns, as 24-column spans. */
export function widthOptions(columns: number): { value: number; label: string; columns: number }[] {
  return Array.from({ length: columns }, (_, index) => {
    const taken = index + 1;
    return { value: Math.round((24 * taken) / columns), columns: taken, label: taken === columns ? '整行' : `${taken}/${columns} 行` };
  });
}
