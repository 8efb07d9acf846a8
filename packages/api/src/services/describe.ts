import { documentKindLabels, isDocumentKind } from '@xlgl/schema';

/** `用户“张三”（lg.window）` — how messages name a document. */
export function describeDocument(kind: string, id: string, body?: Record<string, unknown> | null): string {
  const label = isDocumentKind(kind) ? documentKindLabels[kind] : kind;
  const name = typeof body?.name === 'string' ? body.name : null;
  return name ? `${label}“${name}”（${id}）` : `${label}“${id}”`;
}

/** `$.roleIds[0]` — a JSON path for messages and `file: path: message` lines. */
export function jsonPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
