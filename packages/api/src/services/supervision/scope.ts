import { like, type SQL, type AnyColumn, sql } from 'drizzle-orm';

/** What a supervisor may see: the region they sit at and everything below it. */
export type SupervisionScope = { regionCode: string; prefix: string };

/**
 * The code prefix covering a region and its descendants (GB/T 2260 codes nest by prefix): a league
 * (`152500`) covers `1525…`, a banner (`152502`) `152502…`, a township (`152502200`) itself and its villages.
 */
export function regionPrefix(regionCode: string): string {
  if (regionCode.length === 6 && regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.length === 6 && regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}

export function scopeOf(regionCode: string): SupervisionScope {
  return { regionCode, prefix: regionPrefix(regionCode) };
}

/** Whether a region lies in the scope. */
export function inScope(scope: SupervisionScope, regionCode: string): boolean {
  return regionCode.startsWith(scope.prefix);
}

/** SQL condition: the column's region lies in the scope. */
export function scopeCondition(scope: SupervisionScope, column: AnyColumn | SQL): SQL {
  return like(column as AnyColumn, `${scope.prefix}%`);
}

/** The regions whose supervisors watch a case at `regionCode`: itself and its ancestors. */
export function supervisingRegions(regionCode: string): string[] {
  const out = new Set<string>([regionCode]);
  if (regionCode.length > 6) out.add(regionCode.slice(0, 6));
  if (regionCode.length > 9) out.add(regionCode.slice(0, 9));
  out.add(`${regionCode.slice(0, 4)}00`);
  out.add(`${regionCode.slice(0, 2)}0000`);
  return [...out];
}

export { sql };
