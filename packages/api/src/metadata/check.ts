import { describeDocumentPath, documentKindLabels, documentReferences, issueText, parseDocument, type AnyDocument, type DocumentKind } from '@xlgl/schema';
import { jsonPath } from '../services/describe.js';
import { readMetadataFolder, type MetadataFile } from './folder.js';
import { flowReviewCheck } from './flow-review-check.js';
import { feeQuantityCheck } from './fee-quantity-check.js';

export type MetadataProblem = {
  file: string;
  /** Where in the file (tools, editors jumping to the spot). */
  path: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
  /** The path in words (节点“审核登记”的办理时限), filled in by `checkMetadataFiles`. */
  where?: string;
};

/** A valid document and the file it came from. */
export type LoadedDocument = { file: string; document: AnyDocument };

export type MetadataCheckContext = {
  /** Every document that passed its schema, in file order. */
  documents: LoadedDocument[];
  /**
   * Finds a document by kind and id (regions also by code) among the folder's documents and `existing`;
   * `invalid` when a file declares that kind and id but failed its schema (already reported).
   */
  resolve: (kind: DocumentKind, id: string) => LoadedDocument | 'existing' | 'invalid' | undefined;
};

/**
 * A check over a whole metadata set. Checks run after every document passed its schema; each returns
 * its problems. Add checks to `metadataChecks` (e.g. the engine's flow review).
 */
export type MetadataCheck = {
  name: string;
  run: (context: MetadataCheckContext) => MetadataProblem[] | Promise<MetadataProblem[]>;
};

/** Two documents of one kind must not share an id. */
export const duplicateIdCheck: MetadataCheck = {
  name: 'duplicate-ids',
  run({ documents }) {
    const seen = new Map<string, string>();
    const problems: MetadataProblem[] = [];
    for (const { file, document } of documents) {
      const key = `${document.kind}/${document.id}`;
      const first = seen.get(key);
      if (first) {
        problems.push({ file, path: ['id'], message: `${documentKindLabels[document.kind]}标识“${document.id}”重复，已在 ${first} 中使用`, severity: 'error' });
      } else {
        seen.set(key, file);
      }
    }
    return problems;
  },
};

/** Every reference must name a document that exists; a document must not reference itself. */
export const referenceCheck: MetadataCheck = {
  name: 'references',
  run({ documents, resolve }) {
    const problems: MetadataProblem[] = [];
    for (const { file, document } of documents) {
      for (const reference of documentReferences(document)) {
        const target = resolve(reference.kind, reference.id);
        if (!target) {
          problems.push({ file, path: reference.path, message: `引用的${documentKindLabels[reference.kind]}“${reference.id}”不存在`, severity: 'error' });
        } else if (typeof target === 'object' && target.document === document) {
          problems.push({ file, path: reference.path, message: '不能引用自身', severity: 'error' });
        }
      }
    }
    return problems;
  },
};

/** User accounts must be unique. */
export const uniqueAccountCheck: MetadataCheck = {
  name: 'unique-accounts',
  run({ documents }) {
    const seen = new Map<string, string>();
    const problems: MetadataProblem[] = [];
    for (const { file, document } of documents) {
      if (document.kind !== 'user') continue;
      const first = seen.get(document.account);
      if (first) problems.push({ file, path: ['account'], message: `账号“${document.account}”重复，已在 ${first} 中使用`, severity: 'error' });
      else seen.set(document.account, file);
    }
    return problems;
  },
};

/** Organisation and region parents must not form a cycle. */
export const parentCycleCheck: MetadataCheck = {
  name: 'parent-cycles',
  run({ documents }) {
    const problems: MetadataProblem[] = [];
    const organizations = new Map<string, string | undefined>();
    const regions = new Map<string, string | undefined>();
    for (const { document } of documents) {
      if (document.kind === 'organization') organizations.set(document.id, document.parentId);
      if (document.kind === 'region') regions.set(document.code, document.parentCode);
    }
    for (const { file, document } of documents) {
      const [parents, self, key] =
        document.kind === 'organization' ? [organizations, document.id, 'parentId'] : document.kind === 'region' ? [regions, document.code, 'parentCode'] : [];
      if (!parents || !self || !key) continue;
      let cursor = parents.get(self);
      for (let depth = 0; cursor && depth <= parents.size; depth += 1) {
        if (cursor === self) {
          problems.push({ file, path: [key], message: '上级形成循环：上级不能是自身或自身的下级', severity: 'error' });
          break;
        }
        cursor = parents.get(cursor);
      }
    }
    return problems;
  },
};

/**
 * The checks `checkMetadata` and `importMetadata` run after schema validation. This is the place to
 * register further checks (flow soundness via the engine's `reviewFlow`, form changes, …).
 */
