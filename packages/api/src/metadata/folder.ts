import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { DocumentKind } from '@xlgl/schema';

/** The folder each kind's files live in (`metadata/<folder>/<id>.json`). */
export const kindFolders: Record<DocumentKind, string> = {
  region: 'regions',
  organization: 'organizations',
  post: 'posts',
  role: 'roles',
  user: 'users',
  dictionary: 'dictionaries',
  item: 'items',
  form: 'forms',
  flow: 'flows',
  'certificate-template': 'certificate-templates',
  'document-template': 'document-templates',
  report: 'reports',
};

export type MetadataFile = {
  /** Path as shown in messages: the folder as given joined with the path inside it. */
  file: string;
  /** Parsed JSON, or undefined when the file is not valid JSON (see `jsonError`). */
  json?: unknown;
  jsonError?: string;
};

/** Folders skipped when reading a metadata folder: generated JSON Schemas, tooling, hidden folders. */
const skipped = new Set(['schema', 'node_modules']);

/** Reads every `*.json` under `dir` recursively (except `schema/`), sorted by path. */
export async function readMetadataFolder(dir: string): Promise<MetadataFile[]> {
  const paths: string[] = [];
  async function walk(current: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name)) await walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.json')) {
        paths.push(path);
      }
    }
  }
  await walk(dir);
  paths.sort((a, b) => relative(dir, a).split(sep).join('/').localeCompare(relative(dir, b).split(sep).join('/')));
  return Promise.all(
    paths.map(async (path) => {
      const text = await readFile(path, 'utf8');
      try {
        return { file: path, json: JSON.parse(text) as unknown };
      } catch (error) {
        return { file: path, jsonError: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
