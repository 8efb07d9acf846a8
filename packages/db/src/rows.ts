/**
 * `db.execute` returns an array of rows on postgres-js and `{ rows }` on PGlite; this returns the rows
 * in both cases.
 */
export function rowsOf<Row = Record<string, unknown>>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  if (result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) {
    return (result as { rows: Row[] }).rows;
  }
  throw new Error('无法识别的查询结果格式');
}