export const metadataChecks: MetadataCheck[] = [duplicateIdCheck, uniqueAccountCheck, referenceCheck, parentCycleCheck, flowReviewCheck, feeQuantityCheck];

export type MetadataCheckResult = {
  documents: LoadedDocument[];
  problems: MetadataProblem[];
  /** True when no problem is an error. */
  ok: boolean;
};

export type CheckOptions = {
  checks?: MetadataCheck[];
  /** Documents already in a database that references may point at (kind → ids and region codes). */
  existing?: (kind: DocumentKind, id: string) => boolean;
  /**
   * Context for a partial folder: files (e.g. the shipped configuration) whose documents the checks may
   * see and references may resolve to, for the kinds the checked folder lacks entirely. Problems are only
   * reported for the checked files; a folder that has some documents of a kind gets no context for it,
   * so a file deleted from a full copy is still reported.
   */
  contextFiles?: MetadataFile[];
};

/** Validates loaded files: JSON, schema per kind, then every check. */
export async function checkMetadataFiles(files: MetadataFile[], options: CheckOptions = {}): Promise<MetadataCheckResult> {
  const problems: MetadataProblem[] = [];
  const documents: LoadedDocument[] = [];
  const invalid = new Set<string>();
  for (const file of files) {
    if (file.jsonError !== undefined) {
      problems.push({ file: file.file, path: [], message: `不是合法的JSON：${file.jsonError}`, severity: 'error' });
      continue;
    }
    const parsed = parseDocument(file.json);
    if (parsed.ok) documents.push({ file: file.file, document: parsed.document });
    else {
      for (const issue of parsed.issues) problems.push({ file: file.file, path: issue.path, message: issue.message, severity: 'error' });
      // Remember what the broken file meant to be, so references to it do not cascade into more errors.
      const raw = file.json as Record<string, unknown> | null;
      if (raw && typeof raw === 'object') {
        if (typeof raw.id === 'string') invalid.add(`${String(raw.kind)}/${raw.id}`);
        if (typeof raw.code === 'string') invalid.add(`${String(raw.kind)}/${raw.code}`);
      }
    }
  }
  const checkedFiles = new Set(files.map((file) => file.file));
  if (options.contextFiles) {
    const kindsPresent = new Set(documents.map((entry) => entry.document.kind));
    for (const file of options.contextFiles) {
      if (file.jsonError !== undefined || checkedFiles.has(file.file)) continue;
      const parsed = parseDocument(file.json);
      if (parsed.ok && !kindsPresent.has(parsed.document.kind)) documents.push({ file: file.file, document: parsed.document });
    }
  }
  const index = new Map<string, LoadedDocument>();
  for (const entry of documents) {
    const key = `${entry.document.kind}/${entry.document.id}`;
    if (!index.has(key)) index.set(key, entry);
    if (entry.document.kind === 'region' && !index.has(`region/${entry.document.code}`)) index.set(`region/${entry.document.code}`, entry);
  }
  const context: MetadataCheckContext = {
    documents,
    resolve: (kind, id) =>
      index.get(`${kind}/${id}`) ?? (options.existing?.(kind, id) ? 'existing' : invalid.has(`${kind}/${id}`) ? 'invalid' : undefined),
  };
  for (const check of options.checks ?? metadataChecks) {
    for (const problem of await check.run(context)) if (checkedFiles.has(problem.file)) problems.push(problem);
  }
  const jsonOf = new Map(files.map((file) => [file.file, file.json]));
  for (const problem of problems) {
    const where = problem.where ?? describeDocumentPath(jsonOf.get(problem.file), problem.path);
    if (where) problem.where = where;
  }
  const checked = documents.filter((entry) => checkedFiles.has(entry.file));
  return { documents: checked, problems, ok: !problems.some((problem) => problem.severity === 'error') };
}

/** Reads and validates a metadata folder (see `checkMetadataFiles`). */
export async function checkMetadata(dir: string, options: CheckOptions = {}): Promise<MetadataCheckResult> {
  return checkMetadataFiles(await readMetadataFolder(dir), options);
}

/**
 * `metadata/users/admin.json: $.roleIds[0]（角色第1项）: 引用的角色“role-x”不存在` — the JSON path for
 * editors and grep, and the words for a position in a list when the message does not name the place.
 */
export function formatProblem(problem: MetadataProblem): string {
  const prefix = problem.severity === 'warning' ? '警告：' : '';
  // Words where the path has list positions (nodes[2] → 节点“审核登记”), unless the message names the place.
  const positional = problem.path.some((segment) => typeof segment === 'number');
  const words = positional && problem.where && issueText(problem) !== problem.message ? `（${problem.where}）` : '';
  return `${problem.file}: ${jsonPath(problem.path)}${words}: ${prefix}${problem.message}`;
}
