/**
 * JSON with object keys sorted at every level, after a JSON round trip (so `undefined` is dropped and
 * dates become strings exactly as they will be when read back from jsonb). Used for checksums and hashes.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
