import { z } from 'zod';
import { documentKinds, type DocumentKind } from './document.js';
import { kindRegistry } from './registry.js';

/** JSON Schema (draft 2020-12) for one kind, generated from its zod schema; inputs as written in files. */
export function jsonSchemaFor(kind: DocumentKind): Record<string, unknown> {
  const schema = z.toJSONSchema(kindRegistry[kind].schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: `https://xlgl.gov.local/metadata/schema/${kind}.schema.json`, title: kind };
}

/** All generated JSON Schemas keyed by file name, as they are written to `metadata/schema/`. */
export function allJsonSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const kind of documentKinds) files[`${kind}.schema.json`] = `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`;
  return files;
}
