import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allJsonSchemas } from './json-schema.js';

const dir = join(import.meta.dirname, '..', '..', '..', 'metadata', 'schema');

describe('generated JSON Schemas in metadata/schema', () => {
  it('are up to date with the zod model (run `npm run schema` when this fails)', () => {
    const expected = allJsonSchemas();
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) {
      expect(readFileSync(join(dir, name), 'utf8'), `${name} is stale`).toBe(text);
    }
  });
});
