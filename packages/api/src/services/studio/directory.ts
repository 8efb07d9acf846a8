import type {
  CertificateTemplateDocument,
  DictionaryDocument,
  FormDocument,
  ItemDocument,
  OrganizationDocument,
  PostDocument,
  RegionDocument,
  RoleDocument,
  UserDocument,
} from '@xlgl/schema';
import { readAllDocuments, type Db } from '@xlgl/db';

type Row<K extends string> = { kind: K; body: Record<string, unknown> };

async function bodies<T>(db: Db, kind: string): Promise<T[]> {
  return (await readAllDocuments(db, [kind])).map((row: Row<string>) => row.body as unknown as T);
}

/** What the flow designer's pickers and live review need, without passwords or other private data. */
export async function flowDesignerDirectory(db: Db) {
  const [roles, posts, organizations, users, items, forms, certificateTemplates] = await Promise.all([
    bodies<RoleDocument>(db, 'role'),
    bodies<PostDocument>(db, 'post'),
    bodies<OrganizationDocument>(db, 'organization'),
    bodies<UserDocument>(db, 'user'),
    bodies<ItemDocument>(db, 'item'),
    bodies<FormDocument>(db, 'form'),
    bodies<CertificateTemplateDocument>(db, 'certificate-template'),
  ]);
  return {
    roles: roles.map(({ id, name }) => ({ id, name })),
    posts: posts.map(({ id, name, organizationId }) => ({ id, name, organizationId })),
    organizations: organizations.map(({ id, name, type, regionCode, parentId }) => ({ id, name, type, regionCode, parentId })),
    users: users.map(({ id, name, account, organizationId, roleIds, postIds, active }) => ({ id, name, account, organizationId, roleIds, postIds, active })),
    items: items.map(({ id, name, regionCode, timeLimit, charges, fees, result, flowId, formId }) => ({
      id,
      name,
      regionCode,
      timeLimit: { statutory: timeLimit.statutory, promised: timeLimit.promised },
      charges,
      fees: fees.map((fee) => ({ id: fee.id, name: fee.name })),
      result,
      flowId: flowId ?? null,
      formId: formId ?? null,
    })),
    /** Published forms with the fields of their version in force (conditions, field permissions). */
    forms: forms.map((form) => ({
      id: form.id,
      name: form.name,
      version: form.version,
      fields: form.sections.flatMap((section) =>
        section.fields.map((field) => ({ id: field.id, type: field.type, label: field.label, removed: field.removed, sectionId: section.id, sectionTitle: section.title, dictionaryId: field.dictionaryId })),
      ),
    })),
    certificateTemplates: certificateTemplates.map(({ id, name }) => ({ id, name })),
  };
}

export type RegionTreeNode = { code: string; name: string; level: string; children: RegionTreeNode[] };

/** What the form designer needs: dictionaries, departments (一表制 sections), the region tree. */
export async function formDesignerDirectory(db: Db) {
  const [dictionaries, organizations, regions] = await Promise.all([
    bodies<DictionaryDocument>(db, 'dictionary'),
    bodies<OrganizationDocument>(db, 'organization'),
    bodies<RegionDocument>(db, 'region'),
  ]);
  const nodes = new Map<string, RegionTreeNode>(regions.map((region) => [region.code, { code: region.code, name: region.name, level: region.level, children: [] }]));
  const roots: RegionTreeNode[] = [];
  for (const region of [...regions].sort((a, b) => a.code.localeCompare(b.code))) {
    const node = nodes.get(region.code)!;
    const parent = region.parentCode ? nodes.get(region.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return {
    dictionaries: dictionaries.map(({ id, name, entries }) => ({ id, name, entries })),
    departments: organizations.filter((organization) => organization.type === 'department').map(({ id, name }) => ({ id, name })),
    regionTree: roots,
  };
}
