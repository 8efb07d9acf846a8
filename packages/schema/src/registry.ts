import type { z } from 'zod';
import { documentKinds, type DocumentKind, type DocumentReference } from './document.js';
import { regionDocument, regionReferences } from './kinds/region.js';
import { organizationDocument, organizationReferences } from './kinds/organization.js';
import { postDocument, postReferences } from './kinds/post.js';
import { roleDocument, roleReferences } from './kinds/role.js';
import { userDocument, userReferences } from './kinds/user.js';
import { dictionaryDocument, dictionaryReferences } from './kinds/dictionary.js';
import { itemDocument, itemReferences } from './kinds/item.js';
import { formDocument, formReferences } from './kinds/form.js';
import { flowDocument, flowReferences } from './kinds/flow.js';
import {
  certificateTemplateDocument,
  certificateTemplateReferences,
  documentTemplateDocument,
  documentTemplateReferences,
} from './kinds/template.js';
import { reportDocument, reportReferences } from './kinds/report.js';
import { upgradeFormSettings } from './field-types/settingsUpgrade.js';

/** An `up` migration from schemaVersion `from` to `from + 1`, on raw JSON. */
export type Migration = { from: number; name: string; up: (doc: Record<string, unknown>) => Record<string, unknown> };

export type KindDefinition<S extends z.ZodType = z.ZodType> = {
  kind: DocumentKind;
  schema: S;
  /** The schema version new documents are written in. */
  currentSchemaVersion: number;
  migrations: Migration[];
  references: (doc: z.infer<S>) => DocumentReference[];
};

function define<S extends z.ZodType>(definition: KindDefinition<S>): KindDefinition<S> {
  return definition;
}

/** One entry per kind; `satisfies` makes a missing kind a compile error. */
export const kindRegistry = {
  region: define({ kind: 'region', schema: regionDocument, currentSchemaVersion: 1, migrations: [], references: regionReferences }),
  organization: define({ kind: 'organization', schema: organizationDocument, currentSchemaVersion: 1, migrations: [], references: organizationReferences }),
  post: define({ kind: 'post', schema: postDocument, currentSchemaVersion: 1, migrations: [], references: postReferences }),
  role: define({ kind: 'role', schema: roleDocument, currentSchemaVersion: 1, migrations: [], references: roleReferences }),
  user: define({ kind: 'user', schema: userDocument, currentSchemaVersion: 1, migrations: [], references: userReferences }),
  dictionary: define({ kind: 'dictionary', schema: dictionaryDocument, currentSchemaVersion: 1, migrations: [], references: dictionaryReferences }),
  item: define({
    kind: 'item',
    schema: itemDocument,
    currentSchemaVersion: 2,
    migrations: [
      // 2: sub-items (子项 / 办理项) with their own codes; earlier items have none.
      { from: 1, name: 'item-sub-items', up: (doc) => ({ ...doc, subItems: Array.isArray(doc.subItems) ? doc.subItems : [] }) },
    ],
    references: itemReferences,
  }),
  form: define({ kind: 'form', schema: formDocument, currentSchemaVersion: 1, migrations: [], references: formReferences }),
  flow: define({ kind: 'flow', schema: flowDocument, currentSchemaVersion: 1, migrations: [], references: flowReferences }),
  'certificate-template': define({
    kind: 'certificate-template',
    schema: certificateTemplateDocument,
    currentSchemaVersion: 1,
    migrations: [],
    references: certificateTemplateReferences,
  }),
  'document-template': define({
    kind: 'document-template',
    schema: documentTemplateDocument,
    currentSchemaVersion: 1,
    migrations: [],
    references: documentTemplateReferences,
  }),
  report: define({ kind: 'report', schema: reportDocument, currentSchemaVersion: 1, migrations: [], references: reportReferences }),
} satisfies { [K in DocumentKind]: KindDefinition };

export type KindRegistry = typeof kindRegistry;
export type DocumentOf<K extends DocumentKind> = z.infer<KindRegistry[K]['schema']>;
export type AnyDocument = { [K in DocumentKind]: DocumentOf<K> }[DocumentKind];

export type DocumentIssue = { path: (string | number)[]; message: string };
export type ParseResult = { ok: true; document: AnyDocument } | { ok: false; issues: DocumentIssue[] };

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (documentKinds as readonly string[]).includes(value);
}

/** Applies `up` migrations to raw JSON until it reaches the kind's current schema version. */
export function migrateDocument(raw: Record<string, unknown>): Record<string, unknown> {
  if (!isDocumentKind(raw.kind)) return raw;
  const definition = kindRegistry[raw.kind] as KindDefinition;
  let doc = raw;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 1;
  while (version < definition.currentSchemaVersion) {
    const migration = definition.migrations.find((entry) => entry.from === version);
    if (!migration) break;
    doc = { ...migration.up(doc), schemaVersion: version + 1 };
    version += 1;
  }
  // field settings carry their own versions (one per field type)
  if (raw.kind === 'form') doc = upgradeFormSettings(doc).document;
  return doc;
}

/** Validates raw JSON as a metadata document of any kind, migrating it first. */
export function parseDocument(raw: unknown): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: [], message: '元数据文档必须是一个JSON对象' }] };
  }
  const record = raw as Record<string, unknown>;
  if (!isDocumentKind(record.kind)) {
    return { ok: false, issues: [{ path: ['kind'], message: `未知的文档类型“${String(record.kind)}”，应为：${documentKinds.join('、')}` }] };
  }
  const definition = kindRegistry[record.kind] as KindDefinition;
  if (typeof record.schemaVersion === 'number' && record.schemaVersion > definition.currentSchemaVersion) {
    return { ok: false, issues: [{ path: ['schemaVersion'], message: `架构版本${record.schemaVersion}高于本系统支持的版本${definition.currentSchemaVersion}` }] };
  }
  if (record.kind === 'form') {
    const upgrade = upgradeFormSettings(record);
    if (upgrade.issues.length > 0) return { ok: false, issues: upgrade.issues };
  }
  const result = definition.schema.safeParse(migrateDocument(record));
  if (result.success) return { ok: true, document: result.data as AnyDocument };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })),
  };
}

/** Lists the references a valid document makes to other documents. */
export function documentReferences(doc: AnyDocument): DocumentReference[] {
  const definition = kindRegistry[doc.kind] as KindDefinition;
  return definition.references(doc);
}
