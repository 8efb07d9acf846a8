// Writes one JSON Schema per metadata kind into metadata/schema/, generated from the zod model.
// The schema package's test fails when these files are stale: run `npm run schema` after a change.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allJsonSchemas } from '@xlgl/schema';

const dir = join(import.meta.dirname, '..', 'metadata', 'schema');
mkdirSync(dir, { recursive: true });
const files = allJsonSchemas();
for (const name of readdirSync(dir)) if (!(name in files)) rmSync(join(dir, name));
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
console.log(`已生成 ${Object.keys(files).length} 个 JSON Schema → metadata/schema/`);
